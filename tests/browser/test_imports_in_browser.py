"""Bringing a LinkedIn export in, in a real browser: upload, preview, import, report,
possible duplicates, undo; each page checked with axe-core."""

from __future__ import annotations

from pathlib import Path

import pytest
from browser_helpers import PASSWORD, log_in
from pytest_django.fixtures import Settings as SettingsWrapper

from coltiva.accounts.models import User
from coltiva.people import services
from coltiva.people.models import Person

HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On"


def linkedin(rows: list[str]) -> bytes:
    """A LinkedIn Connections.csv in its current layout, notes preamble included."""
    preamble = 'Notes:\n"When exporting your connection data, some e-mails may be missing."\n\n'
    return (preamble + HEADER + "\n" + "\n".join(rows) + "\n").encode()


@pytest.fixture(autouse=True)
def imports_run_at_once(settings: SettingsWrapper, tmp_path: Path) -> None:
    # The live server has no worker beside it: run the import task at once.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.MEDIA_ROOT = tmp_path / "uploads"
    settings.IMPORT_PROGRESS_DIR = str(tmp_path / "progress")


pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROWS = [
    "Ada,Lovelace,https://www.linkedin.com/in/ada,,Analytical Engines,Engineer,09 Oct 2024",
    "Bob,Stone,https://www.linkedin.com/in/bob,bob@example.com,Stone & Co,Owner,01 Jan 2023",
    "Carla,Neri,https://www.linkedin.com/in/carla,,Neri Srl,CEO,02 Feb 2022",
    ",,,,,,06 Sep 2025",
]


@pytest.fixture
def networker() -> User:
    user = User.objects.create_user("networker@example.com", PASSWORD, name="Nora Networker")
    services.create_person(
        user,
        {"given_name": "Bob", "family_name": "Stone", "job_title": "Founder"},
        [services.ContactInput("email", "BOB@example.com")],
    )
    services.create_person(user, {"given_name": "Carla", "family_name": "Neri", "company": "Neri"})
    return user


def test_a_linkedin_export_is_previewed_imported_reviewed_and_undone(
    desktop, live_server, networker, axe, screenshot, tmp_path: Path
) -> None:
    base = live_server.url
    log_in(desktop, base, "networker@example.com")
    desktop.get_by_role("link", name="Import/Export").click()
    assert axe(desktop) == []
    export = tmp_path / "Connections.csv"
    export.write_bytes(linkedin(ROWS))
    desktop.locator("#id_file").set_input_files(str(export))
    desktop.get_by_role("button", name="Upload and preview").click()
    desktop.get_by_text("Import Connections.csv?").wait_for()
    assert desktop.get_by_text("Same e-mail as someone in your book").is_visible()
    assert axe(desktop) == []
    screenshot(desktop, "import-preview")
    assert Person.objects.filter(owner=networker).count() == 2  # nothing saved yet

    desktop.get_by_role("button", name="Import", exact=True).click()
    desktop.get_by_text("Undo this import").wait_for()
    assert axe(desktop) == []
    assert Person.objects.filter(owner=networker).count() == 4
    assert Person.objects.get(owner=networker, given_name="Bob").job_title == "Founder"

    desktop.get_by_role("link", name="1 possible duplicate to review").click()
    desktop.get_by_text("Similar name and company").wait_for()
    assert axe(desktop) == []
    desktop.get_by_role("button", name="Different people").click()
    desktop.get_by_text("No possible duplicates to review.").wait_for()

    desktop.get_by_role("link", name="Import/Export").click()
    desktop.on("dialog", lambda dialog: dialog.accept())
    desktop.get_by_role("button", name="Undo the last import (Connections.csv)").click()
    desktop.get_by_text("The import of Connections.csv was undone.").wait_for()
    assert Person.objects.filter(owner=networker).count() == 2


def test_a_merge_is_confirmed_labelled_and_undone_and_the_undo_keeps_the_hand_made(
    desktop, live_server, networker, axe, tmp_path: Path
) -> None:
    carla = Person.objects.get(owner=networker, given_name="Carla")
    services.log_touch(carla, kind="coffee", on=networker.local_today())
    base = live_server.url
    log_in(desktop, base, "networker@example.com")
    upload = tmp_path / "Connections.csv"
    upload.write_bytes(linkedin(ROWS))
    desktop.goto(f"{base}/imports/")
    desktop.locator("input[type=file]").set_input_files(str(upload))
    desktop.get_by_role("button", name="Upload and preview").click()
    desktop.get_by_role("button", name="Import", exact=True).click()
    desktop.get_by_text("Undo this import").wait_for()

    desktop.goto(f"{base}/imports/duplicates/")
    choice = desktop.get_by_role(
        "button", name="Merge, keeping the details of Carla Neri · Neri · 1 touch"
    )
    choice.click()
    desktop.get_by_text("After the merge, Carla Neri holds the one touch.").wait_for()
    assert axe(desktop) == []
    assert Person.objects.filter(owner=networker, given_name="Carla").count() == 2  # asked first
    desktop.get_by_role("button", name="Merge into Carla Neri").click()
    desktop.get_by_role("button", name="Undo this merge").wait_for()
    assert axe(desktop) == []
    assert Person.objects.filter(owner=networker, given_name="Carla").count() == 1
    desktop.get_by_role("button", name="Undo this merge").click()
    desktop.get_by_text("Merge undone").wait_for()
    assert Person.objects.filter(owner=networker, given_name="Carla").count() == 2

    choice.click()
    desktop.get_by_role("button", name="Merge into Carla Neri").click()
    desktop.get_by_role("button", name="Undo this merge").wait_for()
    desktop.goto(f"{base}/imports/")
    desktop.on("dialog", lambda dialog: dialog.accept())
    desktop.get_by_role("button", name="Undo the last import (Connections.csv)").click()
    desktop.get_by_text("1 person it created was kept").wait_for()
    assert Person.objects.filter(pk=carla.pk, touches__kind="coffee").exists()
