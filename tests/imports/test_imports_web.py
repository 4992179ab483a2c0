"""The web flow: upload -> (columns) -> preview -> confirm -> progress -> report, the
possible-duplicates page, undo and the export downloads."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from imports_helpers import linkedin
from pytest_django.fixtures import Settings as SettingsWrapper

from coltiva.accounts.models import User
from coltiva.imports import duplicates
from coltiva.imports.models import DuplicatePair, ImportJob
from coltiva.people.models import Person, Touch

ROWS = [
    "Ada,Lovelace,https://www.linkedin.com/in/ada,,Analytical,Engineer,09 Oct 2024",
    "Bob,Stone,https://www.linkedin.com/in/bob,bob@example.com,Stone,Owner,01 Jan 2023",
]


def upload(client: Client, data: bytes, name: str, fmt: str = "auto") -> ImportJob | None:
    response = client.post(
        reverse("imports:home"), {"file": SimpleUploadedFile(name, data), "fmt": fmt}
    )
    if response.status_code == 200:
        return None
    return ImportJob.objects.latest("pk")


def test_upload_preview_confirm_and_report(alice_client: Client, alice: User) -> None:
    job = upload(alice_client, linkedin(ROWS), "Connections.csv")
    assert job is not None and job.status == "preview"
    page = alice_client.get(reverse("imports:job", args=[job.pk]))
    text = page.content.decode()
    assert "LinkedIn connections" in text and "Ada Lovelace" in text
    assert job.preview["counts"] == {"created": 2, "merged": 0, "skipped": 0}
    assert not Person.objects.filter(owner=alice).exists()  # nothing saved before confirming
    response = alice_client.post(reverse("imports:confirm", args=[job.pk]))
    assert response.status_code == 302
    job.refresh_from_db()
    assert (job.status, job.created_count, job.stored_file) == ("done", 2, "")
    report = alice_client.get(reverse("imports:job", args=[job.pk])).content.decode()
    assert "Undo this import" in report and "Bob Stone" in report
    assert Person.objects.filter(owner=alice).count() == 2
    assert not Touch.objects.filter(owner=alice).exists()


def test_the_progress_fragment_polls_while_running_and_redirects_when_done(
    alice_client: Client, alice: User
) -> None:
    job = ImportJob.objects.create(owner=alice, filename="x.csv", fmt="linkedin", status="running")
    url = reverse("imports:progress", args=[job.pk])
    polling = alice_client.get(url, HTTP_HX_REQUEST="true")
    assert 'hx-trigger="every 1s"' in polling.content.decode()
    ImportJob.objects.filter(pk=job.pk).update(status="done")
    done = alice_client.get(url, HTTP_HX_REQUEST="true")
    assert done["HX-Redirect"] == reverse("imports:job", args=[job.pk])


def test_a_generic_spreadsheet_asks_for_its_columns_first(
    alice_client: Client, alice: User
) -> None:
    data = b"Nominativo;Azienda;Cell;Boh\nMario Rossi;Acme;333 1234567;x\nLia Neri;Beta;;y\n"
    job = upload(alice_client, data, "lista.csv")
    assert job is not None and job.fmt == "csv"
    assert alice_client.get(reverse("imports:job", args=[job.pk])).status_code == 200
    columns = reverse("imports:columns", args=[job.pk])
    page = alice_client.get(columns).content.decode()
    assert "Nominativo" in page and "Mario Rossi" in page
    response = alice_client.post(
        columns, {"col_0": "display_name", "col_1": "company", "col_2": "phone:mobile"}
    )
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.mapping == {
        "Nominativo": "display_name",
        "Azienda": "company",
        "Cell": "phone:mobile",
    }
    assert job.preview["counts"]["created"] == 2
    alice_client.post(reverse("imports:confirm", args=[job.pk]))
    mario = Person.objects.get(owner=alice, display_name="Mario Rossi")
    assert mario.company == "Acme"
    assert mario.contact_points.get().label == "mobile"


def test_a_mapping_with_no_column_chosen_is_refused(alice_client: Client) -> None:
    job = upload(alice_client, b"A;B\n1;2\n3;4\n", "odd.csv")
    assert job is not None
    response = alice_client.post(reverse("imports:columns", args=[job.pk]), {"col_0": "ignore"})
    assert "Choose what at least one column holds" in response.content.decode()


def test_an_unreadable_upload_is_refused_on_the_form_with_its_reason(
    alice_client: Client, alice: User
) -> None:
    response = alice_client.post(
        reverse("imports:home"),
        {"file": SimpleUploadedFile("x.vcf", b"\x00\x01\x02garbage" * 100), "fmt": "auto"},
    )
    assert response.status_code == 200
    assert "binary data" in response.content.decode()
    assert not ImportJob.objects.filter(owner=alice).exists()


def test_a_file_over_the_limit_is_refused_before_being_read(
    alice_client: Client, settings: SettingsWrapper
) -> None:
    settings.IMPORT_MAX_BYTES = 1024 * 1024
    big = SimpleUploadedFile("big.csv", b"a" * (1024 * 1024 + 1))
    response = alice_client.post(reverse("imports:home"), {"file": big, "fmt": "auto"})
    assert "too large" in response.content.decode()


def test_undo_from_the_report_removes_what_the_import_created(
    alice_client: Client, alice: User
) -> None:
    job = upload(alice_client, linkedin(ROWS), "Connections.csv")
    assert job is not None
    alice_client.post(reverse("imports:confirm", args=[job.pk]))
    alice_client.post(reverse("imports:undo", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == "undone"
    assert not Person.objects.filter(owner=alice).exists()


def test_possible_duplicates_merge_in_one_click_and_different_is_remembered(
    alice_client: Client, alice: User, make_person: Callable[..., Person]
) -> None:
    a = make_person(alice, "Maria Bianchi", company="Acme", emails=["maria@acme.test"])
    b = make_person(alice, "Maria Bianchi", company="ACME srl")
    c = make_person(alice, "Mario Bianchi", company="Acme")
    d = make_person(alice, "Maria Bianchi")
    assert duplicates.scan_book(alice) >= 2
    page = alice_client.get(reverse("imports:duplicates")).content.decode()
    assert "Similar name and company" in page
    pair = DuplicatePair.objects.get(person_a=a, person_b=b)
    alice_client.post(reverse("imports:duplicate_merge", args=[pair.pk]), {"keep": "a"})
    assert not Person.objects.filter(pk=b.pk).exists()
    a.refresh_from_db()
    assert "ACME srl" in a.notes  # the other company is kept, not lost
    other = DuplicatePair.objects.filter(owner=alice, status="open").first()
    assert other is not None
    alice_client.post(reverse("imports:duplicate_different", args=[other.pk]))
    duplicates.scan_book(alice)
    other.refresh_from_db()
    assert other.status == "different"
    assert {c.pk, d.pk} & {other.person_a_id, other.person_b_id}


def test_every_export_downloads(alice_client: Client, alice: User, make_person: Callable) -> None:
    make_person(alice, "Anna Rossi", emails=["anna@example.com"])
    for fmt, marker in (("json", '"coltiva_export": 1'), ("vcard", "BEGIN:VCARD"), ("csv", "Anna")):
        response = alice_client.get(reverse("imports:export", args=[fmt]))
        assert response.status_code == 200
        body = b"".join(response.streaming_content).decode()
        assert marker in body, fmt
        assert "attachment" in response["Content-Disposition"]
    assert alice_client.get(reverse("imports:export", args=["xml"])).status_code == 404
    doc = json.loads(b"".join(alice_client.get("/imports/export/json/").streaming_content))
    assert doc["people"][0]["display_name"] == "Anna Rossi"


def test_the_import_page_is_in_the_main_navigation(alice_client: Client) -> None:
    page = alice_client.get(reverse("web:home")).content.decode()
    assert reverse("imports:home") in page


def test_cancelling_a_preview_removes_the_job_and_its_uploaded_file(
    alice_client: Client, alice: User, settings: SettingsWrapper
) -> None:
    job = upload(alice_client, linkedin(ROWS), "Connections.csv")
    assert job is not None and job.stored_file
    assert list(Path(settings.MEDIA_ROOT).rglob(job.stored_file))
    preview = alice_client.get(reverse("imports:job", args=[job.pk])).content.decode()
    assert reverse("imports:cancel", args=[job.pk]) in preview
    response = alice_client.post(reverse("imports:cancel", args=[job.pk]))
    assert response.status_code == 302
    assert not ImportJob.objects.filter(pk=job.pk).exists()
    assert not list(Path(settings.MEDIA_ROOT).rglob("*.upload"))
    home = alice_client.get(reverse("imports:home")).content.decode()
    assert "Waiting for your confirmation" not in home
    assert not Person.objects.filter(owner=alice).exists()


def test_a_confirmed_import_cannot_be_cancelled_away(alice_client: Client, alice: User) -> None:
    job = upload(alice_client, linkedin(ROWS), "Connections.csv")
    assert job is not None
    alice_client.post(reverse("imports:confirm", args=[job.pk]))
    alice_client.post(reverse("imports:cancel", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == "done"
    assert Person.objects.filter(owner=alice).count() == 2


def test_another_user_cannot_cancel_alices_preview(
    alice_client: Client, charlie_client: Client
) -> None:
    job = upload(alice_client, linkedin(ROWS), "Connections.csv")
    assert job is not None
    assert charlie_client.post(reverse("imports:cancel", args=[job.pk])).status_code == 404
    assert ImportJob.objects.filter(pk=job.pk).exists()
