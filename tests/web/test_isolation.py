"""Charlie gets 404 on every URL that takes an id of Alice's book, reading and writing;
Alice gets exactly what the page gives her.

The routes come from the URL resolver: a route with an id or a token in its path must be
in ``ROUTES`` (with what Alice gets on GET and on POST) or in ``PUBLIC`` (with the
reason), so a new route without an isolation test fails the suite.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django_otp_webauthn.models import WebAuthnCredential

from coltiva.accounts.models import User, UserSession
from coltiva.agenda.services import plan_meeting
from coltiva.events.services import create_event
from coltiva.groups import services as group_services
from coltiva.groups.services import GroupSettings
from coltiva.imports import duplicates
from coltiva.imports import services as import_services
from coltiva.imports.models import DuplicatePair, ImportJob
from coltiva.network import services as network_services
from coltiva.people import services
from coltiva.people.models import Person
from coltiva.referrals import services as referral_services

NOT_ALLOWED = 405  # the route does not answer this method, whoever asks

LINKEDIN = (
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    "Ada,Lovelace,https://www.linkedin.com/in/ada,,Analytical,Engineer,09 Oct 2024\n"
)


@dataclass(frozen=True)
class Route:
    """A route whose id names one of Alice's rows (``key`` in ``alices_book``), what she
    gets on GET and on POST, and what both users send (query string or form)."""

    key: str
    get: int
    post: int
    data: dict[str, str] = field(default_factory=dict)
    also: str = ""  # a second id in the path (a member of the group ``key`` names)


# Each status is the owner's, exactly: 200 a page (a page that only reads answers a POST
# as a GET; an empty POST to a form shows the form again), 302 done and sent on (the
# touch form has no page of its own: GET goes back to the person), 400 a form that says
# what is wrong, 405 a method the route refuses to anyone.
ROUTES: dict[str, Route] = {
    "people:detail": Route("person", get=200, post=200),
    "people:edit": Route("person", get=200, post=200),
    "people:delete": Route("person", get=200, post=302),
    "people:restore": Route("trashed", get=NOT_ALLOWED, post=302),
    "people:relationship": Route("person", get=200, post=400),
    "people:timeline": Route("person", get=200, post=200),
    "people:touch_add": Route("person", get=302, post=400),
    "people:touch_edit": Route("touch", get=200, post=400),
    "people:touch_delete": Route("touch", get=NOT_ALLOWED, post=302),
    "events:detail": Route("event", get=200, post=200),
    "events:edit": Route("event", get=200, post=400),
    "events:delete": Route("event", get=200, post=302),
    "events:capture": Route("event", get=200, post=400),
    "events:capture_matches": Route("event", get=200, post=200, data={"q": "Anna"}),
    "referrals:status": Route("referral", get=NOT_ALLOWED, post=302, data={"status": "won"}),
    "referrals:move": Route("referral", get=NOT_ALLOWED, post=302, data={"status": "contacted"}),
    "referrals:thank": Route("referral", get=NOT_ALLOWED, post=302),
    "referrals:outcome": Route("introduction", get=NOT_ALLOWED, post=302, data={"outcome": "met"}),
    "agenda:done": Route("person", get=NOT_ALLOWED, post=302),
    "agenda:snooze": Route("person", get=NOT_ALLOWED, post=302, data={"days": "7"}),
    "agenda:dismiss": Route("person", get=NOT_ALLOWED, post=302),
    "agenda:plan_add": Route("person", get=200, post=400),
    "agenda:plan_close": Route("plan", get=NOT_ALLOWED, post=302, data={"outcome": "cancelled"}),
    "imports:job": Route("job", get=200, post=200),
    "imports:columns": Route("preview", get=200, post=200),
    "imports:confirm": Route("preview", get=NOT_ALLOWED, post=302),
    "imports:cancel": Route("preview", get=NOT_ALLOWED, post=302),
    "imports:progress": Route("job", get=200, post=200),
    "imports:undo": Route("job", get=NOT_ALLOWED, post=302),
    "imports:retry": Route("failed", get=NOT_ALLOWED, post=302),
    "imports:duplicate_merge": Route("pair", get=200, post=302, data={"keep": "a"}),
    "imports:duplicate_different": Route("pair", get=NOT_ALLOWED, post=302),
    "imports:merge_undo": Route("merge", get=NOT_ALLOWED, post=302),
    "network:introduction": Route("introduction", get=200, post=200),
    "network:introduction_undo": Route("introduction", get=NOT_ALLOWED, post=302),
    "network:outcome": Route("introduction", get=NOT_ALLOWED, post=302, data={"outcome": "met"}),
    "network:person": Route("person", get=200, post=200),
    "network:person_blocks": Route("person", get=200, post=200),
    "network:link_add": Route("person", get=200, post=400),
    "network:profession": Route("person", get=200, post=400),
    "network:link_delete": Route("link", get=NOT_ALLOWED, post=302),
    "network:group": Route("group", get=200, post=200),
    "network:group_delete": Route("group", get=NOT_ALLOWED, post=302),
    "network:seat_add": Route("group", get=NOT_ALLOWED, post=302, data={"profession": "notaio"}),
    "network:invite": Route("group", get=NOT_ALLOWED, post=302),
    "network:seat_delete": Route("seat", get=NOT_ALLOWED, post=302),
    "network:invitation_status": Route(
        "invitation", get=NOT_ALLOWED, post=302, data={"status": "visited"}
    ),
    "groups:overview": Route("shared_group", get=200, post=200),
    "groups:roster": Route("shared_group", get=200, post=200),
    "groups:invite": Route("shared_group", get=200, post=400),
    "groups:settings": Route("shared_group", get=200, post=400),
    "groups:member_roles": Route("shared_group", get=200, post=302, also="membership"),
    "groups:member_classification": Route("shared_group", get=200, post=400, also="membership"),
    "groups:member_end": Route("shared_group", get=200, post=400, also="membership"),
    "accounts:end_session": Route("session", get=NOT_ALLOWED, post=302),
    "accounts:two_factor_remove_passkey": Route("passkey", get=NOT_ALLOWED, post=302),
}

# Routes with a parameter that is not an id of a book, each with the reason it is safe.
PUBLIC: dict[str, str] = {
    "admin:*": "Django's admin: staff only, and it manages accounts and instance settings, "
    "never a book",
    "accounts:password_reset_confirm": "the signed token is the credential, for someone "
    "logged out; a wrong one is refused (Django's PasswordResetConfirmView)",
    "reminders:feed": "the calendar feed's secret token is the credential (calendar apps "
    "cannot log in); tests/review/test_feed_digest.py",
    "reminders:unsubscribe": "the digest's signed token is the credential (one click from "
    "an e-mail, logged out); tests/review/test_feed_digest.py",
    "accounts:confirm_email": "the signed, expiring sign-up token is the credential, for "
    "someone not yet able to log in (tests/accounts/test_signup_confirmation.py)",
    "groups:invitation": "the signed, 14-day invitation token is the credential, for "
    "someone who may have no account yet; the wrong user is refused "
    "(tests/groups/test_invitations.py)",
    "groups:invitation_signup": "the same token, to sign up through it; an address that "
    "has an account is refused (tests/groups/test_invitations.py)",
    "imports:export": "the parameter is a format name, not an id: the export is always the "
    "requester's own book (tests/imports/test_imports_isolation.py)",
}

PARAMETER = re.compile(r"<(?:\w+:)?\w+>|\(\?P<")


def _routes_with_a_parameter() -> set[str]:
    found: set[str] = set()

    def walk(patterns: list[Any], prefix: str, namespace: str) -> None:
        for p in patterns:
            if isinstance(p, URLResolver):
                inner = namespace + (f"{p.namespace}:" if p.namespace else "")
                walk(p.url_patterns, prefix + str(p.pattern), inner)
            elif isinstance(p, URLPattern) and PARAMETER.search(prefix + str(p.pattern)):
                name = f"{namespace}{p.name}"
                found.add("admin:*" if name.startswith("admin:") else name)

    walk(get_resolver().url_patterns, "", "")
    return found


def test_every_route_with_an_id_or_a_token_is_covered_or_public() -> None:
    routes = _routes_with_a_parameter()
    assert routes - ROUTES.keys() - PUBLIC.keys() == set(), "add them to ROUTES or PUBLIC"
    assert (ROUTES.keys() | PUBLIC.keys()) - routes == set(), "routes that no longer exist"
    assert ROUTES.keys() & PUBLIC.keys() == set()


@pytest.fixture
def alices_book(alice: User, make_person, settings, tmp_path) -> dict[str, int]:  # type: ignore[no-untyped-def]
    # Imports run at once here, with their files in a temporary folder.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.MEDIA_ROOT = tmp_path / "uploads"
    settings.IMPORT_PROGRESS_DIR = str(tmp_path / "progress")
    anna = make_person(alice, "Anna Rossi", emails=["anna@example.com"], profession="notaio")
    paolo = make_person(alice, "Paolo Bianchi", profession="commercialista")
    gone = make_person(alice, "Gino Gone")
    services.trash_person(gone)
    today = alice.local_today()
    event = create_event(alice, {"name": "Breakfast club", "on": today})
    touch = services.log_touch(anna, kind="coffee", on=today - timedelta(days=1))
    referral = referral_services.record_referral(
        alice, direction="received", person=anna, on=today, prospect_description="A client"
    )
    plan = plan_meeting(anna, kind="coffee", on=today)
    intro = network_services.introduce(alice, anna, paolo, today, why="Both in weddings")
    group = network_services.create_group(alice, "BNI Milano")
    seat = network_services.add_seat(group, "commercialista")
    invitation = network_services.invite(alice, group, paolo, today)
    link = network_services.link(alice, anna, paolo, "client")
    job = import_services.import_file(alice, LINKEDIN.encode(), "Connections.csv", "auto").job_id
    preview = ImportJob.objects.create(owner=alice, filename="p.csv", fmt="csv", status="preview")
    failed = ImportJob.objects.create(owner=alice, filename="f.csv", fmt="csv", status="failed")
    session = UserSession.objects.create(user=alice, session_key="alices-other-session")
    passkey = WebAuthnCredential.objects.create(
        user=alice, name="key", credential_id=b"k" * 16, public_key=b"p", sign_count=0
    )
    shared = group_services.create_group(alice, GroupSettings("Chapter A"), "Notary")
    bob = User.objects.create_user("bob@example.com", "a-long-test-password-42", name="Bob")
    invited = group_services.invite(shared, shared.memberships.get(), bob.email, "Plumber")
    membership = group_services.accept(invited, bob)
    return {
        "shared_group": shared.pk,
        "membership": membership.pk,
        "person": anna.pk,
        "trashed": gone.pk,
        "touch": touch.pk,
        "event": event.pk,
        "referral": referral.pk,
        "introduction": intro.pk,
        "plan": plan.pk,
        "group": group.pk,
        "seat": seat.pk,
        "invitation": invitation.pk,
        "link": link.pk,
        "job": int(job or 0),
        "preview": preview.pk,
        "failed": failed.pk,
        "session": session.pk,
        "passkey": passkey.pk,
        **_duplicates(alice, make_person),
    }


def _duplicates(alice: User, make_person) -> dict[str, int]:  # type: ignore[no-untyped-def]
    """An open pair of possible duplicates, and a merge that can be undone."""
    make_person(alice, "Maria Verdi", company="Acme")
    make_person(alice, "Maria Verdi", company="Acme Srl")
    make_person(alice, "Luca Neri", company="Beta")
    make_person(alice, "Luca Neri", company="Beta Spa")
    duplicates.scan_book(alice)
    pairs = DuplicatePair.objects.filter(owner=alice).order_by("pk")
    merge = duplicates.merge_pair(pairs[1], "a")
    return {"pair": pairs[0].pk, "merge": merge.pk}


def _ask(client: Client, name: str, method: str, book: dict[str, int]) -> int:
    route = ROUTES[name]
    url = reverse(name, args=[book[route.key], *([book[route.also]] if route.also else [])])
    return int(getattr(client, method)(url, route.data).status_code)


# One case a route (the book takes a second to build): Charlie asks first, then Alice
# reads, then she writes, the only request that may change the book.
@pytest.mark.parametrize("name", ROUTES)
def test_another_user_gets_404_and_the_owner_exactly_what_the_page_gives(
    charlie_client: Client, alice_client: Client, alices_book: dict[str, int], name: str
) -> None:
    route = ROUTES[name]
    for method in ("get", "post"):
        refused = NOT_ALLOWED if getattr(route, method) == NOT_ALLOWED else 404
        assert _ask(charlie_client, name, method, alices_book) == refused, f"Charlie {method}"
    # The counterpart: the same requests work for Alice, so the 404 is isolation, not a
    # broken URL.
    assert _ask(alice_client, name, "get", alices_book) == route.get, "Alice get"
    assert _ask(alice_client, name, "post", alices_book) == route.post, "Alice post"


def test_charlie_writes_change_nothing_in_alices_book(
    charlie_client: Client, alices_book: dict[str, int], alice: User
) -> None:
    charlie_client.post(reverse("people:delete", args=[alices_book["person"]]))
    charlie_client.post(reverse("people:touch_delete", args=[alices_book["touch"]]))
    anna = Person.objects.get(pk=alices_book["person"])
    assert anna.deleted_at is None
    assert anna.touches.filter(pk=alices_book["touch"]).exists()


def test_lists_and_search_show_only_the_users_own_people(
    charlie_client: Client, alices_book: dict[str, int]
) -> None:
    for url in (reverse("people:list"), reverse("people:list") + "?q=anna"):
        assert "Anna Rossi" not in charlie_client.get(url).content.decode()
    picker = charlie_client.get(reverse("people:pick") + "?q=anna").content.decode()
    assert "Anna Rossi" not in picker
    for name in ("events:list", "referrals:list", "referrals:introductions", "web:home"):
        body = charlie_client.get(reverse(name)).content.decode()
        assert "Anna Rossi" not in body and "Breakfast club" not in body


def test_a_form_cannot_pick_a_person_from_another_book(
    charlie_client: Client, alices_book: dict[str, int], charlie: User
) -> None:
    response = charlie_client.post(
        reverse("referrals:add"),
        {
            "direction": "given",
            "person": alices_book["person"],
            "prospect_description": "x",
            "warmth": 3,
            "status": "given",
            "on": charlie.local_today().isoformat(),
        },
    )
    assert response.status_code == 400
    assert "Choose a person of your book" in response.content.decode()


def test_anonymous_visitors_are_sent_to_log_in(client: Client, alices_book: dict[str, int]):
    response = client.get(reverse("people:detail", args=[alices_book["person"]]))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]
