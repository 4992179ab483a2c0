"""No input gives a 500: every URL, its forms and its query parameters, fuzzed.

The URLs come from the URL resolver, so a new page is fuzzed without anyone adding it
here; its forms come from the pages themselves (every ``<form>`` of every page of a small
book, sent back with one nasty value or more in its fields), and the query parameters
from the views' own ``request.GET.get("...")``. Values: NUL bytes, numbers past any
integer column, overlong text, odd Unicode (right-to-left marks, Arabic digits, the last
code point), dates at the ends of the calendar, other sites' URLs.

Each URL gets ``COLTIVA_FUZZ_EXAMPLES`` examples (default 6), each rolled back, so a
run stays under a minute per database. A URL whose ids the table below cannot supply
fails ``test_every_url_is_fuzzed``: add its path segment to ``ROWS``.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from datetime import timedelta
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.exceptions import Resolver404
from django_otp_webauthn.models import WebAuthnCredential
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from coltiva.accounts.models import User, UserSession
from coltiva.agenda.services import plan_meeting
from coltiva.events.services import create_event
from coltiva.groups import services as shared_groups
from coltiva.groups.services import GroupSettings
from coltiva.imports import duplicates
from coltiva.imports.models import DuplicatePair, ImportJob
from coltiva.network import services as network
from coltiva.people import services
from coltiva.referrals.services import record_referral
from coltiva.reminders import digest, feed

EXAMPLES = int(os.environ.get("COLTIVA_FUZZ_EXAMPLES", "6"))
SOURCE = Path(__file__).resolve().parents[2] / "src" / "coltiva"

# Not ours to fuzz, or ends the session the other examples need.
SKIPPED = {"accounts:logout"}
SKIPPED_NAMESPACES = {"admin"}
# Answer without a session (calendar apps, mail clients, visitors): fuzzed signed out.
PUBLIC = {
    "accounts:login",
    "accounts:signup",
    "accounts:password_reset",
    "accounts:password_reset_done",
    "accounts:password_reset_confirm",
    "accounts:password_reset_complete",
    "accounts:confirm_email",
    "accounts:resend_confirmation",
    "reminders:feed",
    "reminders:unsubscribe",
    "web:healthz",
    "web:favicon",
    "groups:invitation",
    "groups:invitation_signup",
}
# Which row an ``<int:pk>`` names, by the path segment before it.
ROWS = {
    "people": "anna",
    "touches": "touch",
    "events": "event",
    "referrals": "referral",
    "introductions": "introduction",
    "today": "anna",
    "plans": "plan",
    "imports": "job",
    "duplicates": "pair",
    "merges": "merge",
    "links": "link",
    "groups": "group",
    "seats": "seat",
    "invitations": "invitation",
    "passkeys": "passkey",
    "sessions": "session",
    "members": "membership",
}
# The shared groups' pages (``/groups/``) name a shared group, not a book's private one.
SHARED_ROWS = {"groups": "shared_group"}

NASTY = [
    "\x00",
    "An\x00na",
    "99999999999999999999",
    "-99999999999999999999",
    "1000000000000000000",
    "1e30",
    "1e-30",
    "NaN",
    "-Infinity",
    "-1",
    "0",
    "9999-12-31",
    "0001-01-01",
    "0000-00-00",
    "2025-W01-1",
    "\u0662\u0660\u0662\u0665-\u0660\u0661-\u0660\u0661",  # Arabic-Indic digits
    "²",
    "٣",
    "\u202eanna",
    "\ufeff",
    "\U0010ffff",
    "\U0001d504\U0001d52b\U0001d52b\U0001d51e",  # Fraktur "Anna"
    "' OR 1=1 --",
    "<script>alert(1)</script>",
    "https://evil.example",
    "//evil.example/x",
    "javascript:alert(1)",
    "../../etc/passwd",
    "%00",
    " ",
]
# Text a browser can send (no lone surrogates: they are not UTF-8).
UNICODE = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)
OVERLONG = st.sampled_from([151, 301, 2001, 5001, 20001]).map(lambda n: "x" * n)
NUMBERS = st.integers(-(2**70), 2**70).map(str)


def value(default: str) -> st.SearchStrategy[str]:
    """A nasty value, or the form's own (so the rest of a form is valid)."""
    return st.one_of(st.just(default), st.sampled_from(NASTY), UNICODE, OVERLONG, NUMBERS)


# --- What there is to fuzz -----------------------------------------------------------------


@dataclass(frozen=True)
class Endpoint:
    name: str
    route: str
    params: tuple[tuple[str, str], ...]  # (converter, name) in order


def _endpoints() -> list[Endpoint]:
    found: list[Endpoint] = []

    def walk(patterns: list[Any], prefix: str, namespace: str) -> None:
        for p in patterns:
            if isinstance(p, URLResolver):
                if p.namespace in SKIPPED_NAMESPACES:
                    continue
                inner = namespace + (f"{p.namespace}:" if p.namespace else "")
                walk(p.url_patterns, prefix + str(p.pattern), inner)
            elif isinstance(p, URLPattern) and p.name:
                route = prefix + str(p.pattern)
                params = tuple(re.findall(r"<(?:(\w+):)?(\w+)>", route))
                found.append(Endpoint(f"{namespace}{p.name}", route, params))

    walk(get_resolver().url_patterns, "", "")
    return [e for e in found if e.name not in SKIPPED]


ENDPOINTS = _endpoints()
QUERY_NAMES = sorted(
    {"page", "tpage"}
    | {
        name
        for path in SOURCE.rglob("*.py")
        for name in re.findall(r"request\.GET\.get\(\s*\"(\w+)\"", path.read_text("utf-8"))
    }
)
POST_NAMES = sorted(
    {
        name
        for path in SOURCE.rglob("*.py")
        for name in re.findall(r"request\.POST\.get\(\s*\"(\w+)\"", path.read_text("utf-8"))
    }
)


def _row_for(endpoint: Endpoint, position: int) -> str | None:
    """The row named by the ``position``-th int parameter: its path segment's row."""
    before = endpoint.route.split(f"<int:{endpoint.params[position][1]}>")[0].strip("/")
    segment = before.split("/")[-1] if before else ""
    if endpoint.name.startswith("groups:") and segment in SHARED_ROWS:
        return SHARED_ROWS[segment]
    return ROWS.get(segment)


@dataclass
class Form:
    action: str
    method: str
    fields: dict[str, str] = field(default_factory=dict)


class _Forms(HTMLParser):
    """Every form of a page: where it goes, how, and its fields with their values."""

    def __init__(self, page: str) -> None:
        super().__init__()
        self.page = page
        self.forms: list[Form] = []
        self._textarea: str | None = None
        self._select: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self.forms.append(Form(a.get("action") or self.page, a.get("method", "get").lower()))
            return
        if not self.forms or "name" not in a:
            if tag == "option" and self._select and "selected" in a and self.forms:
                self.forms[-1].fields[self._select] = a.get("value", "")
            return
        fields = self.forms[-1].fields
        name = a["name"]
        if tag == "input" and a.get("type") in ("checkbox", "radio"):
            fields.setdefault(name, a.get("value", "on") if "checked" in a else "")
        elif tag == "input" and a.get("type") != "file":
            fields[name] = a.get("value", "")
        elif tag == "button":
            fields.setdefault(name, a.get("value", ""))
        elif tag == "textarea":
            fields[name] = ""
            self._textarea = name
        elif tag == "select":
            fields.setdefault(name, "")
            self._select = name
        if tag == "option" and self._select and "selected" in a:
            fields[self._select] = a.get("value", "")

    def handle_data(self, data: str) -> None:
        if self._textarea and self.forms:
            self.forms[-1].fields[self._textarea] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None


def _url_name(url: str) -> str | None:
    try:
        match = resolve(urlsplit(url).path)
    except Resolver404:
        return None
    return match.view_name


# --- The fuzzing ---------------------------------------------------------------------------


class FuzzEveryForm(TestCase):
    """One test per URL; the book and the forms found on its pages are made once."""

    rows: ClassVar[dict[str, int]]
    tokens: ClassVar[dict[str, str]]
    forms: ClassVar[dict[str, list[Form]]]
    user: ClassVar[User]

    @classmethod
    def setUpTestData(cls) -> None:
        user = User.objects.create_user("fuzz@example.com", "a-long-fuzz-password-42")
        cls.user = user
        today = user.local_today()
        anna = services.create_person(user, {"given_name": "Anna", "family_name": "Rossi"})
        bruno = services.create_person(user, {"given_name": "Bruno", "family_name": "Neri"})
        gone = services.create_person(user, {"given_name": "Carla", "family_name": "Bianchi"})
        services.trash_person(gone)
        event = create_event(user, {"name": "Mixer", "on": today - timedelta(days=1)})
        touch = services.log_touch(anna, kind="met", on=event.on, event_id=event.pk)
        services.log_touch(bruno, kind="coffee", on=today)
        plan = plan_meeting(anna, kind="coffee", on=today + timedelta(days=2))
        referral = record_referral(
            user, direction="received", person=anna, on=today, prospect_description="Luca"
        )
        intro = network.introduce(user, anna, bruno, today, "Both in weddings")
        link = network.link(user, anna, bruno, "colleague")
        group = network.create_group(user, "BNI Centro")
        seat = network.add_seat(group, "florist", person=anna)
        invitation = network.invite(user, group, bruno, today)
        job = ImportJob.objects.create(owner=user, filename="c.vcf", fmt="vcard", status="done")
        pair = DuplicatePair.objects.create(owner=user, person_a=anna, person_b=bruno)
        dora = services.create_person(user, {"given_name": "Dora", "family_name": "Verdi"})
        dora2 = services.create_person(user, {"given_name": "Dora", "family_name": "Verdi"})
        # Adding the second Dora by hand already listed the pair (same name).
        same_name = DuplicatePair.objects.get(owner=user, person_a=dora, person_b=dora2)
        merged = duplicates.merge_pair(same_name, "a")
        passkey = WebAuthnCredential.objects.create(
            user=user, name="key", credential_id=b"k" * 16, public_key=b"p", sign_count=0
        )
        session = UserSession.objects.create(user=user, session_key="fuzzed-session-key")
        shared = shared_groups.create_group(user, GroupSettings("Chapter"), "Florist")
        fellow = User.objects.create_user("fellow@example.com", "a-long-fuzz-password-42")
        invited = shared_groups.invite(
            shared, shared.memberships.get(), fellow.email, "Plumber", ["mentor"]
        )
        membership = shared_groups.accept(invited, fellow)
        cls.rows = {
            "passkey": passkey.pk,
            "anna": anna.pk,
            "touch": touch.pk,
            "event": event.pk,
            "referral": referral.pk,
            "introduction": intro.pk,
            "plan": plan.pk,
            "job": job.pk,
            "pair": pair.pk,
            "merge": merged.pk,
            "link": link.pk,
            "group": group.pk,
            "seat": seat.pk,
            "invitation": invitation.pk,
            "session": session.pk,
            "shared_group": shared.pk,
            "membership": membership.pk,
        }
        cls.tokens = {
            "token": feed.enable(user),
            "unsubscribe": digest.unsubscribe_token(user),
            "fmt": "json",
            "uidb64": "MQ",
        }
        cls.forms = cls._crawl(user, gone.pk)

    @classmethod
    def _crawl(cls, user: User, trashed: int) -> dict[str, list[Form]]:
        """Every form on every page a GET shows, by the URL name it is sent to."""
        client = Client()
        client.force_login(user)
        forms: dict[str, list[Form]] = {}
        for endpoint in ENDPOINTS:
            url = cls._url(endpoint)
            if url is None:
                continue
            response = client.get(url)
            if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
                continue
            parser = _Forms(url)
            parser.feed(response.content.decode())
            for form in parser.forms:
                name = _url_name(form.action)
                if name:
                    forms.setdefault(name, []).append(form)
        return forms

    @classmethod
    def _url(cls, endpoint: Endpoint, path_values: dict[str, str] | None = None) -> str | None:
        """The endpoint's URL with the book's rows (or ``path_values``) for its parameters."""
        route = endpoint.route
        for position, (converter, name) in enumerate(endpoint.params):
            if path_values and name in path_values:
                part = path_values[name]
            elif converter == "int":
                row = _row_for(endpoint, position)
                if row is None:
                    return None
                part = str(cls.rows[row])
            elif endpoint.name == "reminders:unsubscribe":
                part = cls.tokens["unsubscribe"]
            else:
                part = cls.tokens.get(name, "x")
            route = re.sub(rf"<(?:\w+:)?{name}>", part.replace("\\", r"\\"), route, count=1)
        return "/" + route

    def test_the_pages_forms_were_found(self) -> None:
        """A crawl that found no forms would fuzz nothing and pass."""
        self.assertGreater(len(self.forms), 20)
        for name in ("people:add", "people:touch_add", "events:capture", "referrals:status"):
            self.assertIn(name, self.forms)

    def client_for(self, endpoint: Endpoint) -> Client:
        client = Client()
        if endpoint.name not in PUBLIC:
            client.force_login(self.user)
        return client

    def fuzz(self, endpoint: Endpoint) -> None:
        known = self.forms.get(endpoint.name, [])
        self.assertIsNotNone(self._url(endpoint), f"{endpoint.route}: add its segment to ROWS")

        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            database=None,
            # Explicit, then random examples; no shrinking: the failing request is printed
            # whole, and shrinking one would cost minutes.
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        @given(data=st.data())
        def run(data: st.DataObject) -> None:
            path_values = {
                name: data.draw(st.one_of(st.just(""), st.sampled_from(NASTY), NUMBERS))
                for converter, name in endpoint.params
                if converter != "int" and data.draw(st.booleans(), label=f"fuzz {name}")
            }
            url = self._url(endpoint, path_values)
            assert url is not None
            form = data.draw(st.sampled_from(known)) if known else None
            method = form.method if form else data.draw(st.sampled_from(["get", "post"]))
            if form is None:
                names = POST_NAMES if method == "post" else QUERY_NAMES
                fields = {n: "" for n in data.draw(st.lists(st.sampled_from(names), max_size=4))}
            else:
                fields = dict(form.fields)
            sent = {name: data.draw(value(default), label=name) for name, default in fields.items()}
            query = {
                n: data.draw(value("1"), label=n)
                for n in data.draw(st.lists(st.sampled_from(QUERY_NAMES), max_size=2))
            }
            client = self.client_for(endpoint)
            target = form.action if form and method == "post" else url
            if method == "post":
                response = client.post(target, sent, QUERY_STRING=_encode(query))
            else:
                response = client.get(target, sent | query)
            assert response.status_code < 500, (endpoint.name, method, target, sent, query)

        run()


def _encode(query: dict[str, str]) -> str:
    from urllib.parse import urlencode

    return urlencode(query)


def _add_test(endpoint: Endpoint) -> None:
    def test(self: FuzzEveryForm) -> None:
        self.fuzz(endpoint)

    slug = re.sub(r"\W", "_", endpoint.name)
    test.__name__ = f"test_no_500_from_{slug}"
    setattr(FuzzEveryForm, test.__name__, test)


for _endpoint in ENDPOINTS:
    _add_test(_endpoint)


def test_every_url_is_fuzzed() -> None:
    """Each URL's ids can be supplied, and the pages' forms were found (a broken parser
    would fuzz nothing and pass)."""
    missing = [
        e.route
        for e in ENDPOINTS
        for position, (converter, _name) in enumerate(e.params)
        if converter == "int" and _row_for(e, position) is None
    ]
    assert not missing, f"add these path segments to ROWS: {missing}"
    assert len(ENDPOINTS) > 60
    assert {"q", "page", "tpage"} <= set(QUERY_NAMES) and "next" in POST_NAMES


@pytest.mark.django_db
def test_the_pages_forms_are_found(alice_client: Client, make_person, alice: User) -> None:
    anna = make_person(alice)
    parser = _Forms("/")
    parser.feed(alice_client.get(f"/people/{anna.pk}/").content.decode())
    actions = {_url_name(f.action) for f in parser.forms}
    assert "people:touch_add" in actions
    touch_form = next(f for f in parser.forms if _url_name(f.action) == "people:touch_add")
    assert {"kind", "on", "note"} <= set(touch_form.fields)
