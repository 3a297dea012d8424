"""Start the desktop app: QApplication, translators, logging, crash dialog, database, window.

:class:`DesktopSession` is what ``ui.entry`` runs for the desktop start (``screenshot``
and ``--self-check`` use :func:`create_application` from their own modules, so nothing
here imports them). Start-up is kept short: nothing heavy
(pyqtgraph, the network view) is imported before the window is painted; the contact
list fills through its lazy model.
"""

from __future__ import annotations

import argparse
import importlib.util
import logging
import os
import sys
import threading
from pathlib import Path

from app.collector import collector_paused
from app.db import close_database, open_database, resolve_db_path
from app.errors import AlliesError
from ui.qt import Qt, QtCore, QtWidgets

log = logging.getLogger(__name__)

DESKTOP_FILE = "de.allies.Allies"


def _module_exists(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except ModuleNotFoundError:
        return False


def create_application(argv: list[str] | None = None) -> QtWidgets.QApplication:
    """The application object, named, with its icon and the user's language installed."""
    app = QtWidgets.QApplication.instance()
    if not isinstance(app, QtWidgets.QApplication):
        app = QtWidgets.QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName("Allies")
    app.setOrganizationName("Allies")
    app.setApplicationDisplayName("Allies")
    app.setDesktopFileName(DESKTOP_FILE)
    if _module_exists("ui.resources"):
        from ui.resources import app_icon

        try:
            app.setWindowIcon(app_icon())
        except FileNotFoundError as exc:
            log.warning("no application icon: %s", exc)
    if _module_exists("ui.i18n"):
        from ui.i18n import install_translators
        from ui.settings import ui_settings

        try:
            install_translators(ui_settings().get("language"))
        except FileNotFoundError as exc:
            log.warning("no translations: %s", exc)
    return app


WARM_UP_DELAY_MS = 1500
# Imported by the views and the import dialog on first use (pyqtgraph alone ≈ 0.4–0.6 s,
# the interchange stack ≈ 0.2 s, each view module 0.05–0.1 s): loaded here instead, so the
# first switch to a view or the first import does not stall the GUI thread (issue 17).
HEAVY_MODULES = (
    "numpy",
    "pyqtgraph",
    "igraph",
    "app.interchange.importer",
    "app.network",
    "app.timeline_query",
    "app.insights",
    "ui.interchange.import_dialog",
    "ui.contacts.profile",  # the new-contact dialog (≈ 25 ms, not imported at start)
    "ui.contacts.merge",
    "ui.suggestions.badge",  # built after the first paint; here for a hidden start
    "ui.timeline.view",
    "ui.timeline.chart",  # built after the timeline's first show (16 ms to compile)
    "ui.network.view",
    "ui.insights.view",
)


# The shared libraries those imports load: numpy's (and its OpenBLAS), igraph's,
# rapidfuzz's (the import's matching) and the Qt modules pyqtgraph imports.
PAGED_IN_PACKAGES = ("numpy", "igraph", "rapidfuzz")
PAGED_IN_QT_MODULES = ("QtOpenGL", "QtOpenGLWidgets", "QtSvg", "QtTest")


def page_in_libraries() -> list[Path]:
    """Ask the kernel to read the heavy modules' shared libraries into the page cache
    ahead (``posix_fadvise`` WILLNEED: read-ahead in the background, nothing copied). A
    ``dlopen`` that pages a library in from disk does so holding the GIL: the GUI thread
    stood still 70-100 ms while no thread was on a CPU (bench_heartbeat, a busy machine
    whose page cache had dropped them). The files advised."""
    files: list[Path] = []
    for package in PAGED_IN_PACKAGES:
        spec = importlib.util.find_spec(package)
        if spec is None or spec.origin is None:
            continue
        folder = Path(spec.origin).parent
        files += folder.rglob("*.so*")
        files += folder.parent.glob(f"{package}.libs/*.so*")
    spec = importlib.util.find_spec("PySide6")
    if spec is not None and spec.origin is not None:
        folder = Path(spec.origin).parent
        for module in PAGED_IN_QT_MODULES:
            files += folder.glob(f"{module}.*.so")
            files += folder.glob(f"Qt/lib/libQt6{module.removeprefix('Qt')}.so*")
    advise = getattr(os, "posix_fadvise", None)
    for path in files:
        try:
            descriptor = os.open(path, os.O_RDONLY)
        except OSError:
            continue
        try:
            if advise is not None:
                advise(descriptor, 0, 0, os.POSIX_FADV_WILLNEED)
        finally:
            os.close(descriptor)
    return files


def warm_up_imports() -> threading.Thread:
    """Import the heavy view libraries in a background thread once the window is up, so
    the first switch to the timeline, network or insights view does not freeze the GUI
    thread for the import (measured: the longest GUI stall during it is ≈ 20 ms)."""

    def load() -> None:
        # The imports make some 100,000 lasting objects (modules, classes, functions).
        # A full collection of the cyclic garbage collector walks every one of them while
        # holding the GIL, on whichever thread it happens: 30–70 ms the GUI thread could
        # not run (measured in bench_heartbeat.py, on a worker and during these imports).
        # So no collection runs while they load, and afterwards they are frozen (moved out
        # of the collector's sight; reference counting still frees them): a later full
        # collection walks only what the session made since. (A garbage cycle made in
        # these seconds is frozen with them and kept: a few, once.)
        page_in_libraries()
        with collector_paused(keep_frozen=True):
            for name in HEAVY_MODULES:
                try:
                    importlib.import_module(name)
                except ImportError as exc:  # the view that needs it reports it when shown
                    log.warning("warm-up import of %s failed: %s", name, exc)

    thread = threading.Thread(target=load, name="allies-warm-up", daemon=True)
    thread.start()
    return thread


def warm_up(window: QtWidgets.QMainWindow) -> threading.Thread:
    """:func:`warm_up_imports`, then, back on the GUI thread once they are loaded, the
    views that prepare themselves while the window is idle (``prepare_views``)."""
    thread = warm_up_imports()
    timer = QtCore.QTimer(window)
    timer.setInterval(100)

    def check() -> None:
        if thread.is_alive():
            return
        timer.stop()
        timer.deleteLater()
        prepare = getattr(window, "prepare_views", None)
        if callable(prepare):
            prepare()

    timer.timeout.connect(check)
    timer.start()
    return thread


class DesktopSession:
    """One run of the desktop app, from opening the database to quitting.

    The hook methods :meth:`hand_over_to_running_instance` and :meth:`start_services`
    are where the single-instance handover (``ui.single_instance``) and the tray service
    (``ui.tray``, including ``--tray``) plug in.
    """

    def __init__(self, app: QtWidgets.QApplication, args: argparse.Namespace) -> None:
        self.app = app
        self.args = args
        self.db_path: Path = resolve_db_path(getattr(args, "db", None))
        self.window: QtWidgets.QMainWindow | None = None

    def run(self) -> int:
        from ui.crash import install_excepthook
        from ui.logging_setup import route_qt_messages, setup_logging

        setup_logging()
        route_qt_messages()
        install_excepthook()
        log.info("starting Allies on %s", self.db_path)
        if self.hand_over_to_running_instance():
            return 0
        try:
            open_database(self.db_path, backup=True)
        except (AlliesError, OSError) as exc:
            log.error("database refused: %s", exc)
            self.refuse_database(exc)
            return 1
        from ui.main_window import MainWindow

        window = MainWindow()
        self.window = window
        if not self.start_services(window):
            window.show()
        files = [Path(f) for f in getattr(self.args, "files", []) or []]
        if files:
            window.import_files(files)
        self.ask_for_user(window)
        QtCore.QTimer.singleShot(WARM_UP_DELAY_MS, window, lambda: warm_up(window))
        try:
            return self.app.exec()
        finally:
            from ui.ops import ops

            ops().shutdown()
            close_database()
            instance = getattr(self, "instance", None)
            if instance is not None:
                instance.release()
            from ui.restart import restart_if_requested

            restart_if_requested()  # after the lock is free, so the new Allies is primary

    def hand_over_to_running_instance(self) -> bool:
        """True when another Allies already runs on this database and took our files.

        The first start on a database becomes the primary and listens; a second start
        sends its files to it (which imports them and comes forward) and exits.
        """
        from ui.single_instance import SingleInstance

        self.instance = SingleInstance(self.db_path)
        if self.instance.is_primary():
            return False
        files = [str(f) for f in getattr(self.args, "files", []) or []]
        if self.instance.send(files):
            log.info("handed over to the running Allies")
            return True
        print(
            "allies: error: another Allies holds this database but does not answer",
            file=sys.stderr,
        )
        raise SystemExit(1)

    def start_services(self, window: QtWidgets.QMainWindow) -> bool:
        """Start the tray service beside the window; True when the window stays hidden
        (``--tray``)."""
        from ui.tray import TrayService

        self.tray = TrayService(window, window)
        window.close_handler = self.tray.handle_close  # type: ignore[attr-defined]
        window.add_banner(self.tray.create_banner(window))  # type: ignore[attr-defined]
        instance = getattr(self, "instance", None)
        if instance is not None:
            instance.message_received.connect(lambda args: self._handed_over(window, args))
        if getattr(self.args, "tray", False):
            return self.tray.start_hidden()
        self.tray.start()
        return False

    def _handed_over(self, window: QtWidgets.QMainWindow, args: list[str]) -> None:
        self.tray.show_window()
        files = [a for a in args if not a.startswith("-")]
        if files:
            window.import_files(files)  # type: ignore[attr-defined]

    def refuse_database(self, exc: BaseException) -> None:
        from ui.errors import describe

        box = QtWidgets.QMessageBox()
        box.setIcon(QtWidgets.QMessageBox.Icon.Critical)
        box.setWindowTitle(QtCore.QCoreApplication.translate("Application", "Allies"))
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(
            QtCore.QCoreApplication.translate(
                "Application", "Allies cannot open the database %1."
            ).replace("%1", str(self.db_path))
        )
        box.setInformativeText(describe(exc))
        box.exec()

    def ask_for_user(self, window: QtWidgets.QMainWindow) -> None:
        """First start: ask the user's own name and organisation (without blocking)."""
        from ui.ops import ops
        from ui.welcome import needs_onboarding

        def ask(needed: bool) -> None:
            if needed:
                window.start_onboarding()  # type: ignore[attr-defined]

        ops().run(needs_onboarding, write=False, success=ask)
