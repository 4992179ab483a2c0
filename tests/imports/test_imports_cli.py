"""``coltiva import`` and ``coltiva export``: arguments in, a summary (or JSON) out."""

from __future__ import annotations

import importlib
import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from imports_helpers import linkedin

from coltiva.accounts.models import User
from coltiva.imports.models import ImportJob
from coltiva.people import services as people_services
from coltiva.people.models import Person

# The command's module is named "import", a keyword: only importlib can load it.
ProgressBar = importlib.import_module("coltiva.imports.management.commands.import").ProgressBar
CLI = Callable[..., tuple[int, str, str]]
ROWS = [
    "Ada,Lovelace,https://www.linkedin.com/in/ada,,Analytical,Engineer,09 Oct 2024",
    "Bob,Stone,https://www.linkedin.com/in/bob,bob@example.com,Stone,Owner,01 Jan 2023",
    ",,,,,,06 Sep 2025",
]


@pytest.fixture
def connections(tmp_path: Path) -> Path:
    path = tmp_path / "Connections.csv"
    path.write_bytes(linkedin(ROWS))
    return path


def test_import_prints_a_summary_with_the_skipped_rows(
    alice: User, cli: CLI, connections: Path
) -> None:
    code, out, err = cli("import", str(connections), "--user", alice.email)
    assert code == 0, err
    assert "Connections.csv (linkedin): 2 created, 0 merged, 1 skipped" in out
    assert "row 7: No name, e-mail, phone or link: only a connection date" in out
    assert Person.objects.filter(owner=alice).count() == 2


def test_import_json_prints_one_object_with_the_documented_keys(
    alice: User, cli: CLI, connections: Path, make_person: Callable[..., Person]
) -> None:
    make_person(alice, "Bob S", emails=["BOB@example.com"])
    code, out, _err = cli("import", str(connections), "--user", alice.email, "--json")
    assert code == 0
    assert json.loads(out) == {
        "format": "linkedin",
        "created": 1,
        "merged": 1,
        "skipped": 1,
        "errors": [
            {
                "row": 7,
                "code": "only_connection_date",
                "params": {},
                "reason": "No name, e-mail, phone or link: only a connection date "
                "(the profile is hidden or deleted)",
            }
        ],
    }


def test_a_dry_run_reports_the_same_counts_and_saves_nothing(
    alice: User, cli: CLI, connections: Path
) -> None:
    code, out, _err = cli("import", str(connections), "--user", alice.email, "--dry-run", "--json")
    assert code == 0
    assert json.loads(out)["created"] == 2
    assert not Person.objects.filter(owner=alice).exists()
    assert not ImportJob.objects.exists()


def test_a_format_can_be_forced_and_a_wrong_one_is_refused(
    alice: User, cli: CLI, connections: Path
) -> None:
    code, _out, _err = cli("import", str(connections), "--user", alice.email, "--format", "csv")
    assert code == 0  # a LinkedIn file is a spreadsheet too
    code, out, err = cli("import", str(connections), "--user", alice.email, "--format", "vcard")
    assert code == 1 and out == ""
    assert "looks like LinkedIn connections, not vCard" in err


def test_unknown_user_and_missing_file_are_one_line_errors(alice: User, cli: CLI) -> None:
    code, _out, err = cli("import", "/nonexistent.csv", "--user", alice.email)
    assert code == 1 and "no such file" in err and err.count("\n") <= 1
    code, _out, err = cli("import", "/nonexistent.csv", "--user", "nobody@example.com")
    assert code == 1 and "no account" in err


def test_the_progress_bar_draws_on_a_terminal_only() -> None:
    stream = io.StringIO()
    bar = ProgressBar(stream, enabled=True)
    bar.start(200)
    bar.update(100)
    bar.finish()
    assert "100/200" in stream.getvalue() and "#" * 15 in stream.getvalue()
    quiet = io.StringIO()
    silent = ProgressBar(quiet, enabled=False)
    silent.start(200)
    silent.update(100)
    assert quiet.getvalue() == ""


def test_export_writes_each_format_to_a_file_or_standard_output(
    alice: User, cli: CLI, tmp_path: Path, make_person: Callable[..., Person]
) -> None:
    anna = make_person(alice, "Anna Rossi", emails=["anna@example.com"])
    people_services.set_contacts(
        anna, [people_services.ContactInput("phone", "+39 02 1234 5678", "work")]
    )
    code, out, _err = cli("export", "--user", alice.email, "--format", "json")
    assert code == 0 and json.loads(out)["coltiva_export"] == 1
    target = tmp_path / "book.vcf"
    code, _out, err = cli("export", "--user", alice.email, "--format", "vcard", "-o", str(target))
    assert code == 0 and "Exported to" in err
    text = target.read_bytes().decode()
    assert text.startswith("BEGIN:VCARD\r\nVERSION:4.0\r\n") and "FN:Anna Rossi" in text
    assert "TEL;TYPE=work:+39 02 1234 5678" in text
    code, out, _err = cli("export", "--user", alice.email, "--format", "csv")
    assert code == 0 and "'+39 02 1234 5678" in out
    code, _out, err = cli("export", "--user", alice.email, "--format", "xml")
    assert code != 0
