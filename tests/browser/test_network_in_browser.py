"""The network in a real browser: the person page's blocks load, two clicks make an
introduction with its messages ready, and every network page passes axe-core."""

from __future__ import annotations

import pytest
from browser_helpers import PASSWORD, log_in

from coltiva.accounts.models import User
from coltiva.people import services

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def networker() -> dict[str, int]:
    user = User.objects.create_user("net@example.com", PASSWORD, name="Nora Net")
    people = {}
    for name, profession, company, offers, looks, email in (
        ("Anna Russo", "consulente risorse umane", "Russo HR", "Selezione e welfare",
         "HR managers in manufacturing", "anna@example.com"),
        ("Paolo Greco", "Responsabile risorse umane", "Greco Valvole S.p.A.",
         "HR manager in un'azienda manifatturiera", "Formatori", "paolo@example.com"),
        ("Sara Conti", "agente immobiliare", "Immobiliare Conti", "Case a Milano",
         "Broker mutui e notai", ""),
        ("Luca Ferri", "broker mutui", "Ferri Mutui", "Mutui prima casa", "Agenti immobiliari",
         ""),
    ):  # fmt: skip
        given, family = name.split()
        person = services.create_person(
            user,
            {"given_name": given, "family_name": family, "profession": profession,
             "company": company, "offers": offers, "looks_for": looks},
            [services.ContactInput("email", email)] if email else [],
        )  # fmt: skip
        services.set_relationship(
            person, purposes=["business"], cadence_days=None, pinned_stage="credibility"
        )
        people[given] = person.pk
    return people


def test_two_clicks_from_the_person_page_to_a_ready_message(
    desktop, live_server, networker, axe, screenshot
) -> None:
    base = live_server.url
    log_in(desktop, base, "net@example.com")
    desktop.goto(f"{base}/people/{networker['Anna']}/")
    blocks = desktop.locator("#network-blocks")
    blocks.get_by_text("Who should Anna meet?").wait_for()
    assert "HR consultant" in blocks.inner_text()
    assert axe(desktop) == []
    blocks.screenshot(path=str(screenshot.folder / "suggestions.png"))
    blocks.get_by_role("link", name="Introduce them to Paolo Greco").click()  # one
    assert "Paolo Greco fits" in desktop.locator("#id_why").input_value()
    desktop.get_by_role("button", name="Draft the messages").click()  # two
    desktop.get_by_text("Ask each of them first").wait_for()
    ask = desktop.locator("#draft-ask-a").input_value()
    assert "Would you like me to put you in touch?" in ask
    screenshot(desktop, "introduction")
    mail = desktop.get_by_role("button", name="Open in your mail app").last
    assert mail.get_attribute("href").startswith("mailto:anna@example.com,paolo@example.com")
    assert axe(desktop) == []
    # Recorded only once the user says it was sent, with an Undo.
    desktop.get_by_role("button", name="I sent the introduction: record it").click()
    desktop.get_by_text("recorded on both relationships").first.wait_for()
    desktop.locator("form.undo").get_by_role("button", name="Undo").click()
    desktop.get_by_text("Introduction of Anna Russo and Paolo Greco undone.").wait_for()


def test_every_network_page_passes_axe(desktop, live_server, networker, axe) -> None:
    base = live_server.url
    log_in(desktop, base, "net@example.com")
    desktop.goto(f"{base}/network/groups/")
    desktop.locator("#id_name").fill("BNI Milano Centro")
    desktop.get_by_role("button", name="Add").click()
    desktop.get_by_role("heading", name="BNI Milano Centro").wait_for()
    group = desktop.url.removeprefix(base)
    sara = networker["Sara"]
    for path in (
        "/network/",
        "/network/who/?q=notaio",
        "/network/introduce/",
        f"/network/people/{sara}/",
        f"/network/people/{sara}/profession/",
        f"/network/people/{sara}/links/add/",
        "/",
        group,
    ):
        desktop.goto(f"{base}{path}")
        assert axe(desktop) == [], path
