"""Who in the book can open a door to a profession, a company or a person."""

from __future__ import annotations

from dataclasses import replace

from coltiva.domain.introducers import who_can_introduce
from coltiva.domain.match_texts import reason_text


def ids(introducers) -> list[int]:
    return [i.id for i in introducers]


def test_people_who_know_a_notary_are_introducers_who_explain_why(book, links, person):
    found = who_can_introduce("notaio", book, links, limit=100)
    roberto = next(i for i in found if i.id == person["Roberto"])
    assert roberto.reason_code == "knows_profession"
    assert reason_text(roberto) == "Roberto Colombo knows Beatrice Moretti (notary)."
    assert {person["Sara"], person["Luca"]} <= set(ids(found))


def test_strongest_first_means_the_relationship_first_then_the_route(book, links, person):
    stage = {c.id: c.stage_rank for c in book}
    found = who_can_introduce("notaio", book, links, limit=100)
    keys = [(-stage[i.id], -i.score) for i in found]
    assert keys == sorted(keys)
    # Sara at profitability (same sphere) before Roberto at credibility (knows the notary).
    staged = [
        replace(c, stage_rank={person["Sara"]: 3, person["Roberto"]: 2}.get(c.id, c.stage_rank))
        for c in book
    ]
    order = ids(who_can_introduce("notaio", staged, links, limit=100))
    assert order.index(person["Sara"]) < order.index(person["Roberto"])
    same_stage = [i for i in found if stage[i.id] == stage[person["Roberto"]]]
    assert same_stage[0].reason_code == "knows_profession"


def test_a_company_is_matched_strictly_not_by_a_loose_prefix(book, person):
    rossetti = replace(book[0], id=900, name="Rita Rossetti", company="Studio Rossetti")
    rossi = replace(book[0], id=901, name="Rino Rossi", company="Studio Rossi S.r.l.")
    people = [*book, rossetti, rossi]
    assert ids(who_can_introduce("Studio Rossi", people, {}, limit=100))[:1] == [901]
    assert 900 not in ids(who_can_introduce("Studio Rossi", people, {}, limit=100))
    assert ids(who_can_introduce("studio rossi srl", people, {}, limit=100))[:1] == [901]
    typo = replace(book[0], id=902, name="Ugo Bianchi", company="Costruzioni Bianchi e Figli")
    found = who_can_introduce("Costruzioni Bianchi e Fili", [*book, typo], {}, limit=100)
    assert 902 in ids(found)  # one letter off in a long name still finds them


def test_the_notary_herself_is_the_target_not_an_introducer(book, links, person):
    assert person["Beatrice"] not in ids(who_can_introduce("notary", book, links, limit=100))


def test_an_estate_agent_in_the_same_sphere_explains_why(book, links, person):
    found = who_can_introduce("notary", book, links, limit=100)
    sara = next(i for i in found if i.id == person["Sara"])
    assert sara.reason_code == "in_sphere"
    assert reason_text(sara) == (
        "Sara Conti (estate agent) is in the same contact sphere as notary."
    )


def test_whoever_works_at_the_company_is_the_way_in(book, links, person):
    found = who_can_introduce("Greco Valvole", book, links)
    assert ids(found) == [person["Paolo"]]
    assert reason_text(found[0]) == "Paolo Greco works at Greco Valvole S.p.A."


def test_colleagues_at_a_company_come_strongest_relationship_first(book, links, person):
    found = who_can_introduce("Studio Colombo", book, links)
    assert set(ids(found)) == {person["Roberto"], person["Carlo"]}
    assert found[0].score >= found[1].score


def test_a_named_person_is_reached_through_whoever_knows_them(book, links, person):
    found = who_can_introduce("Paolo Greco", book, links)
    assert ids(found) == [person["Simone"]]
    assert reason_text(found[0]) == "Simone Caruso knows Paolo Greco."


def test_links_count_in_both_directions(book, person):
    found = who_can_introduce("Simone Caruso", book, {person["Simone"]: {person["Paolo"]}})
    assert ids(found) == [person["Paolo"]]


def test_strangers_cannot_introduce_anyone_by_default(book, links):
    # Nadia knows the notary but the user has never spoken with Nadia.
    assert 46 not in ids(who_can_introduce("notaio", book, links, limit=100))
    assert 46 in ids(who_can_introduce("notaio", book, links, min_rank=0, limit=100))


def test_a_stronger_relationship_ranks_higher_on_the_same_route(book, links, person):
    found = who_can_introduce("notary", book, links, limit=100)
    score = {i.id: i.score for i in found}
    assert score[person["Sara"]] > score[person["Paola"]]  # profitability vs visibility


def test_the_sphere_that_feeds_a_profession_can_introduce_to_it(book, links, person):
    found = who_can_introduce("idraulico", book, links, limit=100)
    codes = {i.id: i.reason_code for i in found}
    assert codes[person["Stefano"]] == "sphere_feeds"  # property feeds home services
    assert codes[person["Peter"]] == "in_sphere"
    assert person["Giorgio"] not in codes  # the plumber himself


def test_nothing_recognisable_finds_nobody(book, links):
    assert who_can_introduce("xyzzy", book, links) == []
    assert who_can_introduce("", book, links) == []


def test_the_limit_is_respected(book, links):
    assert len(who_can_introduce("commercialista", book, links, limit=3)) == 3


def test_members_of_a_network_the_target_belongs_to_can_introduce(book, links, person):
    clubbed = [
        replace(c, networks="Rotary Club Milano; BNI Centro") if c.id == person["Luca"] else c
        for c in book
    ]
    found = who_can_introduce("Rotary Milano", clubbed, links)
    assert ids(found) == [person["Luca"]]
    assert reason_text(found[0]) == "Luca Ferri is in Rotary Club Milano."
    assert who_can_introduce("Rot", clubbed, links) == []  # too short to mean a club


def test_a_profession_that_is_a_place_reads_as_a_sentence(book, links, person):
    sara = person["Sara"]
    gym = [replace(c, profession_id="gym", sphere_id=None) if c.id == sara else c for c in book]
    found = who_can_introduce("personal trainer", gym, links, limit=100)
    texts = [reason_text(i) for i in found if i.id == sara]
    assert texts and texts[0].startswith("Sara Conti (gym) is in"), texts
