"""The README stays true: its two commands exist and it documents every CLI command."""

from __future__ import annotations

import re
from pathlib import Path

from app.cli import COMMANDS

REPO = Path(__file__).resolve().parents[1]
README = (REPO / "README.md").read_text(encoding="utf-8")


def test_readme_names_the_two_commands_and_ci_runs_the_test_one() -> None:
    assert "make run" in README and "make test" in README
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^run:", makefile, re.M) and re.search(r"^test:", makefile, re.M)
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in ci.splitlines()[-1]


def test_readme_documents_every_command() -> None:
    for command in COMMANDS:
        assert f"allies {command.name}" in README, command.name
    assert "allies --self-check" in README


def test_readme_images_exist() -> None:
    for image in re.findall(r"\]\(([^)]+\.png)\)", README):
        assert (REPO / image).is_file(), image
