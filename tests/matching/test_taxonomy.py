"""The shipped professions taxonomy is complete, bilingual and consistent."""

from __future__ import annotations

from collections import defaultdict

from coltiva.domain.professions import load_raw, phrase_key, taxonomy


def test_the_data_file_carries_a_version():
    assert load_raw()["version"] == 1
    assert taxonomy().version == 1


def test_there_are_at_least_150_professions_in_at_least_15_spheres():
    tax = taxonomy()
    assert len(tax.professions) >= 150
    assert len(tax.spheres) >= 15
    used = {p.sphere for p in tax.professions.values()}
    assert used == set(tax.spheres), "every sphere has professions"


def test_every_profession_has_an_english_and_an_italian_name_and_synonyms():
    for p in taxonomy().professions.values():
        assert p.en.strip() and p.it.strip(), p.id
        assert len(p.synonyms) >= 3, p.id


def test_every_sphere_and_market_is_named_in_both_languages():
    tax = taxonomy()
    for item in [*tax.spheres.values(), *tax.markets.values()]:
        assert item.en.strip() and item.it.strip(), item.id
        assert item.keywords, item.id


def test_profession_ids_are_slugs_and_unique():
    ids = [p["id"] for p in load_raw()["professions"]]
    assert len(ids) == len(set(ids))
    assert all(i.replace("_", "").isalnum() and i == i.lower() for i in ids)


def test_no_synonym_names_two_professions():
    owners: dict[tuple[str, ...], set[str]] = defaultdict(set)
    for p in taxonomy().professions.values():
        for name in (p.en, p.it, *p.synonyms):
            owners[phrase_key(name)].add(p.id)
    clashes = {k: v for k, v in owners.items() if len(v) > 1}
    assert not clashes


def test_no_phrase_means_two_different_concepts():
    """A profession synonym, a market and a sector keyword never normalise alike."""
    owners: dict[tuple[str, ...], set[str]] = defaultdict(set)
    tax = taxonomy()
    for p in tax.professions.values():
        for name in (p.en, p.it, *p.synonyms):
            owners[phrase_key(name)].add(f"p:{p.id}")
    for kind, items in (("s", tax.spheres), ("m", tax.markets)):
        for item in items.values():
            for keyword in item.keywords:
                owners[phrase_key(keyword)].add(f"{kind}:{item.id}")
    assert not {k: v for k, v in owners.items() if len(v) > 1}
    assert () not in owners, "no name is made only of stop words"


def test_feeds_reference_existing_spheres_and_never_a_sphere_itself():
    tax = taxonomy()
    for source, target in load_raw()["feeds"]:
        assert source in tax.spheres and target in tax.spheres
        assert source != target
    assert "home_services" in tax.feeds("property")
    assert "finance_insurance" in tax.feeds("property")
    assert "property" in tax.fed_by("home_services")


def test_every_sphere_feeds_or_is_fed_by_another():
    tax = taxonomy()
    for sphere in tax.spheres:
        assert tax.feeds(sphere) | tax.fed_by(sphere), sphere


def test_serves_and_broader_reference_existing_entries():
    tax = taxonomy()
    for p in tax.professions.values():
        assert set(p.serves) <= set(tax.markets), p.id
        assert p.broader is None or p.broader in tax.professions, p.id
        assert p.broader != p.id


def test_sphere_of_answers_for_every_profession():
    tax = taxonomy()
    assert tax.sphere_of("wedding_photographer") == "weddings_events"
    assert tax.sphere_of("mortgage_broker") == "property"
    assert all(tax.sphere_of(pid) in tax.spheres for pid in tax.professions)
