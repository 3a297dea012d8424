"""Settings → Sources: the mailboxes, mail folders and calendars Allies reads (SPEC §11).

Adding a source logs in (IMAP) or checks the path on the worker, then starts its first
scan at once, with progress and Cancel; a large first scan can be cancelled and goes on
where it stopped the next time. "Forget" removes a source with its bookkeeping and open
suggestions (dismissals stay). The two settings "my e-mail addresses" and "accept
e-mail suggestions automatically" are saved with the dialog's OK.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from app import settings as app_settings
from app.capture import sources
from app.capture.imap import CertificateUntrusted
from app.capture.scan import ScanReport
from app.changes import Changes
from app.errors import SourceFailed, ValidationError
from app.models import database
from ui.ops import ops
from ui.qt import Qt, QtCore, QtWidgets, Signal
from ui.suggestions.scanning import shared_runner
from ui.suggestions.texts import error_text, result_text

KEYS = ("my_email_addresses", "capture_auto_accept_email", "capture_background_scan")


def read_capture_settings() -> dict[str, Any]:
    return {key: app_settings.get(key) for key in KEYS}


def write_capture_settings(values: dict[str, Any]) -> Changes:
    with database.atomic(lock_type="IMMEDIATE"):
        for key, value in values.items():
            if app_settings.get(key) != value:
                app_settings.set_value(key, value)
    return Changes(settings=True)


def add_imap(
    url: str, user: str, password: str, folders: list[str], trusted_cert: str = ""
) -> tuple[str, Changes]:
    """On the worker: log in, add the mailbox; its name."""
    source_id, changes = sources.add_imap_source(
        url, user, password, folders, trusted_cert=trusted_cert
    )
    return sources.CaptureSource.get_by_id(source_id).name, changes


def add_local(kind: str, path: Path) -> tuple[str, Changes]:
    source_id, changes = sources.add_local_source(kind, path)
    return sources.CaptureSource.get_by_id(source_id).name, changes


def add_account(account_name: str) -> tuple[str, Changes]:
    source_id, changes = sources.add_account_source(account_name)
    return sources.CaptureSource.get_by_id(source_id).name, changes


def sync_account_names() -> list[str]:
    from app.sync.accounts import accounts

    taken = {s.location for s in sources.list_sources() if s.kind == "account"}
    return [a.name for a in accounts() if a.name not in taken]


def kind_label(kind: str) -> str:
    translate = QtCore.QCoreApplication.translate
    return {
        "imap": translate("Capture", "Mailbox (IMAP)"),
        "maildir": translate("Capture", "Mail folder (Maildir)"),
        "mbox": translate("Capture", "Mail file (mbox)"),
        "ics": translate("Capture", "Calendar file"),
        "account": translate("Capture", "Calendars of a sync account"),
    }.get(kind, kind)


class SourcesModel(QtCore.QAbstractListModel):
    """The sources, two lines each: name and kind, then where and how the last scan went."""

    def __init__(self, parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        self.items: list[sources.SourceInfo] = []

    def set_items(self, items: list[sources.SourceInfo]) -> None:
        self.beginResetModel()
        self.items = list(items)
        self.endResetModel()

    def rowCount(self, parent: QtCore.QModelIndex | None = None) -> int:  # noqa: N802
        return 0 if parent is not None and parent.isValid() else len(self.items)

    def data(self, index: QtCore.QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.items):
            return None
        item = self.items[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            where = f"{item.username} · {item.location}" if item.username else item.location
            if item.last_error:
                state = error_text(item.last_error.split(":")[0])
            elif item.last_scan_at:
                state = self.tr("last scan %1").replace("%1", item.last_scan_at[:16])
            else:
                state = self.tr("not scanned yet")
            separator = ", " if role == Qt.ItemDataRole.AccessibleTextRole else "\n"
            return f"{item.name} — {kind_label(item.kind)}{separator}{where} ({state})"
        if role == Qt.ItemDataRole.UserRole:
            return item.name
        return None


class ImapDialog(QtWidgets.QDialog):
    """Add a mailbox: server, security, user, password, folders. Logs in before adding.

    A server whose certificate the system does not trust (a self-signed one) shows its
    SHA-256 fingerprint and a "Trust this certificate" button, as Settings → Accounts
    does; trusting logs in again pinned to exactly that certificate.

    Signals: ``added(str)`` with the new source's name.
    """

    added = Signal(str)

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Add a mailbox"))
        self._trusted = ""  # the PEM the user chose to trust
        self._pending_pem = ""  # the one the server showed, not trusted yet
        self.host = QtWidgets.QLineEdit()
        self.host.setPlaceholderText(self.tr("imap.example.org"))
        self.security = QtWidgets.QComboBox()
        self.security.addItem(self.tr("TLS (port 993)"), "imaps")
        self.security.addItem(self.tr("STARTTLS (port 143)"), "imap")
        self.port = QtWidgets.QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(993)
        self.security.currentIndexChanged.connect(
            lambda _i: self.port.setValue(993 if self.security.currentData() == "imaps" else 143)
        )
        self.user = QtWidgets.QLineEdit()
        self.password = QtWidgets.QLineEdit()
        self.password.setEchoMode(QtWidgets.QLineEdit.EchoMode.Password)
        self.folders = QtWidgets.QLineEdit()
        self.folders.setPlaceholderText(self.tr("Inbox and Sent"))
        self.error = QtWidgets.QLabel()
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setWordWrap(True)
        self.error.hide()
        note = QtWidgets.QLabel(
            self.tr(
                "Allies reads only the headers (who, when, subject) on this computer. "
                "The password is kept in the system keyring."
            )
        )
        note.setWordWrap(True)
        note.setEnabled(False)
        form = QtWidgets.QFormLayout()
        form.addRow(self.tr("&Server:"), self.host)
        form.addRow(self.tr("S&ecurity:"), self.security)
        form.addRow(self.tr("&Port:"), self.port)
        form.addRow(self.tr("&User:"), self.user)
        form.addRow(self.tr("Pass&word:"), self.password)
        form.addRow(self.tr("&Folders:"), self.folders)
        self.buttons = QtWidgets.QDialogButtonBox(
            QtWidgets.QDialogButtonBox.StandardButton.Ok
            | QtWidgets.QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QtWidgets.QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Add"))
        self.trust_button = self.buttons.addButton(
            self.tr("Trust this certificate"), QtWidgets.QDialogButtonBox.ButtonRole.ActionRole
        )
        self.trust_button.hide()
        self.trust_button.clicked.connect(self.trust_certificate)
        for edit in (self.host, self.user):
            edit.textEdited.connect(self._server_changed)
        self.port.valueChanged.connect(self._server_changed)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(420)

    def url(self) -> str:
        return f"{self.security.currentData()}://{self.host.text().strip()}:{self.port.value()}"

    def submit(self) -> None:
        if not self.host.text().strip() or not self.user.text().strip():
            self._show_error(self.tr("Enter the server and the user name."))
            return
        folders = [f.strip() for f in self.folders.text().split(",") if f.strip()]
        self.ok_button.setEnabled(False)
        self.error.setText(self.tr("Logging in…"))
        self.error.show()
        ops().run(
            add_imap,
            self.url(),
            self.user.text().strip(),
            self.password.text(),
            folders,
            self._trusted,
            write=False,
            success=self._added,
            failure=self._failed,
        )

    def trust_certificate(self) -> None:
        """The user compared the fingerprint: log in again, trusting that certificate."""
        self._trusted = self._pending_pem
        self.trust_button.hide()
        self.submit()

    def _server_changed(self) -> None:
        """Another server (or user) is not the one whose certificate was trusted."""
        self._trusted = self._pending_pem = ""
        self.trust_button.hide()

    def _added(self, result: tuple[str, Changes]) -> None:
        self.added.emit(result[0])
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.ok_button.setEnabled(True)
        if isinstance(exc, CertificateUntrusted) and exc.pem:
            self._pending_pem = exc.pem
            self.trust_button.show()
            if self._trusted:
                text = self.tr(
                    "The server now shows another certificate than the one you trusted:\n"
                    "SHA-256 %1"
                )
            else:
                text = self.tr(
                    "The server's certificate is not trusted. If this is your own server, "
                    "compare its fingerprint and trust it:\nSHA-256 %1"
                )
            self._trusted = ""
            self._show_error(text.replace("%1", exc.fingerprint))
        elif isinstance(exc, SourceFailed):
            self._show_error(error_text(exc.code))
        elif isinstance(exc, ValidationError):
            self._show_error(self.tr("This is not a server address Allies can use."))
        else:
            self._show_error(str(exc))

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()


class SourcesPage(QtWidgets.QWidget):
    """The Sources page of the settings dialog. No signals of its own."""

    def __init__(self, parent: QtWidgets.QWidget | None = None, home: Path | None = None) -> None:
        super().__init__(parent)
        self._home = home
        self._loaded_settings: dict[str, Any] | None = None
        self.addresses = QtWidgets.QLineEdit()
        self.addresses.setObjectName("myEmailAddresses")
        self.addresses.setPlaceholderText(self.tr("me@example.org, me@private.example"))
        self.auto_accept = QtWidgets.QCheckBox(self.tr("Accept e-mail suggestions automatically"))
        you = QtWidgets.QGroupBox(self.tr("Your e-mail"))
        you_form = QtWidgets.QFormLayout(you)
        you_form.addRow(self.tr("My e-mail &addresses:"), self.addresses)
        you_form.addRow(self.auto_accept)

        self.model = SourcesModel(self)
        self.list = QtWidgets.QListView()
        self.list.setModel(self.model)
        self.list.setAccessibleName(self.tr("Sources"))
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.add_mailbox = QtWidgets.QPushButton(self.tr("Add &mailbox…"))
        self.add_mailbox.clicked.connect(self.open_imap_dialog)
        self.add_local = QtWidgets.QPushButton(self.tr("Add &folder or file"))
        self.local_menu = QtWidgets.QMenu(self)
        self.local_menu.aboutToShow.connect(self._fill_local_menu)
        self.add_local.setMenu(self.local_menu)
        self.scan_button = QtWidgets.QPushButton(self.tr("&Scan now"))
        self.scan_button.clicked.connect(lambda: self.scanner.start())
        self.forget_button = QtWidgets.QPushButton(self.tr("F&orget"))
        self.forget_button.setToolTip(
            self.tr("Remove the source with what Allies noted about it and its open suggestions")
        )
        self.forget_button.clicked.connect(self.forget_current)
        buttons = QtWidgets.QHBoxLayout()
        for button in (self.add_mailbox, self.add_local, self.scan_button, self.forget_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.background = QtWidgets.QCheckBox(
            self.tr("Scan in the &background: at start and every 30 minutes")
        )
        self.background.setChecked(True)

        self.progress = QtWidgets.QProgressBar()
        self.progress.hide()
        self.cancel_button = QtWidgets.QPushButton(self.tr("Cancel scan"))
        self.cancel_button.hide()
        self.status = QtWidgets.QLabel()
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self.scanner = shared_runner()  # one scan at a time, whoever starts it
        self.cancel_button.clicked.connect(self.scanner.cancel)
        self.scanner.started.connect(self._scan_started)
        self.scanner.source_started.connect(self._source_started)
        self.scanner.progress.connect(self._scan_progress)
        self.scanner.finished.connect(self._scan_finished)
        self.scanner.failed.connect(self._scan_failed)
        if self.scanner.running:  # a background scan is under way
            self._scan_started()
        progress_row = QtWidgets.QHBoxLayout()
        progress_row.addWidget(self.progress, 1)
        progress_row.addWidget(self.cancel_button)

        group = QtWidgets.QGroupBox(self.tr("Mailboxes, mail folders and calendars"))
        column = QtWidgets.QVBoxLayout(group)
        explain = QtWidgets.QLabel(
            self.tr(
                "Allies reads who wrote to whom and when, and your past meetings, on this "
                "computer, and proposes them as encounters. No message text is stored."
            )
        )
        explain.setWordWrap(True)
        column.addWidget(explain)
        column.addWidget(self.list, 1)
        column.addLayout(buttons)
        column.addWidget(self.background)
        column.addLayout(progress_row)
        column.addWidget(self.status)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(you)
        layout.addWidget(group, 1)
        ops().run(read_capture_settings, write=False, success=self._fill)
        self.reload()

    # --- settings ------------------------------------------------------------------

    def _fill(self, values: dict[str, Any]) -> None:
        self._loaded_settings = values
        self.addresses.setText(values["my_email_addresses"])
        self.auto_accept.setChecked(bool(values["capture_auto_accept_email"]))
        self.background.setChecked(bool(values["capture_background_scan"]))

    def values(self) -> dict[str, Any]:
        addresses = [a.strip() for a in self.addresses.text().replace(";", ",").split(",")]
        return {
            "my_email_addresses": ", ".join(a for a in addresses if a),
            "capture_auto_accept_email": self.auto_accept.isChecked(),
            "capture_background_scan": self.background.isChecked(),
        }

    def save(self) -> None:
        values = self.values()
        if values != self._loaded_settings:
            ops().run(write_capture_settings, values)

    # --- sources -------------------------------------------------------------------

    def reload(self) -> None:
        ops().run(sources.list_sources, write=False, success=self._listed)

    def _listed(self, items: list[sources.SourceInfo]) -> None:
        current = self.current_name()
        self.model.set_items(items)
        names = [i.name for i in items]
        row = names.index(current) if current in names else 0
        if items:
            self.list.setCurrentIndex(self.model.index(row, 0))
        self.forget_button.setEnabled(bool(items))
        self.scan_button.setEnabled(bool(items) and not self.scanner.running)

    def current_name(self) -> str | None:
        index = self.list.currentIndex()
        return str(index.data(Qt.ItemDataRole.UserRole)) if index.isValid() else None

    def open_imap_dialog(self) -> ImapDialog:
        dialog = ImapDialog(self)
        dialog.added.connect(self._added)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def _fill_local_menu(self) -> None:
        menu = self.local_menu
        menu.clear()
        found = sources.find_local_mail(self._home)
        for item in found:
            program = "Thunderbird" if item.program == "thunderbird" else "Evolution"
            action = menu.addAction(f"{program}: {item.label}".replace("&", "&&"))
            action.triggered.connect(
                lambda _=False, k=item.kind, p=item.path: self.add_local_source(k, p)
            )
        for account in sync_account_names():
            text = self.tr("Calendars of the account %1").replace("%1", account)
            action = menu.addAction(text.replace("&", "&&"))
            action.triggered.connect(lambda _=False, a=account: self.add_account_source(a))
        if menu.actions():
            menu.addSeparator()
        for kind, text in (
            ("maildir", self.tr("Maildir folder…")),
            ("mbox", self.tr("mbox file…")),
            ("ics", self.tr("Calendar file (.ics)…")),
        ):
            action = menu.addAction(text)
            action.triggered.connect(lambda _=False, k=kind: self.choose_local(k))

    def choose_local(self, kind: str) -> None:
        if kind == "maildir":
            path = QtWidgets.QFileDialog.getExistingDirectory(self, self.tr("Maildir folder"))
        else:
            pattern = self.tr("Calendar (*.ics)") if kind == "ics" else self.tr("All files (*)")
            path, _ = QtWidgets.QFileDialog.getOpenFileName(
                self, self.tr("Choose a file"), "", pattern
            )
        if path:
            self.add_local_source(kind, Path(path))

    def add_local_source(self, kind: str, path: Path) -> None:
        ops().run(
            sources.add_local_source,
            kind,
            path,
            success=lambda result: self._added(sources.CaptureSource.get_by_id(result[0]).name),
            failure=self._add_failed,
        )

    def add_account_source(self, account: str) -> None:
        ops().run(
            add_account,
            account,
            success=lambda result: self._added(result[0]),
            failure=self._add_failed,
        )

    def _add_failed(self, exc: BaseException) -> None:
        if isinstance(exc, ValidationError):
            self.status.setText(
                self.tr("%1 is not a mail folder, mail file or calendar Allies can read.").replace(
                    "%1", str(exc.value)
                )
            )
        else:
            self.status.setText(str(exc))

    def _added(self, name: str) -> None:
        self.reload()
        if not self.scanner.start([name]):
            self.status.setText(
                self.tr("%1 is scanned after the scan that is running.").replace("%1", name)
            )

    def forget_current(self) -> QtWidgets.QMessageBox | None:
        name = self.current_name()
        if name is None:
            return None
        box = QtWidgets.QMessageBox(self)
        box.setIcon(QtWidgets.QMessageBox.Icon.Question)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setWindowTitle(self.tr("Forget source"))
        box.setText(self.tr("Forget %1?").replace("%1", name))
        box.setInformativeText(
            self.tr(
                "Allies stops reading it and removes what it noted about it and its open "
                "suggestions. What you accepted stays."
            )
        )
        box.setStandardButtons(
            QtWidgets.QMessageBox.StandardButton.Yes | QtWidgets.QMessageBox.StandardButton.Cancel
        )
        box.button(QtWidgets.QMessageBox.StandardButton.Yes).setText(self.tr("Forget"))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def done(button: int) -> None:
            if button == QtWidgets.QMessageBox.StandardButton.Yes:
                ops().run(
                    sources.remove_source, name, forget=True, success=lambda _c: self.reload()
                )

        box.finished.connect(done)
        box.open()
        return box

    # --- scanning ------------------------------------------------------------------

    def _source_started(self, name: str) -> None:
        self.status.setText(self.tr("Scanning %1…").replace("%1", name))

    def _scan_started(self) -> None:
        self.progress.setRange(0, 0)
        self.progress.show()
        self.cancel_button.show()
        self.scan_button.setEnabled(False)

    def _scan_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(min(done, max(total, 1)))

    def _scan_finished(self, report: ScanReport) -> None:
        self._scan_stopped()
        self.status.setText("\n".join(result_text(r) for r in report.results))
        self.reload()

    def _scan_failed(self, exc: BaseException) -> None:
        self._scan_stopped()
        self.status.setText(str(exc))

    def _scan_stopped(self) -> None:
        self.progress.hide()
        self.cancel_button.hide()
        self.scan_button.setEnabled(bool(self.model.items))
