"""Absolute links (calendar feed, digest, `make demo`'s message) follow the address the
server listens on when COLTIVA_BASE_URL is unset."""

from __future__ import annotations

import shutil
import subprocess
from datetime import timedelta
from pathlib import Path

import pytest
from django.core import mail
from django.test import Client, override_settings
from django.urls import reverse

from coltiva import address
from coltiva.accounts.models import User
from coltiva.agenda.services import plan_meeting
from coltiva.reminders import feed

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def served_on_8101(tmp_path: Path):  # type: ignore[no-untyped-def]
    """A data directory where `coltiva serve --port 8101` has recorded its address."""
    with override_settings(DATA_DIR=tmp_path, BASE_URL=""):
        address.record(address.server_url("127.0.0.1", 8101))
        yield


def test_without_a_server_or_a_setting_links_use_the_default_address(tmp_path: Path) -> None:
    with override_settings(DATA_DIR=tmp_path, BASE_URL=""):
        assert address.base_url() == "http://127.0.0.1:8000"


def test_a_wildcard_host_is_recorded_as_this_machines_address() -> None:
    assert address.server_url("0.0.0.0", 8101) == "http://127.0.0.1:8101"  # noqa: S104
    assert address.server_url("::1", 8101) == "http://[::1]:8101"


def test_the_calendar_feed_links_to_the_port_the_server_listens_on(
    served_on_8101: None, client: Client, alice: User, make_person
) -> None:
    anna = make_person(alice)
    plan_meeting(anna, kind="coffee", on=alice.local_today() + timedelta(days=2), minutes=30)
    token = feed.enable(alice)
    body = client.get(reverse("reminders:feed", args=[token])).content.decode()
    assert f"http://127.0.0.1:8101/people/{anna.pk}/" in body.replace("\r\n ", "")
    profile = Client()
    profile.force_login(alice)
    page = profile.get(reverse("accounts:profile")).content.decode()
    assert f"http://127.0.0.1:8101/feed/{token}.ics" in page


def test_coltiva_base_url_wins_over_the_recorded_address(served_on_8101: None) -> None:
    with override_settings(BASE_URL="https://coltiva.example.com"):
        assert address.base_url() == "https://coltiva.example.com"


def test_the_digest_sent_from_cron_links_to_the_recorded_address(
    served_on_8101: None, alice: User, cli
) -> None:
    alice.digest_enabled = True
    alice.digest_weekday = alice.local_today().weekday()
    alice.save()
    code, _, _ = cli("digest")
    assert code == 0 and len(mail.outbox) == 1
    assert "http://127.0.0.1:8101/digest/unsubscribe/" in mail.outbox[0].body
    assert "127.0.0.1:8000" not in mail.outbox[0].body


def test_the_demo_message_names_the_recorded_address(served_on_8101: None, cli) -> None:
    code, out, _ = cli("demo", "--user", "demo@coltiva.local", "--create")
    assert code == 0
    assert "Log in at http://127.0.0.1:8101 as demo@coltiva.local" in out


@pytest.mark.skipif(shutil.which("make") is None, reason="needs make")
def test_make_run_takes_a_port_and_make_dev_installs_only_the_tools() -> None:
    run = subprocess.run(
        ["make", "-n", "run", "PORT=8101"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "coltiva serve --port 8101" in run
    dev = subprocess.run(
        ["make", "-n", "-W", "requirements/dev.lock", "dev"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "requirements/dev.lock" in dev and "pytest" not in dev
