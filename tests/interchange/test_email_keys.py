"""The importer's fast path for plain e-mail addresses refuses what email_validator refuses."""

from __future__ import annotations

import subprocess
import sys

import email_validator

from app.interchange.keys import SPECIAL_USE_DOMAIN_NAMES


def test_the_special_use_domains_are_email_validators() -> None:
    assert list(SPECIAL_USE_DOMAIN_NAMES) == email_validator.SPECIAL_USE_DOMAIN_NAMES


def test_reading_a_vcard_file_imports_no_email_validator() -> None:
    code = (
        "import sys\n"
        "from app.interchange import vcard_reader, importer\n"
        "print('email_validator' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
