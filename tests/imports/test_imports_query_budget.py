"""Import pages do the same number of SQL queries for a small import and a large one, and
for a small book and a large one (the report is paginated)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from imports_helpers import linkedin, run

from coltiva.accounts.models import User
from coltiva.imports import duplicates, services
from coltiva.imports.models import ImportJob


def connections(count: int) -> bytes:
    rows = [
        f"Given{i},Family{i},https://www.linkedin.com/in/p-{i},p{i}@example.com,Acme,Boss,"
        "01 Jan 2024"
        for i in range(count)
    ]
    twins = [f"Given{i},Family{i},,,Acme Srl,Boss,01 Jan 2024" for i in range(count)]
    return linkedin(rows + twins + [",,,,,,01 Jan 2024"] * count)


def fill(user: User, count: int) -> dict[str, int]:
    report = run(user, connections(count))
    duplicates.scan_book(user)
    preview = services.start(user, connections(count), "again.csv")
    assert report.job_id is not None
    return {"job": report.job_id, "preview": preview.pk}


PAGES: list[tuple[str, Callable[[dict[str, int]], str]]] = [
    ("home", lambda ids: reverse("imports:home")),
    ("preview", lambda ids: reverse("imports:job", args=[ids["preview"]])),
    ("report", lambda ids: reverse("imports:job", args=[ids["job"]])),
    ("report skipped", lambda ids: reverse("imports:job", args=[ids["job"]]) + "?outcome=skipped"),
    ("progress", lambda ids: reverse("imports:progress", args=[ids["job"]])),
    ("duplicates", lambda ids: reverse("imports:duplicates")),
]


def count_queries(client: Client, url: str) -> int:
    client.get(url)  # warm: sessions and the daily refresh are not the page's cost
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.django_db
def test_import_pages_do_the_same_number_of_queries_for_5_and_300_rows() -> None:
    small = User.objects.create_user("small@example.com", "pw-123456789")
    large = User.objects.create_user("large@example.com", "pw-123456789")
    ids_small, ids_large = fill(small, 5), fill(large, 300)
    assert ImportJob.objects.get(pk=ids_large["job"]).created_count == 600
    c_small, c_large = Client(), Client()
    c_small.force_login(small)
    c_large.force_login(large)
    budgets = {
        name: (count_queries(c_small, url(ids_small)), count_queries(c_large, url(ids_large)))
        for name, url in PAGES
    }
    differing = {name: pair for name, pair in budgets.items() if pair[0] != pair[1]}
    assert not differing, f"queries grow with the import: {differing}"
    too_many = {name: pair[0] for name, pair in budgets.items() if pair[0] > 15}
    assert not too_many, f"pages over 15 queries: {too_many}"
