"""`coltiva introductions`: the same suggestions as the pages, as text or JSON."""

from __future__ import annotations

import json

from coltiva.accounts.models import User


def test_the_book_wide_list_prints_pairs_and_reasons(cli, alice: User, network_book) -> None:
    code, out, err = cli("introductions", "--user", "alice@example.com", "--limit", "3")
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0].startswith(" 1. ") and "<->" in lines[0]
    assert lines[1].startswith("    ") and lines[1].endswith(".")
    assert len([line for line in lines if "<->" in line]) == 3


def test_json_for_one_person(cli, alice: User, network_book) -> None:
    anna, paolo = network_book["Anna"], network_book["Paolo"]
    code, out, _ = cli(
        "introductions", "--user", "alice@example.com", "--for", str(anna.pk), "--json"
    )
    rows = json.loads(out)
    assert code == 0
    assert rows[0]["a"] == {"id": anna.pk, "name": "Anna Russo"}
    assert rows[0]["b"] == {"id": paolo.pk, "name": "Paolo Greco"}
    assert isinstance(rows[0]["score"], float) and rows[0]["reason"].endswith(".")
    assert set(rows[0]) == {"a", "b", "score", "reason"}


def test_an_empty_book_says_so(cli, alice: User) -> None:
    code, out, _ = cli("introductions", "--user", "alice@example.com")
    assert code == 0 and out.strip() == "No introductions to suggest yet."
    code, out, _ = cli("introductions", "--user", "alice@example.com", "--json")
    assert json.loads(out) == []


def test_errors_are_one_line_and_non_zero(cli, alice: User, charlie: User, make_person) -> None:
    theirs = make_person(charlie, "Carla Stranger")
    for args in (
        ("--user", "nobody@example.com"),
        ("--user", "alice@example.com", "--for", str(theirs.pk)),
        ("--user", "alice@example.com", "--limit", "0"),
    ):
        code, out, err = cli("introductions", *args)
        assert code != 0 and out == "" and len(err.strip().splitlines()) == 1
