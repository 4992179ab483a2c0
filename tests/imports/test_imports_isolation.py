"""Charlie gets 404 on every import URL that takes an id of Alice's, reading and writing;
the same URLs work for Alice."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse
from imports_helpers import linkedin, run

from coltiva.accounts.models import User
from coltiva.imports import duplicates
from coltiva.imports.models import DuplicatePair, ImportJob
from coltiva.people.models import Person

ROW = "Ada,Lovelace,https://www.linkedin.com/in/ada,,Analytical,Engineer,09 Oct 2024"


@pytest.fixture
def alices_imports(alice: User, make_person: Callable[..., Person]) -> dict[str, int]:
    done = run(alice, linkedin([ROW]), "alice-network.csv")
    preview = ImportJob.objects.create(owner=alice, filename="p.csv", fmt="csv", status="preview")
    make_person(alice, "Maria Bianchi", company="Acme")
    make_person(alice, "Maria Bianchi", company="Acme Srl")
    duplicates.scan_book(alice)
    pair = DuplicatePair.objects.get(owner=alice)
    assert done.job_id is not None
    return {"job": done.job_id, "preview": preview.pk, "pair": pair.pk}


ID_URLS = [
    ("imports:job", "job", "get"),
    ("imports:job", "preview", "get"),
    ("imports:columns", "preview", "get"),
    ("imports:columns", "preview", "post"),
    ("imports:confirm", "preview", "post"),
    ("imports:progress", "job", "get"),
    ("imports:undo", "job", "post"),
    ("imports:duplicate_merge", "pair", "post"),
    ("imports:duplicate_different", "pair", "post"),
]


@pytest.mark.parametrize(("name", "key", "method"), ID_URLS)
def test_another_user_gets_404_on_every_import_url_with_an_id(
    charlie_client: Client, alices_imports: dict[str, int], name: str, key: str, method: str
) -> None:
    url = reverse(name, args=[alices_imports[key]])
    response = getattr(charlie_client, method)(url, {"keep": "a", "col_0": "email"})
    assert response.status_code == 404


@pytest.mark.parametrize(("name", "key", "method"), ID_URLS)
def test_the_owner_reaches_every_import_url_with_an_id(
    alice_client: Client, alices_imports: dict[str, int], name: str, key: str, method: str
) -> None:
    url = reverse(name, args=[alices_imports[key]])
    response = getattr(alice_client, method)(url, {"keep": "a", "col_0": "email"})
    assert response.status_code in (200, 302)


def test_nothing_of_alices_shows_on_charlies_pages(
    charlie_client: Client, alices_imports: dict[str, int]
) -> None:
    for name in ("imports:home", "imports:duplicates"):
        page = charlie_client.get(reverse(name)).content.decode()
        assert "alice-network" not in page and "Maria Bianchi" not in page
    body = b"".join(charlie_client.get(reverse("imports:export", args=["json"])).streaming_content)
    assert b"Lovelace" not in body and b"Bianchi" not in body


def test_the_pages_need_a_login(client: Client) -> None:
    for url in (reverse("imports:home"), reverse("imports:export", args=["json"])):
        assert client.get(url).status_code == 302
