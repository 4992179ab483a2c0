"""``coltiva backup`` and ``coltiva restore``: a whole installation (accounts and books)
goes out and comes back with every row of every table as it was, on the database the
tests run on (SQLite, or PostgreSQL with COLTIVA_DATABASE_URL)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection

from coltiva import backups
from coltiva.accounts import audit
from coltiva.accounts.models import AuditEvent, User
from coltiva.agenda import services as agenda_services
from coltiva.events.services import create_event
from coltiva.people import services as people_services
from coltiva.people.models import Person
from coltiva.referrals import services as referral_services

PASSWORD = "a-long-test-password-42"  # the cast's password (tests/conftest.py)

pytestmark = pytest.mark.django_db(transaction=True)

Cli = Callable[..., tuple[int, str, str]]


def make_book(owner: User, make_person: Callable[..., Person]) -> None:
    today = owner.local_today()
    anna = make_person(owner, "Anna Rossi", emails=["anna@example.com"], company="Rossi Srl")
    paolo = make_person(owner, "Paolo Bianchi", profession="Notaio", notes="Line 1\nLine 2 ✓")
    event = create_event(owner, {"name": "Breakfast club", "on": today - timedelta(days=20)})
    people_services.log_touch(anna, kind="met", on=today - timedelta(days=20), event_id=event.pk)
    people_services.log_touch(anna, kind="coffee", on=today - timedelta(days=3), minutes=45)
    referral = referral_services.record_referral(
        owner, direction="given", person=anna, on=today - timedelta(days=1), prospect=paolo
    )
    referral_services.update_referral_status(referral, status="won", value=Decimal("1200.50"))
    referral_services.record_introduction(
        owner, person_a=anna, person_b=paolo, on=today, why="Both in weddings"
    )
    agenda_services.plan_meeting(paolo, kind="meal", on=today + timedelta(days=3))


def every_row() -> dict[str, list[dict[str, Any]]]:
    """Every table of the installation, row by row (ids included: a backup keeps them)."""
    rows = {}
    for model in apps.get_models():
        values = model._default_manager.order_by("pk").values()
        rows[model._meta.label] = [
            {k: bytes(v) if isinstance(v, memoryview) else v for k, v in row.items()}
            for row in values
        ]
    return rows


@pytest.mark.parametrize("name", ["backup.sqlite3.gz", "backup.dump"])
def test_a_backup_restores_every_row_into_an_empty_installation(
    alice: User, bob: User, make_person: Callable[..., Person], cli: Cli, tmp_path: Path, name: str
) -> None:
    make_book(alice, make_person)
    make_book(bob, make_person)
    before = every_row()
    assert len(before["people.Person"]) == 4 and len(before["accounts.User"]) == 2
    target = tmp_path / name

    code, out, err = cli("backup", "--output", str(target))
    assert (code, err) == (0, "")
    assert f"Backed up to {target}" in out and target.stat().st_size > 0
    # The security log says a copy of everyone's data was made (not in the copy itself).
    assert AuditEvent.objects.filter(event=audit.BACKUP_MADE).count() == 1

    call_command("flush", interactive=False, verbosity=0)
    assert not User.objects.exists()
    code, out, err = cli("restore", str(target))
    assert (code, err) == (0, "")

    assert every_row() == before
    assert User.objects.get(email="alice@example.com").check_password(PASSWORD)


def test_restore_refuses_an_installation_that_has_accounts(
    alice: User, make_person: Callable[..., Person], cli: Cli, tmp_path: Path
) -> None:
    make_book(alice, make_person)
    target = tmp_path / "b.backup"
    assert cli("backup", "-o", str(target))[0] == 0
    make_person(alice, "Made After The Backup")

    code, _out, err = cli("restore", str(target))

    assert code == 1
    assert "already has accounts" in err and len(err.strip().splitlines()) == 1
    assert Person.objects.filter(family_name="After The Backup").exists()


def test_restore_refuses_a_file_that_is_not_a_backup(db: None, cli: Cli, tmp_path: Path) -> None:
    junk = tmp_path / "notes.txt"
    junk.write_text("hello")
    code, _, err = cli("restore", str(junk))
    assert code == 1 and "not a Coltiva backup" in err
    code, _, err = cli("restore", str(tmp_path / "missing.gz"))
    assert code == 1 and "no such file" in err


def test_a_backup_of_the_other_database_is_refused_with_a_clear_line(
    db: None, cli: Cli, tmp_path: Path
) -> None:
    other = tmp_path / "other"
    other.write_bytes(b"PGDMP" if connection.vendor == "sqlite" else b"SQLite format 3\x00")
    code, _, err = cli("restore", str(other))
    assert code == 1
    assert "backup; this installation uses" in err


def test_a_missing_pg_dump_is_named_with_how_to_install_it(
    db: None, cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(backups.BackupError, match="pg_dump was not found on PATH"):
        backups.find_program("pg_dump")
    if connection.vendor == "postgresql":
        code, _, err = cli("backup", "-o", str(tmp_path / "b.dump"))
        assert code == 1 and "pg_dump was not found on PATH" in err
        assert not (tmp_path / "b.dump").exists()
