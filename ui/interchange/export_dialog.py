"""Export contacts as vCard 4.0 or CSV, or their dates as an iCalendar file.

The scope is everyone, the contacts selected in the list, or everyone with a tag. The file
is written on the worker to a temporary name and renamed when complete, so a failed export
never leaves half a file where the user expects one.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from app.contacts import all_tags
from app.interchange.csv_writer import export_csv
from app.interchange.ics_writer import CalendarTitles, export_ics
from app.interchange.vcard_writer import export_vcard
from app.private_files import create_private_text
from ui.ops import ops
from ui.qt import Qt, QtWidgets, Signal

SUFFIX = {"vcard": ".vcf", "csv": ".csv", "ics": ".ics"}


def export_to_path(
    fmt: str,
    path: str,
    contact_ids: Sequence[int] | None,
    tag: str | None,
    titles: CalendarTitles | None = None,
) -> int:
    """Write the export to ``path`` atomically; returns how many contacts (or events)."""
    target = Path(path)
    part = target.with_name(target.name + ".part")
    try:
        with create_private_text(part) as out:  # 0600: an export holds the whole network
            if fmt == "vcard":
                count = export_vcard(out, contact_ids, tag=tag)
            elif fmt == "csv":
                count = export_csv(out, contact_ids, tag=tag)
            else:
                count = export_ics(out, contact_ids, tag=tag, titles=titles or CalendarTitles())
        os.replace(part, target)
    finally:
        part.unlink(missing_ok=True)
    return count


class ExportDialog(QtWidgets.QDialog):
    """Signals: ``exported(str path, int count)``."""

    exported = Signal(str, int)

    def __init__(
        self, selected_ids: Sequence[int], parent: QtWidgets.QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Export"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._selected = list(selected_ids)

        self.format_combo = QtWidgets.QComboBox()
        self.format_combo.setAccessibleName(self.tr("Format"))
        self.format_combo.addItem(self.tr("vCard 4.0 (contacts)"), "vcard")
        self.format_combo.addItem(self.tr("CSV spreadsheet"), "csv")
        self.format_combo.addItem(self.tr("iCalendar (due dates, birthdays, follow-ups)"), "ics")

        self.all_radio = QtWidgets.QRadioButton(self.tr("All contacts"))
        self.selected_radio = QtWidgets.QRadioButton(
            self.tr("Selected contacts (%1)").replace("%1", str(len(self._selected)))
        )
        self.selected_radio.setEnabled(bool(self._selected))
        self.tag_radio = QtWidgets.QRadioButton(self.tr("Contacts tagged"))
        self.tag_combo = QtWidgets.QComboBox()
        self.tag_combo.setAccessibleName(self.tr("Tag"))
        self.tag_combo.addItems(all_tags())
        self.tag_radio.setEnabled(self.tag_combo.count() > 0)
        self.tag_combo.setEnabled(False)
        self.tag_radio.toggled.connect(self.tag_combo.setEnabled)
        (self.selected_radio if self._selected else self.all_radio).setChecked(True)

        form = QtWidgets.QFormLayout()
        form.addRow(self.tr("Format:"), self.format_combo)
        scope = QtWidgets.QVBoxLayout()
        scope.addWidget(self.all_radio)
        scope.addWidget(self.selected_radio)
        tag_row = QtWidgets.QHBoxLayout()
        tag_row.addWidget(self.tag_radio)
        tag_row.addWidget(self.tag_combo, 1)
        scope.addLayout(tag_row)
        form.addRow(self.tr("Contacts:"), scope)

        buttons = QtWidgets.QDialogButtonBox(QtWidgets.QDialogButtonBox.StandardButton.Cancel)
        self.export_button = buttons.addButton(
            self.tr("Export…"), QtWidgets.QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self._choose_file)
        buttons.rejected.connect(self.reject)

        layout = QtWidgets.QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def scope(self) -> tuple[list[int] | None, str | None]:
        if self.selected_radio.isChecked():
            return self._selected, None
        if self.tag_radio.isChecked() and self.tag_combo.currentText():
            return None, self.tag_combo.currentText()
        return None, None

    def _choose_file(self) -> None:
        fmt = self.format_combo.currentData()
        name = "allies" + SUFFIX[fmt]
        path, _ = QtWidgets.QFileDialog.getSaveFileName(
            self, self.tr("Export to"), str(Path.home() / name)
        )
        if path:
            self.export_to(path)

    def export_to(self, path: str) -> None:
        """Write the chosen export to ``path`` in the background, then close."""
        fmt = self.format_combo.currentData()
        ids, tag = self.scope()
        titles = CalendarTitles(
            birthday=self.tr("Birthday: {name}"),
            due=self.tr("Get in touch with {name}"),
            follow_up=self.tr("{text} ({name})"),
        )
        self.export_button.setEnabled(False)
        ops().run(
            export_to_path,
            fmt,
            path,
            ids,
            tag,
            titles,
            success=lambda count: self._done(path, count, fmt),
            failure=self._failed,
        )

    def _done(self, path: str, count: int, fmt: str) -> None:
        self.exported.emit(path, count)
        parent = self.parentWidget()
        if isinstance(parent, QtWidgets.QMainWindow):
            parent.statusBar().showMessage(self.done_text(fmt, count, path), 10000)
        self.accept()

    def done_text(self, fmt: str, count: int, path: str) -> str:
        """What the status bar says after an export: how many of what went where."""
        if fmt == "ics":
            if count == 1:
                text = self.tr("Exported 1 calendar event to %2")
            else:
                text = self.tr("Exported %1 calendar events to %2")
        elif count == 1:
            text = self.tr("Exported 1 contact to %2")
        else:
            text = self.tr("Exported %1 contacts to %2")
        return text.replace("%1", str(count)).replace("%2", path)

    def _failed(self, exc: BaseException) -> None:
        from ui.errors import show_exception

        self.export_button.setEnabled(True)
        show_exception(exc, self)
