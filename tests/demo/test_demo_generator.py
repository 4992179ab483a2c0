"""The demo network: reproducible, sized as asked, realistic, and honest about matching."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from coltiva.accounts.models import User
from coltiva.demo import services
from coltiva.demo.professions import is_label
from coltiva.network.models import Link
from coltiva.people.models import Person, Relationship, Touch
from coltiva.referrals.models import Introduction, Referral

TODAY = date(2026, 3, 31)


@pytest.fixture(autouse=True)
def data_dir(settings: Any, tmp_path: Path) -> Path:
    settings.DATA_DIR = tmp_path
    return tmp_path


def fill(user: User, seed: int = 5) -> services.DemoSummary:
    return services.generate(user, size="small", seed=seed, today=TODAY)


def fingerprint(user: User) -> list[tuple[object, ...]]:
    """The book's content without its ids: people in order, each with their touches."""
    touches: dict[int, list[tuple[str, date]]] = {}
    for pid, kind, on in Touch.objects.filter(owner=user).values_list("person_id", "kind", "on"):
        touches.setdefault(pid, []).append((kind, on))
    people = Person.objects.filter(owner=user).order_by("pk")
    return [
        (p.display_name, p.company, p.profession, p.looks_for, sorted(touches.get(p.pk, [])))
        for p in people
    ]


def test_the_same_seed_writes_the_same_book(alice: User, bob: User) -> None:
    fill(alice, seed=5)
    fill(bob, seed=5)
    assert fingerprint(alice) == fingerprint(bob)


def test_another_seed_writes_another_book(alice: User, bob: User) -> None:
    fill(alice, seed=5)
    fill(bob, seed=6)
    assert fingerprint(alice) != fingerprint(bob)


def test_a_small_book_has_exactly_its_people_and_touches(alice: User) -> None:
    summary = fill(alice)
    assert Person.objects.filter(owner=alice).count() == summary.written.people == 300
    assert Touch.objects.filter(owner=alice).count() == summary.written.touches == 3000
    assert Relationship.objects.filter(owner=alice).count() == 300


def test_stages_and_health_are_spread_as_in_a_real_book(alice: User) -> None:
    fill(alice)
    rels = Relationship.objects.filter(owner=alice)
    stages = Counter(rels.values_list("stage", flat=True))
    health = Counter(rels.values_list("health", flat=True))
    for stage in ("none", "visibility", "credibility", "profitability"):
        assert stages[stage] >= 15, stages
    for state in ("seed", "thriving", "needs_tending", "withering", "dormant"):
        assert health[state] >= 10, health


def test_the_method_has_something_to_say_about_many_relationships(alice: User) -> None:
    fill(alice)
    steps = Counter(Relationship.objects.filter(owner=alice).values_list("next_step", flat=True))
    warnings = Counter(
        w["code"]
        for ws in Relationship.objects.filter(owner=alice).values_list("warnings", flat=True)
        for w in ws
    )
    assert {"follow_up", "reconnect", "get_to_know", "meet_again", "say_thank_you"} <= set(steps)
    assert {"follow_up_due", "unthanked"} <= set(warnings)


def test_professions_are_free_text_never_the_taxonomys_labels(alice: User) -> None:
    fill(alice)
    written = Person.objects.filter(owner=alice).exclude(profession="")
    assert written.count() > 200
    assert not [p.profession for p in written if is_label(p.profession)]
    mapped = written.exclude(profession_code="").count()
    assert mapped == written.count()


def test_names_and_wishes_come_in_both_languages(alice: User) -> None:
    fill(alice)
    wishes = " ".join(Person.objects.filter(owner=alice).values_list("looks_for", flat=True))
    assert "Cerco" in wishes or "Presentazioni" in wishes
    assert "Looking for" in wishes or "Introductions to" in wishes


def test_touches_are_never_in_the_future_and_referrals_point_at_theirs(alice: User) -> None:
    fill(alice)
    assert not Touch.objects.filter(owner=alice, on__gt=TODAY).exists()
    referrals = Referral.objects.filter(owner=alice)
    assert referrals.filter(direction="given").exists()
    assert referrals.filter(direction="received").exists()
    assert not referrals.filter(touch__isnull=True).exists()
    won = referrals.filter(status="won")
    assert won.exists()
    assert not won.filter(closed_touch__isnull=True).exists()
    assert not won.filter(value__isnull=True).exists()


def test_planted_pairs_are_written_beside_the_book(alice: User, data_dir: Path) -> None:
    summary = fill(alice)
    assert summary.pairs_path.parent.parent == data_dir
    document = json.loads(summary.pairs_path.read_text())
    pairs = services.load_planted_pairs(summary.pairs_path)
    assert len(pairs) == summary.planted_pairs == len(document["pairs"]) > 0
    ids = set(Person.objects.filter(owner=alice).values_list("pk", flat=True))
    assert all(pair <= ids for pair in pairs)
    # The user vouches for both sides, and the matcher still has them to find.
    members = {pid for pair in pairs for pid in pair}
    ranks = Relationship.objects.filter(person_id__in=members).values_list("stage_rank", flat=True)
    assert min(ranks) >= 2
    known = {frozenset(p) for p in Link.objects.values_list("person_a_id", "person_b_id")}
    known |= {frozenset(p) for p in Introduction.objects.values_list("person_a_id", "person_b_id")}
    assert not pairs & known


def test_links_introductions_events_and_plans_are_there(alice: User) -> None:
    written = fill(alice).written
    assert written.links > 50
    assert written.introductions > 0
    assert written.events >= 8
    assert written.plans > 0


def test_a_book_that_is_not_empty_is_left_alone(
    alice: User, make_person: Callable[..., Person]
) -> None:
    make_person(alice)
    with pytest.raises(services.BookNotEmpty):
        fill(alice)
    assert Person.objects.filter(owner=alice).count() == 1


@pytest.mark.django_db
def test_the_command_creates_the_account_and_says_how_to_log_in(
    cli: Callable[..., tuple[int, str, str]], data_dir: Path
) -> None:
    code, out, err = cli("demo", "--user", "Demo@Example.com", "--create", "--seed", "2")
    assert code == 0, err
    user = User.objects.get(email="demo@example.com")
    password = out.split("password: ")[1].split()[0]
    assert user.check_password(password)
    assert "planted-pairs" in out and str(data_dir) in out
    code, out, _err = cli("demo", "--user", "demo@example.com", "--create")
    assert code == 0
    assert "nothing written" in out
    assert Person.objects.filter(owner=user).count() == 300


@pytest.mark.django_db
def test_the_command_wants_an_account_or_create(cli: Callable[..., tuple[int, str, str]]) -> None:
    code, _out, err = cli("demo", "--user", "nobody@example.com")
    assert code != 0
    assert "--create" in err


def test_promises_are_kept_and_broken_and_asks_come_early_and_late(alice: User) -> None:
    fill(alice)
    kinds = Counter(Touch.objects.filter(owner=alice).values_list("kind", flat=True))
    for kind in ("promise_made", "promise_kept", "met", "coffee", "one_to_one", "ask"):
        assert kinds[kind] > 0, kind
    assert kinds["promise_broken"] + kinds["no_show"] > 0
    assert kinds["introduced"] >= 2 * Introduction.objects.filter(owner=alice).count()
    assert Touch.objects.filter(owner=alice, kind="met", event__isnull=False).exists()


@pytest.mark.parametrize(
    ("language", "why"),
    [("en", "They serve the same clients"), ("it", "Lavorano con gli stessi clienti")],
)
def test_introduction_reasons_are_in_the_readers_language(
    alice: User, language: str, why: str
) -> None:
    alice.language = language
    alice.save(update_fields=["language"])
    fill(alice)
    reasons = set(Introduction.objects.filter(owner=alice).values_list("why", flat=True))
    assert reasons and all(r.startswith(why) for r in reasons)
