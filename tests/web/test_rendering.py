"""One way to render a row: the Jinja2 fragments inside the Django pages carry the
framework's CSRF input, draw the one badge, and keep Django's filters (issue 13)."""

from __future__ import annotations

import re
from datetime import timedelta
from html.parser import HTMLParser

from django.test import Client
from django.urls import reverse

from coltiva.accounts.models import User
from coltiva.people import services
from coltiva.people.models import Touch


class _Forms(HTMLParser):
    """Each POST form of a page: its action and the CSRF token inside it (or None)."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[dict[str, str | None]] = []
        self._open: dict[str, str | None] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "form" and (found.get("method") or "").lower() == "post":
            self._open = {"action": found.get("action"), "token": None}
            self.forms.append(self._open)
        elif (
            tag == "input" and self._open is not None and found.get("name") == "csrfmiddlewaretoken"
        ):
            self._open["token"] = found.get("value")

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._open = None


def _post_forms(body: str) -> list[dict[str, str | None]]:
    parser = _Forms()
    parser.feed(body)
    return parser.forms


def _strict_client(user: User) -> Client:
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    return client


def test_every_post_form_of_the_busiest_pages_carries_a_csrf_token(
    alice: User, make_person
) -> None:
    anna = make_person(alice)
    services.log_touch(anna, kind="met", on=alice.local_today() - timedelta(days=3))
    make_person(alice, "Bruno Bianchi")  # never met: an item on Today
    client = _strict_client(alice)
    for url in (reverse("web:home"), reverse("people:detail", args=[anna.pk]), "/people/"):
        forms = _post_forms(client.get(url).content.decode())
        assert forms, url
        assert all(form["token"] for form in forms), (url, forms)


def test_deleting_a_touch_from_the_timeline_passes_the_csrf_check(alice: User, make_person) -> None:
    anna = make_person(alice)
    touch = services.log_touch(anna, kind="coffee", on=alice.local_today())
    client = _strict_client(alice)
    body = client.get(reverse("people:detail", args=[anna.pk])).content.decode()
    delete_url = reverse("people:touch_delete", args=[touch.pk])
    (form,) = [f for f in _post_forms(body) if f["action"] == delete_url]
    response = client.post(delete_url, {"csrfmiddlewaretoken": form["token"]})
    assert response.status_code != 403
    assert not Touch.objects.filter(pk=touch.pk).exists()


def test_done_on_today_passes_the_csrf_check(alice: User, make_person) -> None:
    bruno = make_person(alice, "Bruno Bianchi")  # never met: Today says get to know him
    client = _strict_client(alice)
    forms = _post_forms(client.get(reverse("web:home")).content.decode())
    done = [f for f in forms if f["action"] and "/done/" in f["action"]]
    assert done, forms
    response = client.post(str(done[0]["action"]), {"csrfmiddlewaretoken": done[0]["token"]})
    assert response.status_code in (200, 302)
    assert Touch.objects.filter(person=bruno).exists()


def test_the_menus_log_out_passes_the_csrf_check(alice: User) -> None:
    client = _strict_client(alice)
    forms = _post_forms(client.get(reverse("people:list")).content.decode())
    logout = reverse("accounts:logout")
    menus = [f for f in forms if f["action"] == logout]
    assert len(menus) == 2  # the wide bar and the phone menu
    response = client.post(logout, {"csrfmiddlewaretoken": menus[0]["token"]})
    assert response.status_code == 302
    assert client.get(reverse("people:list")).status_code == 302  # to the log-in page


def test_a_pinned_stage_has_the_same_badge_in_the_list_and_on_the_person_page(
    alice_client: Client, alice: User, make_person
) -> None:
    anna = make_person(alice)
    services.log_touch(anna, kind="met", on=alice.local_today())
    alice_client.post(
        reverse("people:relationship", args=[anna.pk]),
        {"purposes": ["business"], "pinned_stage": "credibility"},
    )
    badge = re.compile(
        r'<span class="badge pinned stage-credibility" title="[^"]*">📌 [^<]*</span>'
    )
    listed = badge.findall(alice_client.get(reverse("people:list")).content.decode())
    page = alice_client.get(reverse("people:detail", args=[anna.pk])).content.decode()
    assert listed and listed[0] in page
    assert "Pinned by you; computed: Visibility" in listed[0]


def test_a_note_keeps_its_line_breaks_with_its_html_escaped(
    alice_client: Client, alice: User, make_person
) -> None:
    anna = make_person(alice)
    note = "<b>Firm</b>\nline 2"
    services.log_touch(anna, kind="coffee", on=alice.local_today(), note=note)
    body = alice_client.get(reverse("people:detail", args=[anna.pk])).content.decode()
    assert "&lt;b&gt;Firm&lt;/b&gt;<br>line 2" in body


def test_the_menu_follows_the_users_language(alice_client: Client, alice: User) -> None:
    """The menu's links are translated once per language, not once for the first."""
    english = alice_client.get(reverse("people:list")).content.decode()
    alice.language = "it"
    alice.save()
    italian = alice_client.get(reverse("people:list")).content.decode()
    assert ">People</a>" in english and ">Log out</button>" in english
    assert ">Persone</a>" in italian and ">Esci</button>" in italian
    assert 'aria-current="page">Persone</a>' in italian
