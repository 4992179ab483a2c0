"""Bounded input (issue 14, item 1): every read is bounded by bytes, a JSON restore is
counted and refused past the row limit before it is read whole, a deeply nested file and
a very wide spreadsheet are each refused with one line; on the web, in the CLI."""

from __future__ import annotations

import json
import tracemalloc
from collections.abc import Callable
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from imports_helpers import refused, run
from pytest_django.fixtures import Settings as SettingsWrapper

from coltiva.accounts.models import User
from coltiva.imports import conf
from coltiva.imports.models import ImportJob
from coltiva.people.models import Person

CLI = Callable[..., tuple[int, str, str]]
NESTED = b"[" * 200_000 + b"]" * 200_000


def export_with(people: int, tail: bytes = b"]}") -> bytes:
    rows = ",".join(json.dumps({"id": n, "display_name": f"P{n}"}) for n in range(people))
    return b'{"coltiva_export": 1, "people": [' + rows.encode() + tail


def upload(client: Client, data: bytes, name: str) -> str:
    response = client.post(
        reverse("imports:home"), {"file": SimpleUploadedFile(name, data), "fmt": "auto"}
    )
    assert response.status_code == 200
    return response.content.decode()


def test_a_restore_past_the_row_limit_is_refused_before_the_rest_is_read(
    alice: User, settings: SettingsWrapper
) -> None:
    settings.IMPORT_MAX_ROWS = 5
    # Cut short after the sixth person: refused for its count, so the rest was never read.
    with refused("more than 5 contacts"):
        run(alice, export_with(6, tail=b',{"display_name": '), "book.json")
    assert not Person.objects.filter(owner=alice).exists()


def test_a_restore_is_parsed_with_bounded_memory(alice: User, settings: SettingsWrapper) -> None:
    settings.IMPORT_MAX_ROWS = 10_000
    data = export_with(20_000)
    tracemalloc.start()
    try:
        with refused("more than 10,000 contacts"):
            run(alice, data, "book.json")
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    # json.loads would hold 20,000 dicts (several times the file); the stream holds one.
    assert peak < 3 * len(data)


def test_a_deeply_nested_json_file_is_refused_in_one_line(alice: User) -> None:
    data = b'{"coltiva_export": 1, "people": [{"notes": ' + NESTED + b"}]}"
    with refused(f"nested more than {conf.MAX_JSON_DEPTH} levels"):
        run(alice, data, "deep.json")
    assert not Person.objects.filter(owner=alice).exists()


def test_a_deeply_nested_upload_gets_a_clear_line_not_a_500(
    alice_client: Client, alice: User
) -> None:
    page = upload(alice_client, b'{"coltiva_export": 1, "x": ' + NESTED + b"}", "deep.json")
    assert "nested more than" in page
    assert not ImportJob.objects.filter(owner=alice).exists()


def wide_csv(columns: int) -> bytes:
    header = ",".join(f"Column {n}" for n in range(columns))
    row = ",".join("x" for _n in range(columns))
    return f"{header}\n{row}\n".encode()


def test_a_ten_thousand_column_csv_is_refused_at_once(alice: User, alice_client: Client) -> None:
    with refused("10,000 columns; an import reads at most 500"):
        run(alice, wide_csv(10_000), "wide.csv")
    page = upload(alice_client, wide_csv(10_000), "wide.csv")
    assert "10,000 columns" in page
    assert not ImportJob.objects.filter(owner=alice).exists()


def test_a_csv_as_wide_as_the_limit_is_read(alice: User) -> None:
    data = wide_csv(conf.MAX_COLUMNS - 1).replace(b"Column 0,", b"Email,", 1)
    data = data.replace(b"\nx,", b"\nann@example.com,", 1)
    report = run(alice, data, "wide.csv")
    assert report.created == 1


def test_the_cli_reads_dev_zero_only_up_to_the_limit(
    alice: User, settings: SettingsWrapper, cli: CLI
) -> None:
    settings.IMPORT_MAX_BYTES = 64 * 1024
    code, out, err = cli("import", "/dev/zero", "--user", alice.email)
    assert code == 1 and out == ""
    assert "larger than 0.1 MB" in err or "larger than" in err
    assert err.strip().count("\n") == 0
    assert not ImportJob.objects.filter(owner=alice).exists()


def test_the_cli_refuses_a_nested_and_a_wide_file_in_one_line(
    alice: User, cli: CLI, tmp_path: Path
) -> None:
    for name, data, words in [
        ("deep.json", b'{"coltiva_export": 1, "x": ' + NESTED + b"}", "nested more than"),
        ("wide.csv", wide_csv(10_000), "10,000 columns"),
    ]:
        path = tmp_path / name
        path.write_bytes(data)
        code, _out, err = cli("import", str(path), "--user", alice.email)
        assert code == 1 and words in err and err.strip().count("\n") == 0


def test_an_upload_past_the_limit_is_refused_and_only_the_limit_is_kept(
    alice: User, alice_client: Client, settings: SettingsWrapper, tmp_path: Path
) -> None:
    settings.IMPORT_MAX_BYTES = 1024 * 1024
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    page = upload(alice_client, b"Email\n" + b"a@x.io\n" * 400_000, "big.csv")
    assert "too large" in page
    assert not ImportJob.objects.filter(owner=alice).exists()
