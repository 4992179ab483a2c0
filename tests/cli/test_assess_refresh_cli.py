"""``coltiva assess`` and ``coltiva refresh`` from a terminal."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest

from coltiva.accounts.models import User
from coltiva.people import services
from coltiva.people.models import Relationship

# The day decides what these show: each runs at noon UTC, 23:30 UTC and Rome's DST night.
pytestmark = pytest.mark.usefixtures("frozen_now")

HISTORY = {
    "today": "2026-03-31",
    "touches": [
        {"kind": "met", "on": "2026-01-10", "event": "Spring mixer"},
        {"kind": "coffee", "on": "2026-02-02", "minutes": 45},
        {"kind": "one_to_one", "on": "2026-03-01", "minutes": 60},
        {"kind": "helped", "on": "2026-03-05"},
    ],
}


def test_assess_reads_a_file_and_prints_the_assessment_as_json(cli, tmp_path: Path) -> None:
    path = tmp_path / "history.json"
    path.write_text(json.dumps(HISTORY))
    code, out, _ = cli("assess", str(path))
    result = json.loads(out)
    assert code == 0
    assert set(result) == {
        "stage",
        "health",
        "scores",
        "warnings",
        "warning_texts",
        "next_step",
        "evidence",
    }
    assert result["stage"] == "credibility"
    assert result["next_step"]["code"] == "give_referral"
    assert any("coffee" in line for line in result["evidence"])


def test_assess_reads_standard_input(cli) -> None:
    code, out, _ = cli("assess", "-", stdin=json.dumps(HISTORY | {"touches": []}))
    assert code == 0 and json.loads(out)["stage"] == "none"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{not json", "invalid JSON"),
        (
            json.dumps({"today": "2026-03-31", "touches": [{"kind": "cofee", "on": "2026-03-01"}]}),
            "unknown kind",
        ),
        (
            json.dumps({"today": "2026-03-31", "touches": [{"kind": "met", "on": "31/03/2026"}]}),
            "touches[0]",
        ),
        (
            json.dumps({"today": "2026-03-31", "touches": [{"kind": "met", "on": "2026-04-01"}]}),
            "after today",
        ),
    ],
)
def test_assess_refuses_bad_input_with_exit_2_and_one_line(cli, text: str, message: str) -> None:
    code, out, err = cli("assess", "-", stdin=text)
    assert code == 2
    assert message in err and out == ""
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_assess_says_when_the_file_is_missing(cli, tmp_path: Path) -> None:
    code, _, err = cli("assess", str(tmp_path / "missing.json"))
    assert code == 2 and "cannot read" in err


@pytest.mark.django_db
def test_refresh_updates_every_book_for_decay(cli, alice: User, make_person) -> None:
    anna = make_person(alice)
    services.log_touch(anna, kind="met", on=alice.local_today() - timedelta(days=100))
    Relationship.objects.filter(person=anna).update(health="thriving")
    code, out, _ = cli("refresh")
    assert code == 0 and "Refreshed 1 relationships in 1 books" in out
    assert Relationship.objects.get(person=anna).health == "withering"
