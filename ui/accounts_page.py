"""Settings → Accounts: add a CardDAV account, sync it, see the result and the conflicts.

Without an account the page is a form: server, user name, password and what travels
(private fields, history); "Test connection" logs in and lists the address books (or
offers to create one), a server whose certificate is not trusted shows its fingerprint and
a "Trust this certificate" button; "Add account" stores it and starts the first sync.
With an account the page shows it, "Sync now" with the progress and the last result, the
what-travels tick boxes, "Remove account" (the contacts stay), and the conflicts: each row
is a field both sides changed, with "Restore the other value" one click away.

Everything that talks to the server or the database runs on the ops worker.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import shiboken6

from app.changes import Changes
from ui.ops import ops
from ui.qt import Qt, QtCore, QtGui, QtWidgets
from ui.sync_status import SyncController, controller, error_text


def _fetch_page() -> dict[str, Any]:
    from app.sync.accounts import accounts, password_storage
    from app.sync.service import conflicts, last_result

    found = accounts()
    account = found[0] if found else None
    rows = conflicts()
    names = {}
    if rows:
        from app.models import Contact

        ids = {r.local_id for r in rows if r.local_id is not None}
        names = {
            c.id: c.formatted_name
            for c in Contact.select(Contact.id, Contact.formatted_name).where(Contact.id.in_(ids))
        }
    return {
        "account": account,
        "last": last_result(account) if account else None,
        "conflicts": rows,
        "names": names,
        "storage": password_storage(),
    }


def _test(url: str, user: str, password: str, trusted: str) -> Any:
    from app.sync.accounts import discover

    return discover(url, user, password, trusted_cert=trusted)


def _add(url: str, user: str, password: str, book: str | None, private: bool, history: bool,
         trusted: str) -> Changes:  # fmt: skip
    from app.sync.accounts import add_account

    add_account(
        url,
        user,
        password,
        addressbook=book,
        sync_private=private,
        sync_history=history,
        trusted_cert=trusted,
    )
    return Changes(settings=True)


def _remove(name: str) -> Changes:
    from app.sync.accounts import remove_account

    remove_account(name)
    return Changes(settings=True)


def _options(account_id: int, private: bool, history: bool) -> Changes:
    from app.sync.accounts import update_options

    update_options(account_id, sync_private=private, sync_history=history)
    return Changes(settings=True)


def _restore(conflict_id: int) -> Changes:
    from app.sync.service import restore_other

    return restore_other(conflict_id)


def _dismiss(conflict_id: int) -> Changes:
    from app.sync.service import dismiss_conflict

    return dismiss_conflict(conflict_id)


translate = QtCore.QCoreApplication.translate


def field_name(field: str) -> str:
    names = {
        "formatted_name": translate("AccountsPage", "Name"),
        "given_name": translate("AccountsPage", "Given name"),
        "family_name": translate("AccountsPage", "Family name"),
        "nickname": translate("AccountsPage", "Nickname"),
        "organization": translate("AccountsPage", "Organisation"),
        "department": translate("AccountsPage", "Department"),
        "title": translate("AccountsPage", "Title"),
        "birthday": translate("AccountsPage", "Birthday"),
        "notes": translate("AccountsPage", "Notes"),
        "level": translate("AccountsPage", "Level"),
        "circle": translate("AccountsPage", "Circle"),
        "trust": translate("AccountsPage", "Trust"),
        "cadence_days": translate("AccountsPage", "Keep in touch"),
        "archived": translate("AccountsPage", "Archived"),
        "photo": translate("AccountsPage", "Photo"),
        "snoozed_until": translate("AccountsPage", "Snoozed until"),
    }
    return names.get(field, field)


def value_text(value: Any) -> str:
    if value is None or value == "":
        return translate("AccountsPage", "(empty)")
    if isinstance(value, bool):
        return translate("AccountsPage", "yes") if value else translate("AccountsPage", "no")
    if isinstance(value, list):
        return ", ".join(value_text(v) if not isinstance(v, str) else v for v in value)
    text = str(value)
    return text if len(text) <= 80 else text[:77] + "…"


class ConflictsModel(QtCore.QAbstractTableModel):
    """The open conflicts: contact, field, the value kept, the other value, when."""

    COLUMNS = 5

    def __init__(self, parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[Any] = []
        self.names: dict[int, str] = {}

    def set_rows(self, rows: list[Any], names: dict[int, str]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.names = dict(names)
        self.endResetModel()

    def rowCount(self, parent: QtCore.QModelIndex | None = None) -> int:  # noqa: N802
        return 0 if parent is not None and parent.isValid() else len(self.rows)

    def columnCount(self, parent: QtCore.QModelIndex | None = None) -> int:  # noqa: N802
        return 0 if parent is not None and parent.isValid() else self.COLUMNS

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return [
            self.tr("Contact"),
            self.tr("Field"),
            self.tr("Kept"),
            self.tr("Other value"),
            self.tr("When"),
        ][section]

    def data(self, index: QtCore.QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            return None
        row = self.rows[index.row()]
        column = index.column()
        if column == 0:
            return self.names.get(row.local_id, row.uid)
        if column == 1:
            return field_name(row.field)
        if column == 2:
            return value_text(row.kept)
        if column == 3:
            return value_text(row.other)
        when = row.created_at
        if isinstance(when, dt.datetime):
            return QtCore.QLocale().toString(
                QtCore.QDateTime(
                    QtCore.QDate(when.year, when.month, when.day),
                    QtCore.QTime(when.hour, when.minute),
                ),
                QtCore.QLocale.FormatType.ShortFormat,
            )
        return str(when)


class AccountsPage(QtWidgets.QWidget):
    """See the module docstring. No signals."""

    def __init__(
        self, parent: QtWidgets.QWidget | None = None, *, sync: SyncController | None = None
    ) -> None:
        super().__init__(parent)
        self.sync = sync or controller() or SyncController(self, automatic=False)
        self.account: Any = None
        self.last_result: dict[str, Any] | None = None
        self._trusted = ""
        self._pending_pem = ""
        self._books: list[Any] = []

        # --- the form to add an account ---
        self.url = QtWidgets.QLineEdit()
        self.url.setObjectName("accountUrl")
        self.url.setPlaceholderText(self.tr("https://cloud.example.org"))
        self.user = QtWidgets.QLineEdit()
        self.user.setObjectName("accountUser")
        self.password = QtWidgets.QLineEdit()
        self.password.setObjectName("accountPassword")
        self.password.setEchoMode(QtWidgets.QLineEdit.EchoMode.Password)
        self.private = QtWidgets.QCheckBox(
            self.tr("Private fields travel (level, circle, roles, trust, notes)")
        )
        self.private.setChecked(True)
        self.history = QtWidgets.QCheckBox(self.tr("History travels (interactions, follow-ups)"))
        self.history.setChecked(True)
        self.test_button = QtWidgets.QPushButton(self.tr("Test connection"))
        self.test_button.clicked.connect(self.test_connection)
        self.book = QtWidgets.QComboBox()
        self.book.setObjectName("addressBook")
        self.book.setEnabled(False)
        self.test_result = QtWidgets.QLabel()
        self.test_result.setWordWrap(True)
        self.test_result.setTextFormat(Qt.TextFormat.PlainText)
        self.trust_button = QtWidgets.QPushButton(self.tr("Trust this certificate"))
        self.trust_button.hide()
        self.trust_button.clicked.connect(self.trust_certificate)
        self.add_button = QtWidgets.QPushButton(self.tr("Add account"))
        self.add_button.setEnabled(False)
        self.add_button.clicked.connect(self.add_account)
        for edit in (self.url, self.user, self.password):
            edit.textChanged.connect(self._form_changed)

        self.form = QtWidgets.QGroupBox(self.tr("Add a CardDAV account"))
        form = QtWidgets.QFormLayout(self.form)
        form.addRow(self.tr("Server"), self.url)
        form.addRow(self.tr("User name"), self.user)
        form.addRow(self.tr("Password"), self.password)
        form.addRow("", self.private)
        form.addRow("", self.history)
        buttons = QtWidgets.QHBoxLayout()
        buttons.addWidget(self.test_button)
        buttons.addWidget(self.trust_button)
        buttons.addStretch(1)
        form.addRow("", buttons)
        form.addRow("", self.test_result)
        form.addRow(self.tr("Address book"), self.book)
        form.addRow("", self.add_button)

        # --- the account ---
        self.summary = QtWidgets.QLabel()
        self.summary.setObjectName("accountSummary")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.last = QtWidgets.QLabel()
        self.last.setObjectName("lastResult")
        self.last.setTextFormat(Qt.TextFormat.PlainText)
        self.last.setWordWrap(True)
        self.progress = QtWidgets.QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.hide()
        self.sync_button = QtWidgets.QPushButton(self.tr("Sync now"))
        self.sync_button.clicked.connect(self.sync_now)
        self.remove_button = QtWidgets.QPushButton(self.tr("Remove account…"))
        self.remove_button.clicked.connect(self.remove_account)
        self.account_private = QtWidgets.QCheckBox(self.private.text())
        self.account_history = QtWidgets.QCheckBox(self.history.text())
        self.account_private.toggled.connect(self._options_changed)
        self.account_history.toggled.connect(self._options_changed)
        self.storage_note = QtWidgets.QLabel(
            self.tr(
                "There is no system keyring: the password is kept in a file beside the "
                "database that only you can read."
            )
        )
        self.storage_note.setWordWrap(True)
        self.storage_note.hide()

        self.account_box = QtWidgets.QGroupBox(self.tr("Account"))
        account = QtWidgets.QVBoxLayout(self.account_box)
        account.addWidget(self.summary)
        account.addWidget(self.account_private)
        account.addWidget(self.account_history)
        row = QtWidgets.QHBoxLayout()
        row.addWidget(self.sync_button)
        row.addWidget(self.progress, 1)
        row.addStretch(0)
        row.addWidget(self.remove_button)
        account.addLayout(row)
        account.addWidget(self.last)
        account.addWidget(self.storage_note)

        # --- conflicts ---
        self.conflicts = ConflictsModel(self)
        self.table = QtWidgets.QTableView()
        self.table.setObjectName("conflicts")
        self.table.setModel(self.conflicts)
        self.table.setSelectionBehavior(QtWidgets.QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QtWidgets.QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.table.doubleClicked.connect(lambda _index: self.restore_selected())
        self.restore_button = QtWidgets.QPushButton(self.tr("Restore the other value"))
        self.restore_button.clicked.connect(self.restore_selected)
        self.dismiss_button = QtWidgets.QPushButton(self.tr("Keep as it is"))
        self.dismiss_button.clicked.connect(self.dismiss_selected)
        self.no_conflicts = QtWidgets.QLabel(self.tr("No conflicts."))
        self.conflicts_box = QtWidgets.QGroupBox(self.tr("Conflicts"))
        column = QtWidgets.QVBoxLayout(self.conflicts_box)
        column.addWidget(self.no_conflicts)
        column.addWidget(self.table, 1)
        conflict_buttons = QtWidgets.QHBoxLayout()
        conflict_buttons.addWidget(self.restore_button)
        conflict_buttons.addWidget(self.dismiss_button)
        conflict_buttons.addStretch(1)
        column.addLayout(conflict_buttons)

        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(self.account_box)
        layout.addWidget(self.conflicts_box, 1)

        self.sync.started.connect(self._sync_started)
        self.sync.progress.connect(self._sync_progress)
        self.sync.finished.connect(self._sync_finished)
        self.account_box.hide()
        self.refresh()

    # --- data ------------------------------------------------------------------------

    def refresh(self) -> None:
        ops().run(_fetch_page, write=False, success=self._fill)

    def _fill(self, page: dict[str, Any]) -> None:
        if not shiboken6.isValid(self):
            return  # the dialog closed while the worker ran
        self.account = page["account"]
        has = self.account is not None
        self.form.setVisible(not has)
        self.account_box.setVisible(has)
        if has:
            a = self.account
            self.summary.setText(
                self.tr("%1: %2 at %3\nAddress book: %4")
                .replace("%1", a.name)
                .replace("%2", a.username)
                .replace("%3", a.url)
                .replace("%4", a.addressbook_url)
            )
            for box, value in (
                (self.account_private, a.sync_private),
                (self.account_history, a.sync_history),
            ):
                box.blockSignals(True)
                box.setChecked(bool(value))
                box.blockSignals(False)
            self.last_result = page["last"]
            self.last.setText(self.result_text(page["last"]))
            self.storage_note.setVisible(page["storage"] == "file")
        self.conflicts.set_rows(page["conflicts"], page["names"])
        empty = not page["conflicts"]
        self.conflicts_box.setVisible(has or not empty)
        self.no_conflicts.setVisible(empty)
        self.table.setVisible(not empty)
        self.restore_button.setEnabled(not empty)
        self.dismiss_button.setEnabled(not empty)
        if not empty:
            self.table.selectRow(0)

    def result_text(self, last: dict[str, Any] | None) -> str:
        if not last:
            return self.tr("Not synced yet.")
        when = last.get("finished_at") or ""
        try:
            moment = dt.datetime.fromisoformat(when)
            when = QtCore.QLocale().toString(
                QtCore.QDateTime(
                    QtCore.QDate(moment.year, moment.month, moment.day),
                    QtCore.QTime(moment.hour, moment.minute),
                ),
                QtCore.QLocale.FormatType.ShortFormat,
            )
        except ValueError:
            pass
        if last.get("error"):
            reason = error_text(last["error"], last.get("error_detail", ""), last.get("status"))
            return self.tr("Last sync %1 failed: %2.").replace("%1", when).replace("%2", reason)
        locale = QtCore.QLocale()
        return (
            self.tr(
                "Last sync %1: %2 received, %3 sent, %4 archived here, %5 deleted there, "
                "%6 conflicts."
            )
            .replace("%1", when)
            .replace("%2", locale.toString(int(last.get("pulled", 0))))
            .replace("%3", locale.toString(int(last.get("pushed", 0))))
            .replace("%4", locale.toString(int(last.get("deleted_here", 0))))
            .replace("%5", locale.toString(int(last.get("deleted_there", 0))))
            .replace("%6", locale.toString(len(last.get("conflicts", []))))
        )

    # --- adding ----------------------------------------------------------------------

    def _form_changed(self) -> None:
        self.add_button.setEnabled(False)
        self.book.clear()
        self.book.setEnabled(False)
        self.trust_button.hide()

    def _credentials(self) -> tuple[str, str, str]:
        return self.url.text().strip(), self.user.text().strip(), self.password.text()

    def test_connection(self) -> None:
        url, user, password = self._credentials()
        if not url or not user or not password:
            self.test_result.setText(self.tr("Fill in the server, the user name and the password."))
            return
        self.test_result.setText(self.tr("Connecting…"))
        self.test_button.setEnabled(False)
        ops().run(
            _test,
            url,
            user,
            password,
            self._trusted,
            write=False,
            success=self._tested,
            failure=self._test_failed,
        )

    def _tested(self, found: Any) -> None:
        if not shiboken6.isValid(self):
            return  # the dialog closed while the worker ran
        self.test_button.setEnabled(True)
        self.trust_button.hide()
        self._books = list(found.addressbooks)
        self.book.clear()
        for book in self._books:
            self.book.addItem(book.displayname or book.url, book.url)
        if not self._books:
            self.book.addItem(self.tr("Create an address book “Allies”"), None)
        self.book.setEnabled(True)
        self.add_button.setEnabled(True)
        locale = QtCore.QLocale()
        self.test_result.setText(
            self.tr("Connected: %1 address books found.").replace(
                "%1", locale.toString(len(self._books))
            )
        )

    def _test_failed(self, exc: BaseException) -> None:
        if not shiboken6.isValid(self):
            return  # the dialog closed while the worker ran
        from app.sync.dav import CertificateUntrusted, DavError

        self.test_button.setEnabled(True)
        if isinstance(exc, CertificateUntrusted) and exc.pem:
            self._pending_pem = exc.pem
            self.trust_button.show()
            self.test_result.setText(
                self.tr(
                    "The server's certificate is not trusted. If this is your own server, "
                    "compare its fingerprint and trust it:\nSHA-256 %1"
                ).replace("%1", exc.fingerprint)
            )
            return
        if isinstance(exc, DavError):
            reason = error_text(exc.code, exc.detail, exc.status)
            self.test_result.setText(self.tr("Cannot connect: %1.").replace("%1", reason))
            return
        self.test_result.setText(self.tr("Cannot connect: %1.").replace("%1", str(exc)))

    def trust_certificate(self) -> None:
        self._trusted = self._pending_pem
        self.trust_button.hide()
        self.test_connection()

    def add_account(self) -> None:
        url, user, password = self._credentials()
        book = self.book.currentData()
        self.add_button.setEnabled(False)
        ops().run(
            _add,
            url,
            user,
            password,
            book,
            self.private.isChecked(),
            self.history.isChecked(),
            self._trusted,
            write=False,
            success=self._added,
            failure=self._test_failed,
        )

    def _added(self, _changes: Changes) -> None:
        if not shiboken6.isValid(self):
            return  # the dialog closed while the worker ran
        self.password.clear()
        self.refresh()
        self.sync.sync_now()

    # --- the account -----------------------------------------------------------------

    def _options_changed(self) -> None:
        if self.account is None:
            return
        ops().run(
            _options,
            self.account.id,
            self.account_private.isChecked(),
            self.account_history.isChecked(),
        )

    def remove_account(self) -> None:
        if self.account is None:
            return
        answer = QtWidgets.QMessageBox.question(
            self,
            self.tr("Remove account"),
            self.tr(
                "Remove the account %1? The contacts stay here; nothing is deleted on the server."
            ).replace("%1", self.account.name),
        )
        if answer != QtWidgets.QMessageBox.StandardButton.Yes:
            return
        ops().run(_remove, self.account.name, write=False, success=lambda _c: self.refresh())

    def sync_now(self) -> None:
        """Sync; after a sync that stopped because most objects vanished on one side, ask
        whether that was intended (SPEC §10: a wiped phone never wipes Allies unasked)."""
        error = (self.last_result or {}).get("error")
        if error in ("emptied-there", "emptied-here"):
            question = (
                self.tr(
                    "Most cards were deleted on the server. Go on and archive those contacts here?"
                )
                if error == "emptied-there"
                else self.tr(
                    "Most synced contacts are gone here. Go on and delete their cards on the "
                    "server?"
                )
            )
            answer = QtWidgets.QMessageBox.question(self, self.tr("Sync"), question)
            self.sync.sync_now(allow_emptied=answer == QtWidgets.QMessageBox.StandardButton.Yes)
            return
        self.sync.sync_now()

    def _sync_started(self) -> None:
        self.progress.setRange(0, 0)
        self.progress.show()
        self.sync_button.setEnabled(False)

    def _sync_progress(self, done: int, total: int) -> None:
        if total:
            self.progress.setRange(0, total)
            self.progress.setValue(done)

    def _sync_finished(self, _results: object) -> None:
        self.progress.hide()
        self.sync_button.setEnabled(True)
        self.refresh()

    # --- conflicts -------------------------------------------------------------------

    def _selected(self) -> Any:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows:
            return None
        return self.conflicts.rows[rows[0].row()]

    def restore_selected(self) -> None:
        row = self._selected()
        if row is not None:
            ops().run(_restore, row.id, success=lambda _c: self.refresh())

    def dismiss_selected(self) -> None:
        row = self._selected()
        if row is not None:
            ops().run(_dismiss, row.id, success=lambda _c: self.refresh())


def conflict_palette_icon(widget: QtWidgets.QWidget) -> QtGui.QIcon:
    """The warning icon conflicts are shown with (from the style: follows the theme)."""
    return widget.style().standardIcon(QtWidgets.QStyle.StandardPixmap.SP_MessageBoxWarning)
