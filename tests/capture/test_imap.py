"""IMAP against a real Dovecot on loopback: folders, incremental scans, UIDVALIDITY,
and clear errors (issue 16)."""

from __future__ import annotations

import io
import json
import ssl
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from app import secrets
from app.capture import suggestions as inbox
from app.capture.imap import (
    CertificateUntrusted,
    ImapSession,
    certificate_fingerprint,
    parse_url,
)
from app.capture.scan import scan
from app.capture.sources import add_imap_source, list_sources, password_key
from app.errors import SourceFailed
from app.models import CaptureMark, CaptureSource
from tests.capture.test_scan_local import described, proposed_contacts
from tests.helpers import mail
from tests.helpers.dovecot import Dovecot, free_port
from ui.qt import Qt


@pytest.fixture
def own_dovecot() -> Iterator[Dovecot]:
    """A server of its own, for tests that change the mailbox."""
    server = Dovecot()
    server.start()
    for item in mail.scenario():
        server.deliver(item.data, item.folder)
    try:
        yield server
    finally:
        server.stop()


def test_the_inbox_and_the_special_use_sent_folder_are_the_defaults(dovecot: Dovecot) -> None:
    address = parse_url(dovecot.url)
    with ImapSession("test", address, dovecot.user, dovecot.password) as session:
        assert session.default_folders() == ["INBOX", "Sent"]


def test_an_imap_mailbox_yields_exactly_the_right_suggestions(
    contacts: dict[str, int], dovecot: Dovecot
) -> None:
    add_imap_source(dovecot.url, dovecot.user, dovecot.password)
    report = scan()
    assert not report.failed, report.results
    assert report.results[0].new_messages == len(mail.scenario())
    assert described(contacts) == mail.EXPECTED_MAIL
    assert proposed_contacts() == {mail.DORA}
    marks = {m.key for m in CaptureMark.select()}
    assert marks == {"folder:INBOX", "folder:Sent"}
    again = scan().results[0]
    assert (again.new_messages, again.suggestions, again.error) == (0, 0, None)


def test_the_password_is_kept_outside_the_database(
    contacts: dict[str, int], dovecot: Dovecot
) -> None:
    add_imap_source(dovecot.url, dovecot.user, dovecot.password)
    source = CaptureSource.get()
    assert secrets.get_password(password_key(source.location, source.username)) == dovecot.password
    path = secrets.secrets_file()
    assert oct(path.stat().st_mode & 0o777) == "0o600"
    db_file = Path(CaptureSource._meta.database.database)
    assert dovecot.password.encode() not in db_file.read_bytes()


def test_a_new_message_yields_exactly_one_suggestion_and_uidvalidity_changes_duplicate_nothing(
    contacts: dict[str, int], own_dovecot: Dovecot
) -> None:
    add_imap_source(own_dovecot.url, own_dovecot.user, own_dovecot.password)
    scan()
    before = {s.id for s in inbox.open_suggestions()}
    own_dovecot.deliver(mail.new_message().data)
    result = scan().results[0]
    assert (result.new_messages, result.suggestions) == (1, 1)
    after = {s.id for s in inbox.open_suggestions()}
    assert len(after - before) == 1
    inbox.accept(sorted(after - before))
    own_dovecot.change_uidvalidity("INBOX", 4242)
    result = scan().results[0]
    assert result.error is None
    assert result.new_messages > 0  # the inbox is read again…
    assert result.suggestions == 0  # …and proposes nothing twice
    assert {s.id for s in inbox.open_suggestions()} == before
    assert CaptureMark.get(CaptureMark.key == "folder:INBOX").value.startswith(
        '{"uidvalidity": 4242'
    )


def test_a_wrong_password_is_refused_before_anything_is_stored(
    contacts: dict[str, int], dovecot: Dovecot
) -> None:
    with pytest.raises(SourceFailed) as info:
        add_imap_source(dovecot.url, dovecot.user, "wrong")
    assert info.value.code == "login"
    assert CaptureSource.select().count() == 0


def test_a_changed_password_and_a_server_that_is_down_give_a_clear_status(
    contacts: dict[str, int], dovecot: Dovecot
) -> None:
    add_imap_source(dovecot.url, dovecot.user, dovecot.password, name="work")
    source = CaptureSource.get()
    secrets.store_password(password_key(source.location, source.username), "changed")
    down = f"imap://127.0.0.1:{free_port()}"
    add_imap_source(down, dovecot.user, "x", name="down", check=False)
    report = scan()
    assert report.failed
    assert {r.name: r.error for r in report.results} == {"work": "login", "down": "unreachable"}
    assert {s.name: s.last_error.split(":")[0] for s in list_sources()} == {
        "work": "login",
        "down": "unreachable",
    }
    assert inbox.open_suggestions() == []


def test_plain_text_is_refused_off_loopback() -> None:
    assert parse_url("imap://127.0.0.1:1143").loopback
    assert parse_url("imap://localhost").loopback
    assert not parse_url("imap://mail.example.org").loopback
    assert parse_url("imaps://mail.example.org").port == 993
    assert parse_url("imap://mail.example.org").port == 143
    with pytest.raises(ValueError):
        parse_url("http://mail.example.org")


@pytest.fixture(scope="module")
def tls_dovecot() -> Iterator[Dovecot]:
    server = Dovecot(tls=True)
    server.start()
    try:
        yield server
    finally:
        server.stop()


def test_tls_and_starttls_are_used_and_an_untrusted_certificate_is_refused(
    tls_dovecot: Dovecot,
) -> None:
    trusted = ssl.create_default_context(cafile=str(tls_dovecot.certificate))
    for url in (f"imaps://127.0.0.1:{tls_dovecot.tls_port}", f"imap://127.0.0.1:{tls_dovecot.port}"):
        address = parse_url(url)
        with ImapSession("t", address, tls_dovecot.user, tls_dovecot.password,
                         ssl_context=trusted) as session:  # fmt: skip
            assert isinstance(session.imap.sock, ssl.SSLSocket), url  # encrypted either way
            assert session.default_folders() == ["INBOX", "Sent"]
        with pytest.raises(CertificateUntrusted) as info:  # the system does not trust it
            ImapSession("t", address, tls_dovecot.user, tls_dovecot.password)
        assert info.value.code == "certificate", url
        assert info.value.fingerprint == server_fingerprint(tls_dovecot), url


def server_fingerprint(server: Dovecot) -> str:
    return certificate_fingerprint(server.certificate.read_text())


def other_certificate(folder: Path) -> str:
    """A self-signed certificate of another server (what a man in the middle shows)."""
    key, cert = folder / "other-key.pem", folder / "other.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
         "-subj", "/CN=127.0.0.1", "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True, timeout=60,
    )  # fmt: skip
    return cert.read_text()


def test_a_trusted_certificate_is_pinned_over_tls_and_starttls(
    tls_dovecot: Dovecot, tmp_path: Path
) -> None:
    """The "trust this certificate" path: the PEM the refusal carried logs in; any other
    certificate is refused even though it would be "trusted" too."""
    pem = tls_dovecot.certificate.read_text()
    other = other_certificate(tmp_path)
    for url in (f"imaps://127.0.0.1:{tls_dovecot.tls_port}", f"imap://127.0.0.1:{tls_dovecot.port}"):
        address = parse_url(url)
        with pytest.raises(CertificateUntrusted) as info:
            ImapSession("t", address, tls_dovecot.user, tls_dovecot.password)
        assert ssl.PEM_cert_to_DER_cert(info.value.pem) == ssl.PEM_cert_to_DER_cert(pem)
        with ImapSession("t", address, tls_dovecot.user, tls_dovecot.password,
                         trusted_cert=info.value.pem) as session:  # fmt: skip
            assert isinstance(session.imap.sock, ssl.SSLSocket), url
            assert session.default_folders() == ["INBOX", "Sent"]
        with pytest.raises(CertificateUntrusted) as info:
            ImapSession("t", address, tls_dovecot.user, tls_dovecot.password, trusted_cert=other)
        assert "not the certificate you trusted" in str(info.value)
        assert info.value.fingerprint == server_fingerprint(tls_dovecot)


def test_a_source_with_a_trusted_certificate_is_added_and_scanned(
    contacts: dict[str, int], tls_dovecot: Dovecot
) -> None:
    url = f"imaps://127.0.0.1:{tls_dovecot.tls_port}"
    with pytest.raises(CertificateUntrusted):
        add_imap_source(url, tls_dovecot.user, tls_dovecot.password)
    assert not CaptureSource.select().exists()  # nothing stored when the login fails
    pem = tls_dovecot.certificate.read_text()
    add_imap_source(url, tls_dovecot.user, tls_dovecot.password, trusted_cert=pem)
    assert CaptureSource.get().trusted_cert == pem
    result = scan().results[0]
    assert result.error is None, result.detail


def test_source_add_names_the_fingerprint_and_trusts_it_only_when_told(
    tls_dovecot: Dovecot, tmp_path: Path, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    from app.cli import main
    from app.db import close_database

    close_database()
    db = str(tmp_path / "cli.sqlite3")
    url = f"imaps://127.0.0.1:{tls_dovecot.tls_port}"
    add = ["--db", db, "source", "add", url, "--user", tls_dovecot.user, "--password-stdin"]
    fingerprint = server_fingerprint(tls_dovecot)
    monkeypatch.setattr("sys.stdin", io.StringIO(tls_dovecot.password + "\n"))
    assert main(add) == 1
    err = capsys.readouterr().err
    assert f"--trust-certificate {fingerprint}" in err
    wrong = "00" + fingerprint[2:]
    monkeypatch.setattr("sys.stdin", io.StringIO(tls_dovecot.password + "\n"))
    assert main([*add, "--trust-certificate", wrong]) == 1
    monkeypatch.setattr("sys.stdin", io.StringIO(tls_dovecot.password + "\n"))
    assert main([*add, "--trust-certificate", fingerprint.replace(":", "").lower()]) == 0
    capsys.readouterr()
    assert main(["--db", db, "scan", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["sources"][0]["error"] is None


def test_the_mailbox_dialog_shows_the_fingerprint_and_trusts_it(
    qtbot, contacts: dict[str, int], tls_dovecot: Dovecot  # type: ignore[no-untyped-def]
) -> None:
    from ui import ops as ops_module
    from ui.settings import use_memory_store
    from ui.suggestions.sources_page import ImapDialog

    ops_module.use_inline_executor()
    use_memory_store()
    try:
        dialog = ImapDialog()
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.keyClicks(dialog.host, "127.0.0.1")
        dialog.port.setValue(tls_dovecot.tls_port)
        qtbot.keyClicks(dialog.user, tls_dovecot.user)
        qtbot.keyClicks(dialog.password, tls_dovecot.password)
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        assert server_fingerprint(tls_dovecot) in dialog.error.text()
        assert dialog.trust_button.isVisible()
        assert not CaptureSource.select().exists()
        with qtbot.waitSignal(dialog.added) as added:
            qtbot.mouseClick(dialog.trust_button, Qt.MouseButton.LeftButton)
        assert added.args == ["127.0.0.1"]
        assert CaptureSource.get().trusted_cert == tls_dovecot.certificate.read_text()
    finally:
        ops_module.reset_runner()


def test_folder_names_in_modified_utf7_are_shown_decoded_and_selected_encoded(
    contacts: dict[str, int], own_dovecot: Dovecot
) -> None:
    """RFC 3501 §5.1.3: the server names "Entwürfe" "Entw&APw-rfe"; Allies shows, stores and
    is given the name a person reads, and encodes it again for EXAMINE."""
    import imaplib

    raw = imaplib.IMAP4("127.0.0.1", own_dovecot.port)
    raw.login(own_dovecot.user, own_dovecot.password)
    for folder in ('"Entw&APw-rfe"', '"Gesch&AOQ-ftlich/R&AOQ-te &- Co"'):
        assert raw.create(folder)[0] == "OK", folder
    anna = f"{mail.ANNA[0]} <{mail.ANNA[1]}>"
    message = mail.message(anna, [f"Me <{mail.OWNER}>"], "Angebot", mail.at(21), "offer@firma")
    assert raw.append('"Gesch&AOQ-ftlich/R&AOQ-te &- Co"', "", None, message)[0] == "OK"
    raw.logout()

    address = parse_url(own_dovecot.url)
    with ImapSession("t", address, own_dovecot.user, own_dovecot.password) as session:
        names = {name for name, _flags in session.folders()}
        assert {"Entwürfe", "Geschäftlich/Räte & Co"} <= names
        assert session.examine("Geschäftlich/Räte & Co")[1] == 1
        assert session.examine("Entwürfe")[1] == 0
    add_imap_source(
        own_dovecot.url, own_dovecot.user, own_dovecot.password, ["Geschäftlich/Räte & Co"]
    )
    assert list_sources()[0].folders == ["Geschäftlich/Räte & Co"]
    result = scan().results[0]
    assert (result.error, result.new_messages, result.suggestions) == (None, 1, 1)
    assert {m.key for m in CaptureMark.select()} == {"folder:Geschäftlich/Räte & Co"}
    assert scan().results[0].new_messages == 0
