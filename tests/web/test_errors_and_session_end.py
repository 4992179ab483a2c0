"""An ended session leads to the log-in page and back; a refused request says so; error
pages are in the site's layout and language (DEBUG is off in tests)."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from django.http import HttpRequest, HttpResponse
from django.test import Client, override_settings
from django.urls import path, reverse

from coltiva.accounts.models import User

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


def _next_of(url: str) -> str:
    parts = urlsplit(url)
    assert parts.path == reverse("accounts:login")
    return parse_qs(parts.query)["next"][0]


def test_an_htmx_action_after_the_session_ended_sends_the_browser_to_log_in_and_back(
    client: Client, alice: User, make_person
) -> None:
    anna = make_person(alice)
    response = client.post(
        reverse("agenda:done", args=[anna.pk]),
        {"kind": "coffee"},
        headers=HTMX | {"HX-Current-URL": "http://testserver/?tpage=2"},
    )
    # Not the log-in page inlined into Today: a redirect htmx performs for the whole page.
    assert response.status_code == 200 and response.content == b""
    assert _next_of(response["HX-Redirect"]) == "/?tpage=2"


def test_an_htmx_fragment_request_returns_to_the_page_not_the_fragment(client: Client) -> None:
    response = client.get(
        reverse("people:list") + "?q=anna",
        headers=HTMX | {"HX-Current-URL": "http://testserver/people/?q=ann"},
    )
    assert _next_of(response["HX-Redirect"]) == "/people/?q=ann"


@pytest.mark.parametrize(
    "current",
    [
        "https://evil.example/steal",
        "//evil.example/x",
        "javascript:alert(1)",
        "http://testserver/accounts/login/?next=/x",
        "",
    ],
)
def test_a_foreign_or_missing_current_url_returns_to_today(
    client: Client, alice: User, make_person, current: str
) -> None:
    anna = make_person(alice)
    headers = HTMX | ({"HX-Current-URL": current} if current else {})
    response = client.post(reverse("agenda:done", args=[anna.pk]), headers=headers)
    assert _next_of(response["HX-Redirect"]) == "/"


def test_a_form_posted_after_the_session_ended_returns_to_the_page_it_was_on(
    client: Client, alice: User, make_person
) -> None:
    anna = make_person(alice)
    page = f"/people/{anna.pk}/"
    response = client.post(
        reverse("agenda:done", args=[anna.pk]), headers={"Referer": f"http://testserver{page}"}
    )
    assert response.status_code == 302 and _next_of(response["Location"]) == page


def test_a_page_opened_after_the_session_ended_keeps_its_own_next(client: Client) -> None:
    response = client.get("/people/?q=x")
    assert _next_of(response["Location"]) == "/people/?q=x"


def test_a_refused_csrf_request_says_so_in_words(alice: User) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    htmx = client.post(reverse("accounts:profile"), {}, headers=HTMX)
    assert htmx.status_code == 403
    assert htmx["Content-Type"].startswith("text/plain")
    assert "Nothing was saved: reload the page and try again." in htmx.content.decode()
    page = client.post(reverse("accounts:profile"), {})
    body = page.content.decode()
    assert page.status_code == 403 and "reload the page" in body
    assert '<nav aria-label="Main">' in body and "CSRF verification failed" not in body


def test_the_page_shows_an_aria_live_region_for_refused_requests(alice_client: Client) -> None:
    body = alice_client.get("/").content.decode()
    assert 'id="request-status"' in body and 'role="alert"' in body
    assert 'data-refused="This was refused.' in body


def test_a_missing_page_is_styled_translated_and_in_the_layout(
    alice_client: Client, alice: User
) -> None:
    response = alice_client.get("/no-such-page/")
    body = response.content.decode()
    assert response.status_code == 404
    assert "<h1>Page not found</h1>" in body and "coltiva.css" in body
    assert 'aria-label="Main"' in body  # the menu of a signed-in user
    alice.language = "it"
    alice.save()
    italian = alice_client.get("/people/999999/").content.decode()
    assert "Pagina non trovata" in italian and 'lang="it"' in italian


def test_a_missing_page_for_htmx_is_one_sentence(alice_client: Client) -> None:
    response = alice_client.get("/people/999999/", headers=HTMX)
    assert response.status_code == 404 and response["Content-Type"].startswith("text/plain")
    assert "<" not in response.content.decode()


def _boom(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("boom")


def _forbidden(request: HttpRequest) -> HttpResponse:
    from django.core.exceptions import PermissionDenied

    raise PermissionDenied


def _bad(request: HttpRequest) -> HttpResponse:
    from django.core.exceptions import SuspiciousOperation

    raise SuspiciousOperation("bad")


urlpatterns = [
    path("boom/", _boom),
    path("forbidden/", _forbidden),
    path("bad/", _bad),
    *__import__("coltiva.urls", fromlist=["urlpatterns"]).urlpatterns,
]
handler400 = "coltiva.web.errors.bad_request"
handler403 = "coltiva.web.errors.permission_denied"
handler404 = "coltiva.web.errors.page_not_found"
handler500 = "coltiva.web.errors.server_error"


@override_settings(ROOT_URLCONF=__name__)
@pytest.mark.parametrize(
    ("url", "status", "title", "titolo"),
    [
        ("/boom/", 500, "Server error", "Errore del server"),
        ("/forbidden/", 403, "Refused", "Rifiutato"),
        ("/bad/", 400, "Bad request", "Richiesta non valida"),
    ],
)
def test_error_pages_are_styled_and_translated(
    alice: User, url: str, status: int, title: str, titolo: str
) -> None:
    client = Client(raise_request_exception=False)
    client.force_login(alice)
    response = client.get(url)
    body = response.content.decode()
    assert response.status_code == status
    assert f"<h1>{title}</h1>" in body and "coltiva.css" in body
    alice.language = "it"
    alice.save()
    italian = client.get(url)
    assert titolo in italian.content.decode()
