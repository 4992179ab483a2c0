"""What the group's pages show: the roster, power teams, the classifications lacking,
empty states, the menu entry, and Italian."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from coltiva.accounts.models import User


def test_the_overview_shows_roster_roles_power_teams_and_what_is_lacking(cast) -> None:
    page = cast.client("bob").get(reverse("groups:overview", args=[cast.a.pk])).content.decode()
    for shown in ("Alice Verdi", "Bob Smith", "Erin Gallo", "Florist", "Plumber", "President"):
        assert shown in page
    assert "Membership committee" in page
    assert "Frank Moro" not in page and "Dora Neri" not in page  # left; only invited
    assert "Power teams" in page and "Classifications the group lacks" in page
    # Plumber and electrician share a contact sphere: the team lists both, and its other
    # professions are what the group lacks.
    assert "<strong>Home services and trades</strong>: Plumber, Electrician" in page
    assert "<strong>Weddings and events</strong>: Florist" in page
    lacking = page.split("Classifications the group lacks")[1]
    assert "Roofer" in lacking and "Caterer" in lacking
    assert "Plumber" not in lacking and "Lawyer" not in lacking  # held; another sphere
    assert "Meets on Wednesday" in page


def test_the_roster_shows_links_by_right(cast) -> None:
    url = reverse("groups:roster", args=[cast.a.pk])
    bob = cast.members["bob"].pk
    alices_page = cast.client("alice").get(url).content.decode()
    assert reverse("groups:member_roles", args=[cast.a.pk, bob]) in alices_page
    assert "dora@example.com" in alices_page  # the invitation waiting
    bobs_page = cast.client("bob").get(url).content.decode()
    assert reverse("groups:member_roles", args=[cast.a.pk, bob]) not in bobs_page
    assert reverse("groups:member_end", args=[cast.a.pk, bob]) in bobs_page  # leave
    assert "dora@example.com" not in bobs_page
    assert reverse("groups:invite", args=[cast.a.pk]) not in bobs_page


def test_groups_is_in_the_main_menu_and_marked_on_its_pages(alice_client: Client) -> None:
    page = alice_client.get(reverse("groups:list")).content.decode()
    assert f'<a href="{reverse("groups:list")}" aria-current="page">Groups</a>' in page
    assert "You are not in a group yet" in page


def test_creating_a_group_from_the_page_makes_me_its_president(alice_client: Client) -> None:
    response = alice_client.post(
        reverse("groups:add"),
        {
            "name": "Chapter Nord",
            "time_zone": "Europe/Rome",
            "currency": "EUR",
            "meeting_weekday": "1",
            "meeting_time": "07:15",
            "place": "Hotel Milano",
            "lock_classifications": "on",
            "classification": "Wedding photographer",
        },
    )
    assert response.status_code == 302
    page = alice_client.get(response["Location"]).content.decode()
    assert "Chapter Nord" in page and "Meets on Tuesday" in page and "President" in page
    assert "Wedding photographer" in page


def test_a_bad_group_form_says_what_is_wrong_and_creates_nothing(alice_client: Client) -> None:
    response = alice_client.post(reverse("groups:add"), {"name": "", "time_zone": "Mars/Base"})
    assert response.status_code == 400
    assert 'aria-invalid="true"' in response.content.decode()
    assert alice_client.get(reverse("groups:list")).content.decode().count("Chapter") == 0


def test_the_pages_speak_italian(cast) -> None:
    alice: User = cast.users["alice"]
    alice.language = "it"
    alice.save(update_fields=["language"])
    client = cast.client("alice")
    page = client.get(reverse("groups:overview", args=[cast.a.pk])).content.decode()
    assert "Elenco soci" in page and "Presidente" in page and "Power team" in page
    assert "Gruppi" in client.get(reverse("groups:list")).content.decode()
