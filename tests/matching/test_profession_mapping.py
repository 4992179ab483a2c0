"""Free text, as people type their profession in English and Italian, maps onto ids."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coltiva.domain.professions import map_profession, normalise, stem, taxonomy

TABLE = [
    ("fotografo matrimoni", "wedding_photographer"),
    ("Fotografa di matrimoni", "wedding_photographer"),
    ("wedding photos", "wedding_photographer"),
    ("Wedding Photographer", "wedding_photographer"),
    ("fotografo", "photographer"),
    ("commercialista", "accountant"),
    ("Dottore Commercialista", "accountant"),
    ("CPA", "accountant"),
    ("chartered accountant", "accountant"),
    ("avvocato", "lawyer"),
    ("Avvocata", "lawyer"),
    ("avvocato divorzista", "family_lawyer"),
    ("avvocato giuslavorista", "employment_lawyer"),
    ("agente immobiliare", "estate_agent"),
    ("Realtor", "estate_agent"),
    ("broker mutui", "mortgage_broker"),
    ("mutui", "mortgage_broker"),
    ("mortgage adviser", "mortgage_broker"),
    ("Notaio", "notary"),
    ("geometra", "surveyor"),
    ("idraulico", "plumber"),
    ("plumber", "plumber"),
    ("web developer", "web_developer"),
    ("sviluppatore", "software_developer"),
    ("sviluppatore web", "web_developer"),
    ("IT support", "it_support"),
    ("e-commerce consultant", "ecommerce_specialist"),
    ("Responsabile Risorse Umane", "hr_manager"),
    ("HR manager", "hr_manager"),
    ("consulente risorse umane", "hr_consultant"),
    ("consulente del lavoro", "payroll_consultant"),
    ("head hunter", "recruiter"),
    ("agenzia per il lavoro", "temp_agency"),
    ("amministratore di condominio", "property_manager"),
    ("consulente finanziario", "financial_advisor"),
    ("broker assicurativo", "insurance_broker"),
    ("meccanico", "mechanic"),
    ("carrozziere", "body_shop"),
    ("estetista", "beautician"),
    ("parrucchiera", "hairdresser"),
    ("personal trainer", "personal_trainer"),
    ("physio", "physiotherapist"),
    ("nutrizionista", "nutritionist"),
    ("SEO specialist", "seo_specialist"),
    ("tipografia", "printer"),
    ("toelettatura cani", "dog_groomer"),
    ("traduttrice", "translator"),
    ("spedizioniere", "freight_forwarder"),
    ("b&b", "bed_and_breakfast"),
    ("catering per eventi", "caterer"),
    ("fiorista", "florist"),
]


@pytest.mark.parametrize(("text", "expected"), TABLE)
def test_free_text_maps_to_the_profession_people_mean(text, expected):
    match = map_profession(text)
    assert match is not None and match.profession_id == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("fotogarfo", "photographer"),
        ("fotogarfo matrimoni", "wedding_photographer"),
        ("comercialista", "accountant"),
        ("plumbr", "plumber"),
        ("avvocatto", "lawyer"),
        ("weddingphotographer", "wedding_photographer"),
    ],
)
def test_typos_still_map_but_as_fuzzy_and_less_confident(text, expected):
    match = map_profession(text)
    assert match is not None and match.profession_id == expected
    assert match.method == "fuzzy"
    assert 0.5 < match.confidence < 1.0


def test_an_exact_synonym_is_fully_confident():
    match = map_profession("commercialista")
    assert match is not None
    assert (match.method, match.confidence) == ("exact", 1.0)
    assert (match.en, match.it, match.sphere_id) == (
        "Accountant",
        "Commercialista",
        "business_services",
    )


def test_a_profession_inside_a_longer_text_is_found_by_its_longest_phrase():
    match = map_profession("Fotografa di matrimoni a Milano e dintorni")
    assert match is not None and match.profession_id == "wedding_photographer"
    assert match.method == "token"
    assert 0.6 <= match.confidence < 1.0


@pytest.mark.parametrize("text", ["", "   ", "xyzzy", "di per la", "Milano"])
def test_text_that_names_no_profession_maps_to_nothing(text):
    assert map_profession(text) is None


def test_every_name_and_synonym_in_the_taxonomy_maps_back_to_its_profession():
    for p in taxonomy().professions.values():
        for name in (p.en, p.it, *p.synonyms):
            match = map_profession(name)
            assert match is not None and match.profession_id == p.id, name


def test_normalising_strips_accents_case_and_punctuation():
    assert normalise("Città, QUALITÀ & co.") == "citta qualita co"
    assert normalise("e-commerce") == "ecommerce"


def test_the_stemmer_makes_gender_and_number_meet():
    assert stem("fotografo") == stem("fotografa") == stem("fotografi")
    assert stem("photos") == stem("photo")
    assert stem("taxi") == "taxi"


@given(st.text(max_size=60))
def test_mapping_never_fails_and_confidence_stays_between_0_and_1(text):
    match = map_profession(text)
    assert match is None or 0.0 < match.confidence <= 1.0


@pytest.mark.parametrize("text", ["Director of Product", "Head of Products", "VP Product"])
def test_product_management_is_not_read_as_production(text):
    # The taxonomy has no product manager: better no profession than a wrong one.
    match = map_profession(text)
    assert match is None or match.profession_id != "production_manager"


def test_production_itself_still_maps_to_production_manager():
    assert map_profession("Production manager").profession_id == "production_manager"
    assert map_profession("direttore di produzione").profession_id == "production_manager"


def test_an_english_possessive_keeps_its_apostrophe_word_whole():
    assert normalise("men's grooming") == "mens grooming"
    assert normalise("Men\u2019s grooming") == "mens grooming"
    assert normalise("dell'azienda") == "dell azienda"  # an Italian elision splits
    assert map_profession("men's grooming").profession_id == "barber"


def test_no_synonym_in_the_taxonomy_lost_an_apostrophe():
    for p in taxonomy().professions.values():
        for name in p.synonyms:
            assert " s " not in f" {name} ", name
