"""A hand-built book of relationships, written the way people really describe themselves.

Each row: id, name, profession as typed, company, offers, looks for, target market,
stage rank (0 none, 1 visibility, 2 credibility, 3 profitability).
"""

from __future__ import annotations

import pytest

from coltiva.domain.matching import Candidate, MatchIndex
from coltiva.domain.professions import map_profession

Row = tuple[int, str, str, str, str, str, str, int]

BOOK: list[Row] = [
    (1, "Giulia Bianchi", "fotografa di matrimoni", "Giulia Bianchi Fotografia",
     "Reportage di matrimonio in Toscana, album e servizi prematrimoniali",
     "Wedding planner e fioristi che lavorano con coppie che si sposano", "Coppie di sposi", 3),
    (2, "Emma Clarke", "Florist", "Petals & Co",
     "Wedding flowers, bridal bouquets and venue styling",
     "Wedding photographers and venues hosting weddings", "Engaged couples", 2),
    (3, "Francesca Neri", "wedding planner", "Neri Weddings",
     "Organizzo matrimoni in villa e destination wedding",
     "Fotografi di matrimonio, fioristi, catering", "Futuri sposi e coppie straniere", 3),
    (4, "Marco Esposito", "catering per eventi", "Esposito Banqueting",
     "Catering per matrimoni ed eventi aziendali",
     "Location per eventi e wedding planner", "Sposi e aziende", 2),
    (5, "Tom Harris", "Wedding photos", "Harris Photo",
     "Documentary wedding photography across Italy",
     "Couples getting married", "Couples", 2),
    (6, "Sara Conti", "agente immobiliare", "Immobiliare Conti",
     "Vendita e affitto di case a Milano",
     "Broker mutui e notai per i miei clienti che comprano casa", "Famiglie che comprano casa", 3),
    (7, "Luca Ferri", "broker mutui", "Ferri Mutui",
     "Mutui prima casa e surroghe",
     "Agenti immobiliari", "Chi compra casa", 3),
    (8, "Beatrice Moretti", "Notaio", "Studio Notarile Moretti",
     "Rogiti, compravendite immobiliari, successioni",
     "Agenti immobiliari e commercialisti", "Famiglie e imprese", 2),
    (9, "James Walker", "Realtor", "Walker Homes",
     "Helping families buy and sell homes",
     "Mortgage advisers and conveyancers", "Home buyers", 2),
    (10, "Paola Galli", "geometra", "Studio Tecnico Galli",
     "Pratiche catastali, APE, direzione lavori",
     "Imprese edili e agenti immobiliari", "Proprietari di casa", 1),
    (11, "Roberto Colombo", "Dottore commercialista", "Studio Colombo",
     "Contabilità, bilanci e consulenza fiscale per PMI",
     "Avvocati d'affari e banche", "PMI e liberi professionisti", 3),
    (12, "Chiara Ricci", "Avvocata, diritto societario", "Ricci & Partners Studio Legale",
     "Contratti, costituzione di società, M&A",
     "Commercialisti che seguono PMI", "PMI e startup", 3),
    (13, "David Brown", "CPA", "Brown Accounting",
     "Bookkeeping and tax returns for small businesses",
     "Business lawyers and bankers", "Small businesses", 2),
    (14, "Anna Russo", "consulente risorse umane", "Russo HR",
     "Selezione, valutazione del personale e welfare aziendale",
     "HR managers in manufacturing", "Aziende manifatturiere", 3),
    (15, "Paolo Greco", "Responsabile risorse umane", "Greco Valvole S.p.A.",
     "HR manager in un'azienda manifatturiera di valvole industriali",
     "Formatori e consulenti del lavoro", "", 2),
    (16, "Marta Villa", "HR manager", "Villa Software",
     "HR manager at a software house",
     "Recruiters who place developers", "", 2),
    (17, "Giorgio Fontana", "idraulico", "Fontana Impianti",
     "Impianti idraulici, caldaie, bagni",
     "Amministratori di condominio e imprese edili", "Proprietari di casa e condomini", 2),
    (18, "Stefano Marino", "amministratore di condominio", "Marino Amministrazioni",
     "Gestione condomini a Torino",
     "Idraulici, elettricisti e imprese di pulizie affidabili", "Condomini", 3),
    (19, "Peter Green", "electrician", "Green Electrical",
     "Rewiring, EV chargers and solar for homes",
     "Builders and property managers", "Homeowners", 2),
    (20, "Luisa Gallo", "impresa edile", "Gallo Costruzioni",
     "Ristrutturazioni chiavi in mano",
     "Architetti e geometri", "Privati e condomini", 2),
    (21, "Davide Costa", "architetto", "Costa Architetti",
     "Progettazione e direzione lavori di ristrutturazioni",
     "Imprese edili e interior designer", "Proprietari di casa", 2),
    (22, "Sophie Turner", "SEO consultant", "Rank Up",
     "SEO and content for online shops",
     "Web developers who build ecommerce sites", "Online shops", 2),
    (23, "Matteo Lombardi", "web developer freelance", "Lombardi Dev",
     "Siti web ed e-commerce su WordPress e Shopify",
     "Grafici ed esperti SEO", "PMI e negozi", 3),
    (24, "Valentina Rizzo", "graphic designer", "Studio Rizzo",
     "Logo, brand identity e packaging",
     "Web developer e tipografie", "Startup e PMI", 2),
    (25, "Andrea Bruno", "sviluppatore", "Bruno Software",
     "Software gestionali su misura",
     "Commercialisti e consulenti aziendali", "PMI", 1),
    (26, "Federica Testa", "personal trainer", "FitLab",
     "Allenamento funzionale e preparazione atletica",
     "Fisioterapisti e nutrizionisti", "Sportivi e runner", 2),
    (27, "Oliver Smith", "physio", "Smith Physio",
     "Sports injuries and rehab",
     "Personal trainers and gyms", "Athletes and runners", 3),
    (28, "Giada Marchetti", "nutrizionista", "",
     "Piani alimentari per sportivi",
     "Personal trainer e palestre", "Sportivi", 2),
    (29, "Lorenzo Barbieri", "consulente finanziario", "Barbieri Wealth",
     "Pianificazione finanziaria e previdenza",
     "Commercialisti e notai", "Famiglie e imprenditori", 2),
    (30, "Irene De Luca", "broker assicurativo", "De Luca Broker",
     "Polizze aziendali e RC professionale",
     "Commercialisti e consulenti del lavoro", "PMI", 2),
    (31, "Simone Caruso", "consulente del lavoro", "Studio Caruso",
     "Buste paga e contratti di lavoro",
     "Aziende in crescita e consulenti HR", "PMI", 2),
    (32, "Rachel Adams", "Recruitment consultant", "Adams Talent",
     "Executive search for manufacturing firms",
     "HR directors at manufacturers", "Manufacturers", 2),
    (33, "Nicola Ferrara", "meccanico", "Autofficina Ferrara",
     "Tagliandi e riparazioni",
     "Carrozzerie e gommisti", "Automobilisti", 2),
    (34, "Gianni Serra", "carrozziere", "Carrozzeria Serra",
     "Riparazione danni da incidente",
     "Meccanici e agenti assicurativi", "Automobilisti", 2),
    (35, "Hannah Lee", "Beautician", "Glow Beauty",
     "Facials and bridal makeup",
     "Wedding planners and bridal shops", "Brides", 2),
    (36, "Alessia Pellegrini", "parrucchiera", "Salone Alessia",
     "Acconciature sposa",
     "Atelier sposa e truccatrici", "Spose", 1),
    (37, "Fabio Sala", "Villa per eventi", "Villa Sala",
     "Villa storica per matrimoni ed eventi aziendali",
     "Wedding planner e catering", "Sposi", 3),
    (38, "Carlo Rinaldi", "consulente fiscale", "Studio Colombo",
     "Dichiarazioni dei redditi e pianificazione fiscale",
     "Avvocati e notai", "PMI", 3),
    (39, "Marco Longo", "avvocato giuslavorista", "Ricci & Partners Studio Legale",
     "Contenzioso e consulenza sul lavoro",
     "Consulenti del lavoro e commercialisti", "Aziende", 3),
    (40, "Ilaria Fabbri", "traduttrice", "",
     "Traduzioni tecniche inglese e tedesco",
     "Aziende che esportano e consulenti export", "Aziende che esportano", 2),
    (41, "Kevin O'Brien", "export manager", "Global Reach",
     "Temporary export management for manufacturers",
     "Translators and freight forwarders", "Manufacturers", 2),
    (42, "Roberta Mancini", "spedizioniere", "Mancini Logistica",
     "Spedizioni internazionali e pratiche doganali",
     "Export manager e aziende manifatturiere", "Aziende che esportano", 2),
    (43, "Tommaso Vitale", "veterinario", "Clinica Vitale",
     "Visite e chirurgia per cani e gatti",
     "Toelettatori e pet sitter", "Proprietari di cani e gatti", 2),
    (44, "Laura Fumagalli", "toelettatura cani", "Bau Bau",
     "Toelettatura e bagni",
     "Veterinari", "Proprietari di cani", 2),
    (45, "Enrico Pace", "commercialista", "Pace & Associati",
     "Bilanci e dichiarazioni per società",
     "Avvocati d'affari e notai", "PMI", 3),
    (46, "Nadia Fiore", "", "",
     "Just met at a conference", "", "", 0),
]  # fmt: skip

# Already introduced, or known to know each other.
KNOWN_PAIRS = [frozenset({1, 3}), frozenset({9, 7}), frozenset({6, 8})]

# Who in the book knows whom (for who_can_introduce).
LINKS = {29: {8}, 31: {15}, 11: {8, 45}, 46: {8}}


def candidate(row: Row) -> Candidate:
    pid, name, profession, company, offers, looks_for, market, rank = row
    match = map_profession(profession)
    return Candidate(
        id=pid,
        name=name,
        profession_id=match.profession_id if match else None,
        sphere_id=match.sphere_id if match else None,
        offers=offers,
        looks_for=looks_for,
        target_market=market,
        stage_rank=rank,
        company=company,
    )


@pytest.fixture(scope="session")
def book() -> list[Candidate]:
    return [candidate(row) for row in BOOK]


@pytest.fixture(scope="session")
def known_pairs() -> list[frozenset[int]]:
    return KNOWN_PAIRS


@pytest.fixture(scope="session")
def links() -> dict[int, set[int]]:
    return LINKS


@pytest.fixture(scope="session")
def index(book: list[Candidate], known_pairs: list[frozenset[int]]) -> MatchIndex:
    return MatchIndex.build(book, known_pairs)


@pytest.fixture(scope="session")
def person(book: list[Candidate]) -> dict[str, int]:
    """Name -> id, so tests read like the networker would say them: first names where
    they are unique in the book ("Anna"), full names always ("Marco Longo")."""
    first = [c.name.split()[0] for c in book]
    names = {c.name: c.id for c in book}
    names.update({f: c.id for f, c in zip(first, book, strict=True) if first.count(f) == 1})
    return names
