"""``allies timeline [--json] …`` (SPEC §5): shape, order, filters."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from app.cli import main
from app.contacts import ContactInput, create_contact
from app.db import close_database, open_database
from app.exchanges import add_exchange
from app.models import Contact, Exchange, Interaction
from app.timeline import ExchangeInput, InteractionInput, log_interaction

KEYS = {"id", "uid", "entry", "date", "kind", "summary", "notes", "participants", "exchanges"}
EXCHANGE_KEYS = {"direction", "kind", "description", "weight", "outcome", "thanked", "contact_id"}


@pytest.fixture
def history(tmp_path: Path) -> Path:
    """Anna and Bert: a lunch with both, a call with Anna, a standalone exchange, a coffee."""
    path = tmp_path / "allies.sqlite3"
    open_database(path)
    anna, _ = create_contact(ContactInput("Anna Müller"))
    bert, _ = create_contact(ContactInput("Bert Kunz"))
    log_interaction(
        InteractionInput(
            [anna, bert],
            kind="lunch",
            occurred_on=dt.date(2026, 11, 20),
            summary="Lunch at the harbour",
            notes="Talked about the quarterly review",
            exchanges=[
                ExchangeInput(
                    "received", "a recommendation for the job", "recommendation", 3, "got it"
                )
            ],
        )
    )
    log_interaction(
        InteractionInput(
            [anna], kind="call", occurred_on=dt.date(2026, 11, 25), summary="Call about Zürich"
        )
    )
    add_exchange(bert, "gave", "an article on pricing", kind="information",
                 occurred_on=dt.date(2026, 11, 25))  # fmt: skip
    log_interaction(
        InteractionInput([bert], kind="coffee", occurred_on=dt.date(2026, 10, 1), summary="Coffee")
    )
    close_database()
    return path


def timeline(capsys: pytest.CaptureFixture[str], path: Path, *argv: str) -> list[dict]:
    code = main(["--db", str(path), "timeline", "--json", *argv])
    out = capsys.readouterr().out
    assert code == 0
    return json.loads(out)


def test_json_shape_and_order(history: Path, capsys: pytest.CaptureFixture[str]) -> None:
    entries = timeline(capsys, history)
    assert all(set(e) == KEYS for e in entries)
    assert [e["date"] for e in entries] == ["2026-11-25", "2026-11-25", "2026-11-20", "2026-10-01"]
    same_day = entries[:2]
    assert [e["uid"] for e in same_day] == sorted(e["uid"] for e in same_day)
    assert {e["entry"] for e in same_day} == {"interaction", "exchange"}
    lunch = entries[2]
    assert (lunch["entry"], lunch["kind"], lunch["summary"]) == (
        "interaction", "lunch", "Lunch at the harbour")  # fmt: skip
    assert lunch["notes"] == "Talked about the quarterly review"
    assert [p["name"] for p in lunch["participants"]] == ["Anna Müller", "Bert Kunz"]
    open_database(history)
    try:
        ids = {c.formatted_name: c.id for c in Contact.select()}
        assert lunch["uid"] == Interaction.get_by_id(lunch["id"]).uid
        assert lunch["participants"][0]["uid"] == Contact.get_by_id(ids["Anna Müller"]).uid
        standalone = next(e for e in same_day if e["entry"] == "exchange")
        assert standalone["uid"] == Exchange.get_by_id(standalone["id"]).uid
    finally:
        close_database()
    assert all(set(x) == EXCHANGE_KEYS for x in lunch["exchanges"])
    assert sorted(x["contact_id"] for x in lunch["exchanges"]) == sorted(ids.values())
    assert lunch["exchanges"][0] == {
        "direction": "received",
        "kind": "recommendation",
        "description": "a recommendation for the job",
        "weight": 3,
        "outcome": "got it",
        "thanked": False,
        "contact_id": lunch["exchanges"][0]["contact_id"],
    }
    assert standalone["kind"] == "information"
    assert standalone["summary"] == "an article on pricing"
    assert [p["name"] for p in standalone["participants"]] == ["Bert Kunz"]
    assert standalone["exchanges"][0]["direction"] == "gave"


def test_filters(history: Path, capsys: pytest.CaptureFixture[str]) -> None:
    def summaries(*argv: str) -> list[str]:
        return [e["summary"] for e in timeline(capsys, history, *argv)]

    assert summaries("--with", "anna müller") == ["Call about Zürich", "Lunch at the harbour"]
    assert summaries("--kind", "coffee") == ["Coffee"]
    assert summaries("--kind", "exchanges") == ["an article on pricing"]
    # --since and --until include their days
    assert summaries("--since", "2026-11-20", "--until", "2026-11-20") == ["Lunch at the harbour"]
    assert len(summaries("--since", "2026-11-20")) == 3
    assert summaries("--until", "2026-10-01") == ["Coffee"]
    # --text: words match as word prefixes, in any field (accent folding is the query API's)
    assert summaries("--text", "harb") == ["Lunch at the harbour"]
    assert summaries("--text", "arbour") == []
    assert summaries("--text", "quarterly rev") == ["Lunch at the harbour"]
    assert summaries("--text", "zür") == ["Call about Zürich"]
    assert summaries("--with", "Bert Kunz", "--text", "pricing") == ["an article on pricing"]


def test_text_output_and_errors(history: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", str(history), "timeline"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("2026-11-25")
    assert "Lunch at the harbour  (Anna Müller, Bert Kunz) [received recommendation]" in out[2]
    assert main(["--db", str(history), "timeline", "--with", "Nobody"]) == 1
    assert "Nobody" in capsys.readouterr().err
    assert main(["--db", str(history), "timeline", "--since", "2026-13-01"]) == 2
    assert main(["--db", str(history), "timeline", "--kind", "picnic"]) == 2
    capsys.readouterr()
    assert main(["--db", str(history), "timeline", "--text", "nothing-like-this"]) == 0
    assert capsys.readouterr().out == "No entry matches.\n"
