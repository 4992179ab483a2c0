"""Today's service returns codes and parameters; every entry point words them itself
(agenda.presenters), in the user's language, and the web builds the links."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import translation

from coltiva.accounts.models import User
from coltiva.agenda import services as agenda_services
from coltiva.agenda.presenters import shown
from coltiva.people import services

pytestmark = pytest.mark.django_db

NOON = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)


@pytest.fixture
def planned(alice: User, make_person):
    with time_machine.travel(NOON, tick=False):
        marta = make_person(alice, "Marta Piano")
        services.log_touch(marta, kind="met", on=alice.local_today() - timedelta(days=40))
        plan = agenda_services.plan_meeting(marta, kind="coffee", on=alice.local_today())
        yield marta, plan


def test_an_agenda_item_carries_codes_not_sentences_or_links(alice: User, planned) -> None:
    marta, plan = planned
    item = next(i for i in agenda_services.agenda_for(alice).items if i.plan_id == plan.pk)
    assert (item.code, item.plan_kind, item.person_id, item.first_name) == (
        "plan",
        "coffee",
        marta.pk,
        "Marta",
    )
    for worded in ("reason", "action", "label", "person_url", "done_url", "close_url"):
        assert not hasattr(item, worded)


def test_the_presenter_words_an_item_in_the_active_language(alice: User, planned) -> None:
    _, plan = planned
    items = agenda_services.agenda_for(alice).items
    with translation.override("it"):
        item = next(i for i in shown(items, alice.time_zone) if i.plan_id == plan.pk)
        assert item.action == "Incontra Marta, poi segna come fatto"
        assert item.reason.startswith("Caffè con Marta Piano in programma per il")
        assert str(item.label) == "In programma"
    assert item.close_url == reverse("agenda:plan_close", args=[plan.pk])
    assert item.person_url == reverse("people:detail", args=[plan.person_id])


def test_coltiva_agenda_words_the_items_in_the_users_language(alice: User, planned, cli) -> None:
    alice.language = "it"
    alice.save()
    code, out, _ = cli("agenda", "--user", alice.email)
    assert code == 0
    assert "[plan] Marta Piano: Incontra Marta, poi segna come fatto" in out
    code, out, _ = cli("agenda", "--user", alice.email, "--json")
    plan_item = next(i for i in json.loads(out) if i["kind"] == "plan")
    assert plan_item["action"] == "Incontra Marta, poi segna come fatto"


def test_today_links_each_item_to_its_person_and_actions(alice_client: Client, planned) -> None:
    marta, plan = planned
    body = alice_client.get(reverse("web:home")).content.decode()
    assert f'href="{reverse("people:detail", args=[marta.pk])}"' in body
    assert f'action="{reverse("agenda:plan_close", args=[plan.pk])}"' in body
    assert "Meet Marta, then mark it done" in body
