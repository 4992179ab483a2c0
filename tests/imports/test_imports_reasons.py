"""Import reasons are codes with parameters, put into words in the reader's language: an
Italian user reads why a file or a row was refused in Italian, on the preview, the
report and a failed job; the CLI writes English; every code has a sentence and its
Italian translation (found by scanning the source, so a new code cannot be forgotten)."""

from __future__ import annotations

import ast
import html
import re
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from imports_helpers import linkedin
from pytest_django.fixtures import Settings as SettingsWrapper

from coltiva.accounts.models import User
from coltiva.imports import conf, reasons, services, stale, tasks, undo
from coltiva.imports.models import ImportJob, ImportRow
from coltiva.interchange import Reason

SOURCE = Path(reasons.__file__).resolve().parents[1]
PLACEHOLDER = re.compile(r"%\((\w+)\)s")


def _reason_calls() -> list[tuple[str, ast.Call]]:
    calls = []
    for path in sorted(SOURCE.rglob("*.py")):
        tree = ast.parse(path.read_text(), str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Reason":
                calls.append((f"{path.relative_to(SOURCE)}:{node.lineno}", node))
    return calls


def _codes_in_source() -> dict[str, str]:
    codes = {}
    for where, call in _reason_calls():
        first = call.args[0] if call.args else None
        if isinstance(first, ast.Constant) and isinstance(first.value, str):
            codes.setdefault(first.value, where)
    return codes


def _msgids(code: str) -> list[str]:
    """The English texts of a catalogue entry (two for a plural)."""
    entry = reasons.CATALOGUE[code]
    args = entry._args  # type: ignore[attr-defined]  # the lazy string's own arguments
    kwargs = entry._kw  # type: ignore[attr-defined]
    if kwargs:  # ngettext_lazy keeps singular and plural as keywords
        return [kwargs["singular"], kwargs["plural"]]
    return [args[0]]


def _italian(code: str) -> list[str]:
    msgids = _msgids(code)
    with translation.override("it"):
        if len(msgids) == 2:
            return [translation.ngettext(*msgids, n) for n in (1, 2)]  # type: ignore[call-arg]
        return [translation.gettext(msgids[0])]


def test_the_source_scan_finds_the_readers_codes() -> None:
    codes = _codes_in_source()
    # A few from each layer: a whole file, a row, a value, the service, the planner.
    expected = {"file_empty", "card_damaged", "birthday_not_understood", "too_many_rows"}
    assert expected | {"same_email_in_book", "export_not_utf8"} <= set(codes)
    assert len(codes) > 60


def test_every_reason_is_made_with_a_literal_code() -> None:
    """So the scan below sees every code there is."""
    dynamic = [
        where
        for where, call in _reason_calls()
        if not (call.args and isinstance(call.args[0], ast.Constant))
        and "interchange/reasons.py" not in where
    ]
    assert dynamic == []


def test_every_code_used_in_the_source_has_a_sentence() -> None:
    missing = {code: where for code, where in _codes_in_source().items()}
    missing = {code: where for code, where in missing.items() if code not in reasons.CATALOGUE}
    assert missing == {}, "add these codes to coltiva/imports/reasons.py"


def test_every_sentence_of_the_catalogue_is_used_somewhere() -> None:
    assert set(reasons.CATALOGUE) - set(_codes_in_source()) == set()


@pytest.mark.parametrize("code", sorted(reasons.CATALOGUE))
def test_every_sentence_has_an_italian_translation_with_the_same_placeholders(code: str) -> None:
    for msgid, italian in zip(_msgids(code), _italian(code), strict=True):
        assert italian != msgid, f"{code}: no Italian for {msgid!r}"
        assert sorted(PLACEHOLDER.findall(italian)) == sorted(PLACEHOLDER.findall(msgid))


@pytest.mark.parametrize("language", ["en", "it"])
@pytest.mark.parametrize("code", sorted(reasons.CATALOGUE))
def test_every_sentence_reads_as_one_line_with_its_parameters_filled(
    code: str, language: str
) -> None:
    params = {name: 2 for msgid in _msgids(code) for name in PLACEHOLDER.findall(msgid)}
    with translation.override(language):
        said = reasons.sentence(Reason(code, params))
    assert "%(" not in said and "\n" not in said and 0 < len(said) < 200
    assert not said.startswith(" ")


def test_every_code_is_listed_in_the_formats_document() -> None:
    document = (SOURCE.parents[1] / "docs" / "formats.md").read_text()
    listed = set(re.findall(r"^\| `(\w+)` \|", document, re.M))
    assert set(reasons.CATALOGUE) - listed == set()


def test_a_code_without_a_sentence_still_says_something_readable() -> None:
    with translation.override("it"):
        said = reasons.sentence(Reason("no_such_code"))
    assert said == "Il file non si è potuto leggere (no_such_code)."


# --- through the web, with the profile in Italian ------------------------------------------


@pytest.fixture
def italian(alice: User) -> Iterator[User]:
    alice.language = "it"
    alice.save(update_fields=["language"])
    yield alice
    # A page view leaves the reader's language active in this thread: not for later tests.
    translation.deactivate()


def _upload(client: Client, data: bytes, name: str) -> tuple[int, str]:
    response = client.post(
        reverse("imports:home"), {"file": SimpleUploadedFile(name, data), "fmt": "auto"}
    )
    return response.status_code, _text(response.content)


def _text(content: bytes) -> str:
    """A page as a reader sees it (Django writes an apostrophe as &#x27;)."""
    return html.unescape(content.decode())


def _card(*lines: str) -> str:
    return (
        "BEGIN:VCARD\r\nVERSION:3.0\r\n"
        + "".join(f"{line}\r\n" for line in lines)
        + ("END:VCARD\r\n")
    )


@pytest.mark.parametrize(
    ("data", "name", "italian_reason"),
    [
        (bytes(range(256)) * 40, "contatti.csv", "Il file non è testo: sembrano dati binari"),
        (b"%PDF-1.7\n", "contatti.pdf", "Questo è un documento PDF, non un file di contatti."),
        (b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Anna", "anna.vcf", "Il file vCard è troncato"),
        (b"PK\x03\x04" + bytes(500), "rubrica.xlsx", "Questo è un archivio ZIP o una cartella"),
        (
            "Caro Paolo,\ngrazie del caffè.\n".encode(),
            "lettera.txt",
            "Questo non è un file di contatti",
        ),
        # The bounded reads and the streamed restore (issue 14) refuse in codes too.
        (
            b'{"coltiva_export": 1, "x": ' + b"[" * 100 + b"]" * 100 + b"}",
            "profondo.json",
            "Il file JSON è annidato per più di 32 livelli: non è un'esportazione di Coltiva.",
        ),
        (
            b'{"coltiva_export": 1, "people": [{"display_name": "Anna"',
            "tagliato.json",
            "Il file JSON è danneggiato o troncato.",
        ),
        (
            b'{"coltiva_export": 1, "people": {"display_name": "Anna"}}',
            "rotto.json",
            "L'esportazione è danneggiata: “people” non è un elenco di righe.",
        ),
        (
            b'{"coltiva_export": 99, "people": []}',
            "futuro.json",
            "Questa esportazione usa il formato 99; questa versione di Coltiva legge il formato 1.",
        ),
        (
            (",".join(f"C{n}" for n in range(600)) + "\n" + "x," * 599 + "x\n").encode(),
            "largo.csv",
            "Il file ha 600 colonne; un'importazione ne legge al massimo 500",
        ),
    ],
)
def test_an_unreadable_file_is_refused_in_italian_on_the_upload_form(
    client: Client, italian: User, data: bytes, name: str, italian_reason: str
) -> None:
    client.force_login(italian)
    status, page = _upload(client, data, name)
    assert status == 200 and italian_reason in page
    assert not ImportJob.objects.filter(owner=italian).exists()


def test_the_reasons_of_a_bad_vcard_read_in_italian_on_the_preview_and_the_report(
    client: Client, italian: User
) -> None:
    vcf = (
        _card("FN:Anna Verdi", "EMAIL:anna(at)example", "BDAY:31-02-1980")
        + _card("garbage without a property", "more garbage")
        + _card("NOTE:solo una nota")
        + _card("FN:Carlo Neri", "TEL:ciao", "a broken line")
    )
    client.force_login(italian)
    _upload(client, vcf.encode(), "rubrica.vcf")
    job = ImportJob.objects.get(owner=italian)
    preview = client.get(reverse("imports:job", args=[job.pk])).content.decode()
    assert "La scheda è danneggiata (la riga 9 non è una proprietà vCard)" in preview
    assert "Nessun nome, e-mail, telefono o link" in preview
    assert "Ignorato “anna(at)example”: non è un indirizzo e-mail" in preview
    client.post(reverse("imports:confirm", args=[job.pk]))
    report = client.get(reverse("imports:job", args=[job.pk])).content.decode()
    assert "Ignorato il telefono “ciao”: non contiene cifre" in report
    assert "1 riga illeggibile, alla riga 20" in report
    assert "La scheda è danneggiata (la riga 9 non è una proprietà vCard)" in report
    assert "Nessun nome, e-mail, telefono o link" in report
    assert "not an e-mail" not in report and "no digits" not in report


def test_the_reasons_of_a_bad_spreadsheet_read_in_italian_on_the_report(
    client: Client, italian: User
) -> None:
    csv = (
        "Nome,Cognome,E-mail,Compleanno,Telefono\n"
        "Anna,Verdi,anna@example.com,31/13/1980,\n"
        ",,,,\n"
        ",,,01/02/1990,\n"
        "Bruno,Bianchi,bruno@example,,+39 02 1234 5678\n"
    )
    client.force_login(italian)
    _upload(client, csv.encode(), "foglio.csv")
    job = ImportJob.objects.get(owner=italian)
    client.post(reverse("imports:confirm", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == "done", job.error_reason
    report = client.get(reverse("imports:job", args=[job.pk])).content.decode()
    assert "Compleanno “31/13/1980” non riconosciuto" in report
    assert "Nessun nome, e-mail, telefono o link" in report
    assert "Ignorato “bruno@example”: non è un indirizzo e-mail" in report
    rows = {row.row: row.reasons for row in ImportRow.objects.filter(job=job)}
    assert rows[4] == [{"code": "nothing_to_import", "params": {}}]


def test_a_failed_import_says_why_in_the_language_of_whoever_reads_it(
    client: Client, italian: User
) -> None:
    job = services.start(italian, linkedin(["Ada,Lovelace,,,,,09 Oct 2024"]), "Connections.csv")
    (conf.uploads_dir() / job.stored_file).unlink()
    tasks.confirm(job)
    client.force_login(italian)
    page = client.get(reverse("imports:job", args=[job.pk])).content.decode()
    assert "Il file caricato non è più disponibile: caricalo di nuovo." in page
    italian.language = "en"
    italian.save(update_fields=["language"])
    page = client.get(reverse("imports:job", args=[job.pk])).content.decode()
    assert "The uploaded file is no longer here: upload it again." in page


def test_a_restore_past_the_row_limit_is_refused_in_italian(
    client: Client, italian: User, settings: SettingsWrapper
) -> None:
    settings.IMPORT_MAX_ROWS = 1_000
    people = ",".join(f'{{"id": {n}, "display_name": "P{n}"}}' for n in range(1_001))
    data = f'{{"coltiva_export": 1, "people": [{people}]}}'.encode()
    client.force_login(italian)
    status, page = _upload(client, data, "rubrica.json")
    assert status == 200
    assert "Il file contiene più di 1.000 contatti: dividilo in file più piccoli." in page
    assert not ImportJob.objects.filter(owner=italian).exists()


def _stale(owner: User, status: str) -> ImportJob:
    """A job whose worker died long ago: no heartbeat, begun two hours back."""
    long_ago = timezone.now() - timedelta(hours=2)
    return ImportJob.objects.create(
        owner=owner,
        filename="Connections.csv",
        fmt="linkedin",
        status=status,
        started_at=long_ago,
        finished_at=long_ago if status == ImportJob.UNDOING else None,
    )


def test_an_import_whose_worker_died_says_so_in_the_language_of_whoever_reads_it(
    client: Client, italian: User
) -> None:
    job = _stale(italian, ImportJob.RUNNING)
    client.force_login(italian)
    page = _text(client.get(reverse("imports:job", args=[job.pk])).content)
    assert "L'importazione si è interrotta inaspettatamente; non è stato salvato nulla." in page
    job.refresh_from_db()
    assert job.status == ImportJob.FAILED
    assert job.error_reason == {"code": "import_interrupted", "params": {}}
    italian.language = "en"
    italian.save(update_fields=["language"])
    page = _text(client.get(reverse("imports:job", args=[job.pk])).content)
    assert "The import stopped unexpectedly; nothing was saved." in page


def test_an_undo_cut_off_says_so_in_italian_and_undoing_again_clears_it(
    client: Client, italian: User
) -> None:
    job = _stale(italian, ImportJob.UNDOING)
    assert stale.recover(italian) == 1
    job.refresh_from_db()
    assert job.status == ImportJob.DONE
    assert job.error_reason == {"code": "undo_interrupted", "params": {}}
    client.force_login(italian)
    page = _text(client.get(reverse("imports:job", args=[job.pk])).content)
    assert "L'annullamento si è interrotto inaspettatamente prima della fine" in page
    undo.undo(job)
    job.refresh_from_db()
    assert job.status == ImportJob.UNDONE and job.error_reason is None
    page = _text(client.get(reverse("imports:job", args=[job.pk])).content)
    assert "L'annullamento si è interrotto" not in page


def test_reports_stored_as_text_before_reasons_were_codes_still_show_it(
    client: Client, italian: User
) -> None:
    old = ImportJob.objects.create(
        owner=italian, filename="old.csv", fmt="linkedin", status="failed", error="Old words."
    )
    done = ImportJob.objects.create(owner=italian, filename="o.vcf", fmt="vcard", status="done")
    ImportRow.objects.create(job=done, row=3, outcome="skipped", reason="card 3 has no END:VCARD")
    client.force_login(italian)
    assert "Old words." in client.get(reverse("imports:job", args=[old.pk])).content.decode()
    report = client.get(reverse("imports:job", args=[done.pk])).content.decode()
    assert "card 3 has no END:VCARD" in report


# --- the command line ---------------------------------------------------------------------


def test_the_cli_writes_reasons_in_english_by_default(
    cli: Callable[..., tuple[int, str, str]], italian: User, tmp_path: Path
) -> None:
    path = tmp_path / "contatti.vcf"
    path.write_bytes((_card("FN:Anna", "BDAY:nope") + _card("NOTE:x")).encode())
    # Even where Italian is active (a test thread after a page view; a shell that set it).
    with translation.override("it"):
        code, out, _err = cli("import", str(path), "--user", italian.email)
        assert code == 0
        assert "row 2: No name, e-mail, phone or link" in out
        path.write_bytes(b"%PDF-1.7\n")
        code, _out, err = cli("import", str(path), "--user", italian.email)
    assert code == 1 and "This is a PDF document, not a contact file." in err
