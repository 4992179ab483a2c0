"""On a hand-built book, the matcher names the introductions a networker would make."""

from __future__ import annotations

from dataclasses import replace

from coltiva.domain.match_texts import reason_text
from coltiva.domain.matching import (
    Candidate,
    MatchIndex,
    Suggestion,
    suggest_all,
    suggest_for,
)


def partners(suggestions: list[Suggestion], person_id: int) -> list[int]:
    return [s.b if s.a == person_id else s.a for s in suggestions]


def pairs(suggestions: list[Suggestion]) -> set[frozenset[int]]:
    return {frozenset({s.a, s.b}) for s in suggestions}


# -- good matches ----------------------------------------------------------------------


def test_the_wedding_photographer_meets_the_florist_the_venue_and_the_caterer(index, person):
    top = partners(index.suggest_for(person["Giulia"], limit=4), person["Giulia"])
    assert {person["Emma"], person["Fabio"], person["Marco Esposito"]} <= set(top)


def test_the_florist_meets_the_wedding_planner_and_the_photographers(index, person):
    top = partners(index.suggest_for(person["Emma"], limit=3), person["Emma"])
    assert set(top) == {person["Giulia"], person["Tom"], person["Francesca"]}


def test_the_estate_agent_meets_the_mortgage_broker_first(index, person):
    top = index.suggest_for(person["Sara"], limit=3)
    assert top[0].b == person["Luca"]
    assert top[0].reason_code == "mutual"


def test_the_mortgage_broker_is_also_pointed_to_the_notary(index, person):
    assert person["Beatrice"] in partners(index.suggest_for(person["Luca"]), person["Luca"])


def test_the_english_realtor_meets_the_italian_notary(index, person):
    top = index.suggest_for(person["James"], limit=1)
    assert top[0].b == person["Beatrice"]


def test_the_accountant_meets_the_business_lawyer_first(index, person):
    top = index.suggest_for(person["Roberto"], limit=2)
    assert top[0].b == person["Chiara"]
    assert person["Marco Longo"] in partners(top, person["Roberto"])  # employment lawyer


def test_anna_is_introduced_to_paolo_an_hr_manager_at_a_manufacturer(index, person):
    top = index.suggest_for(person["Anna"], limit=5)
    assert top[0].b == person["Paolo"]
    assert top[0].reason_code == "looks_for"
    assert reason_text(top[0]) == (
        "Anna Russo looks for HR managers in manufacturing; "
        "Paolo Greco fits: HR manager at Greco Valvole S.p.A."
    )
    # Marta is an HR manager too, but at a software house: a weaker match.
    order = partners(top, person["Anna"])
    assert order.index(person["Paolo"]) < order.index(person["Marta"])


def test_the_trainer_the_physio_and_the_nutritionist_are_suggested_to_each_other(index, person):
    top = partners(index.suggest_for(person["Federica"], limit=2), person["Federica"])
    assert set(top) == {person["Oliver"], person["Giada"]}


def test_the_vet_and_the_dog_groomer_are_suggested_to_each_other(index, person):
    assert index.suggest_for(person["Tommaso"], limit=1)[0].b == person["Laura"]


def test_the_translator_meets_the_export_manager(index, person):
    assert person["Kevin"] in partners(
        index.suggest_for(person["Ilaria"], limit=2), person["Ilaria"]
    )


def test_suggest_all_puts_the_strongest_introductions_first(book, known_pairs, person):
    top = suggest_all(book, known_pairs, limit=10)
    assert [s.score for s in top] == sorted((s.score for s in top), reverse=True)
    assert frozenset({person["Sara"], person["Luca"]}) in pairs(top)
    assert frozenset({person["Giulia"], person["Emma"]}) in pairs(top)


def test_in_suggest_all_the_person_whose_wish_is_met_comes_first(index, person):
    everything = index.suggest_all(limit=500)
    anna_paolo = next(s for s in everything if {s.a, s.b} == {person["Anna"], person["Paolo"]})
    assert (anna_paolo.a, anna_paolo.b) == (person["Anna"], person["Paolo"])


def test_the_module_functions_agree_with_a_prebuilt_index(book, known_pairs, index, person):
    assert suggest_for(person["Anna"], book, known_pairs) == index.suggest_for(person["Anna"])
    assert suggest_all(book, known_pairs) == index.suggest_all()


# -- bad matches -----------------------------------------------------------------------


def test_two_accountants_are_never_suggested_to_each_other(index, book):
    accountants = {c.id for c in book if c.profession_id == "accountant"}
    assert len(accountants) == 3
    for s in index.suggest_all(limit=1000):
        assert not {s.a, s.b} <= accountants


def test_no_pair_ever_shares_a_profession(index, book):
    profession = {c.id: c.profession_id for c in book}
    for s in index.suggest_all(min_vouch_rank=0, limit=1000):
        assert profession[s.a] != profession[s.b] or profession[s.a] is None


def test_people_who_already_know_each_other_are_never_suggested(index, known_pairs):
    assert not pairs(index.suggest_all(min_vouch_rank=0, limit=1000)) & set(known_pairs)


def test_the_photographer_is_not_sent_to_the_planner_she_already_knows(index, person):
    assert person["Francesca"] not in partners(
        index.suggest_for(person["Giulia"], limit=50), person["Giulia"]
    )


def test_colleagues_at_the_same_company_are_never_suggested(index, person):
    every = pairs(index.suggest_all(min_vouch_rank=0, limit=1000))
    assert frozenset({person["Roberto"], person["Carlo"]}) not in every  # Studio Colombo
    assert frozenset({person["Chiara"], person["Marco Longo"]}) not in every  # Ricci & Partners


def test_people_below_credibility_are_not_suggested_by_default(index, book):
    below = {c.id for c in book if c.stage_rank < 2}
    for s in index.suggest_all(limit=1000):
        assert s.a not in below and s.b not in below
    assert index.suggest_for(10) == []  # Paola, the surveyor, is only visible


def test_a_lower_vouch_rank_lets_better_known_acquaintances_in(index, person):
    top = partners(index.suggest_for(person["Paola"], min_vouch_rank=1), person["Paola"])
    assert person["Luisa"] in top  # she looks for builders; Luisa is one


def test_a_person_with_nothing_known_about_them_gets_nothing(index):
    assert index.suggest_for(46, min_vouch_rank=0) == []
    assert index.suggest_for(999) == []


def test_the_better_you_know_both_the_higher_the_pair_ranks():
    def florist(pid: int, rank: int) -> Candidate:
        return Candidate(
            pid, f"F{pid}", "florist", None, "fiori per matrimoni", "", "sposi", rank, ""
        )

    planner = Candidate(1, "Planner", "wedding_planner", None, "", "fioristi", "sposi", 3, "")
    index = MatchIndex.build([planner, florist(2, 2), florist(3, 3)], [])
    assert [s.b for s in index.suggest_for(1)] == [3, 2]


def test_the_limit_is_respected(index, person):
    assert len(index.suggest_for(person["Chiara"], limit=2)) == 2
    assert len(index.suggest_all(limit=3)) == 3
    assert index.suggest_all(limit=0) == []


# -- reasons -----------------------------------------------------------------------------


def test_every_suggestion_has_a_reason_that_reads_as_one_sentence(index):
    for s in index.suggest_all(min_vouch_rank=0, limit=1000):
        text = reason_text(s)
        assert text.endswith(".") and "%(" not in text and ".." not in text
        assert text.count(". ") == 0 or "S.p.A." in text


def test_reasons_are_translated_through_gettext_with_literal_templates(index, person):
    asked: list[str] = []

    english = (
        "%(looker)s looks for %(looks_for)s; %(other)s fits: %(other_profession)s at %(company)s."
    )
    italian = {
        english: "%(looker)s cerca %(looks_for)s; "
        "%(other)s fa al caso: %(other_profession)s presso %(company)s."
    }

    def gettext(message: str) -> str:
        asked.append(message)
        return italian.get(message, message)

    top = index.suggest_for(person["Anna"], limit=1)[0]
    text = reason_text(top, gettext, language="it")
    assert text == (
        "Anna Russo cerca HR managers in manufacturing; "
        "Paolo Greco fa al caso: responsabile risorse umane presso Greco Valvole S.p.A."
    )
    assert any("%(looker)s" in m for m in asked)


def test_a_contact_sphere_reason_names_the_sphere_in_the_reader_language():
    a = Candidate(1, "Ada", "surveyor", None, "", "", "", 3, "")
    b = Candidate(2, "Bea", "property_valuer", None, "", "", "", 3, "")
    s = MatchIndex.build([a, b], []).suggest_for(1)[0]
    assert s.reason_code == "contact_sphere"
    assert reason_text(s) == (
        "Ada (surveyor) and Bea (property valuer) are in the same contact sphere, "
        "Property and real estate: same clients, no competition."
    )
    assert "Immobiliare" in reason_text(s, language="it")


def test_suggestions_are_plain_values(index, person):
    s = index.suggest_for(person["Anna"], limit=1)[0]
    assert replace(s) == s
    assert all(isinstance(v, str) for v in s.reason_params.values())


def test_ids_the_taxonomy_no_longer_knows_are_tolerated():
    stale = Candidate(1, "Old", "retired_astronaut", "outer_space", "", "fioristi", "", 3, "")
    florist = Candidate(2, "Flo", "florist", None, "fiori per matrimoni", "", "", 3, "")
    index = MatchIndex.build([stale, florist], [])
    assert [s.b for s in index.suggest_for(1)] == [2]
    assert reason_text(index.suggest_for(2)[0])


# -- more of what a networker would say ------------------------------------------------------


def test_the_mechanic_and_the_body_shop_send_each_other_work(index, person):
    top = index.suggest_for(person["Nicola"], limit=1)[0]
    assert (top.b, top.reason_code) == (person["Gianni"], "mutual")


def test_the_plumber_meets_the_condominium_administrator_first(index, person):
    top = partners(index.suggest_for(person["Giorgio"], limit=2), person["Giorgio"])
    assert top[0] == person["Stefano"] and person["Luisa"] in top  # and the builder


def test_the_seo_consultant_and_the_web_developer_are_made_for_each_other(index, person):
    top = index.suggest_for(person["Sophie"], limit=1)[0]
    assert (top.b, top.reason_code) == (person["Matteo"], "mutual")


def test_the_export_manager_meets_the_translator_and_the_forwarder(index, person):
    top = partners(index.suggest_for(person["Kevin"], limit=2), person["Kevin"])
    assert set(top) == {person["Ilaria"], person["Roberta"]}


def test_the_beautician_is_sent_to_the_wedding_trade_not_to_the_garage(index, person):
    top = partners(index.suggest_for(person["Hannah"], limit=4), person["Hannah"])
    assert top[0] == person["Francesca"]  # the wedding planner she asked for
    assert person["Nicola"] not in top and person["Gianni"] not in top


def test_the_insurance_broker_is_sent_to_the_accountants_she_asked_for(index, person):
    top = partners(index.suggest_for(person["Irene"], limit=5), person["Irene"])
    assert {person["Roberto"], person["Enrico"]} <= set(top[:2])
    assert person["David"] in top  # "commercialisti" finds the English CPA too
