"""One Allies per database: a second start hands over its arguments and exits."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import tempfile
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from app import db as dbmod
from ui.qt import QtCore
from ui.single_instance import SingleInstance, instance_key, runtime_dir

SECONDARY = textwrap.dedent(
    """
    import sys
    from ui.qt import QtCore
    from ui.single_instance import SingleInstance

    app = QtCore.QCoreApplication([])
    instance = SingleInstance(sys.argv[1])
    if instance.is_primary():
        print("primary")
        sys.exit(3)
    handed = instance.send(sys.argv[2:])
    print("handed over" if handed else "not handed over")
    sys.exit(0 if handed else 1)
    """
)


def _start_secondary(db_path: Path, *args: str, cwd: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", SECONDARY, str(db_path), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=cwd,
    )


def test_second_start_hands_its_files_to_the_first(qtbot, tmp_path: Path) -> None:
    db_path = tmp_path / "allies.sqlite3"
    primary = SingleInstance(db_path)
    assert primary.is_primary()
    (tmp_path / "contacts.vcf").write_text("BEGIN:VCARD\nEND:VCARD\n", "utf-8")
    with qtbot.waitSignal(primary.message_received, timeout=10000) as blocker:
        secondary = _start_secondary(db_path, "contacts.vcf", "--tray", cwd=tmp_path)
    assert blocker.args == [[str(tmp_path / "contacts.vcf"), "--tray"]]
    qtbot.waitUntil(lambda: secondary.poll() is not None, timeout=10000)
    out, err = secondary.communicate()
    assert secondary.returncode == 0, err
    assert out.strip() == "handed over"
    primary.release()


def test_a_start_without_files_still_reaches_the_first(qtbot, tmp_path: Path) -> None:
    primary = SingleInstance(tmp_path / "allies.sqlite3")
    assert primary.is_primary()
    with qtbot.waitSignal(primary.message_received, timeout=10000) as blocker:
        secondary = _start_secondary(tmp_path / "allies.sqlite3", cwd=tmp_path)
    assert blocker.args == [[]]
    qtbot.waitUntil(lambda: secondary.poll() is not None, timeout=10000)
    out, _ = secondary.communicate()
    assert secondary.returncode == 0 and out.strip() == "handed over"
    primary.release()


def test_other_databases_have_their_own_instance(qtbot, tmp_path: Path) -> None:
    first = SingleInstance(tmp_path / "a.sqlite3")
    assert first.is_primary()
    other = _start_secondary(tmp_path / "b.sqlite3", cwd=tmp_path)
    qtbot.waitUntil(lambda: other.poll() is not None, timeout=10000)
    assert other.communicate()[0].strip() == "primary"
    first.release()


def test_after_release_a_new_start_becomes_primary(qtbot, tmp_path: Path) -> None:
    db_path = tmp_path / "allies.sqlite3"
    first = SingleInstance(db_path)
    assert first.is_primary()
    first.release()
    again = _start_secondary(db_path, cwd=tmp_path)
    qtbot.waitUntil(lambda: again.poll() is not None, timeout=10000)
    assert again.communicate()[0].strip() == "primary"


def test_the_key_depends_on_the_resolved_path(tmp_path: Path) -> None:
    assert instance_key(tmp_path / "x.sqlite3") == instance_key(
        tmp_path / "sub" / ".." / "x.sqlite3"
    )
    assert instance_key(tmp_path / "x.sqlite3") != instance_key(tmp_path / "y.sqlite3")


@pytest.fixture
def short_tmp() -> Iterator[Path]:
    """A folder with a short path: a socket's path must fit in 107 bytes (sun_path), and
    tmp_path under pytest-xdist (.../popen-gw1/test_...) leaves too little room for it."""
    with tempfile.TemporaryDirectory(prefix="allies-") as folder:
        yield Path(folder)


def test_lock_and_socket_live_in_the_private_runtime_directory(
    qtbot, tmp_path: Path, short_tmp: Path, monkeypatch  # type: ignore[no-untyped-def]
) -> None:
    runtime = short_tmp / "run"
    runtime.mkdir(mode=0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    db_path = tmp_path / "allies.sqlite3"
    key = instance_key(db_path)
    primary = SingleInstance(db_path)
    assert primary.is_primary()
    try:
        folder = runtime / "Allies"
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
        assert (folder / f"{key}.lock").exists()
        assert stat.S_ISSOCK((folder / key).stat().st_mode)
        temp = Path(QtCore.QDir.tempPath())
        assert not list(temp.glob(f"{key}*"))
        with qtbot.waitSignal(primary.message_received, timeout=10000):
            secondary = _start_secondary(db_path, cwd=tmp_path)  # finds the same path
        qtbot.waitUntil(lambda: secondary.poll() is not None, timeout=10000)
        out, err = secondary.communicate()
        assert secondary.returncode == 0 and out.strip() == "handed over", err
    finally:
        primary.release()


def test_without_a_runtime_directory_a_private_data_folder_is_used(
    tmp_path: Path, monkeypatch  # type: ignore[no-untyped-def]
) -> None:
    monkeypatch.delenv("XDG_RUNTIME_DIR", raising=False)
    folder = runtime_dir()
    assert folder == dbmod.data_dir() / "run"
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700


def test_a_runtime_folder_others_can_enter_is_not_used(
    tmp_path: Path, monkeypatch  # type: ignore[no-untyped-def]
) -> None:
    runtime = tmp_path / "run"
    runtime.mkdir(mode=0o700)
    (runtime / "Allies").mkdir()
    os.chmod(runtime / "Allies", 0o777)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    assert runtime_dir() == dbmod.data_dir() / "run"
