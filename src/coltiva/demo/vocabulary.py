"""The words a demo book is written with: names, firms, places, events and phrasings.

Plain data in both shipped languages. Professions are not here: they come from the
taxonomy's synonyms (``coltiva.demo.professions``), the way people write them.
"""

from __future__ import annotations


def _split(text: str) -> tuple[str, ...]:
    return tuple(text.split())


IT_WOMEN = _split(
    "Giulia Francesca Chiara Sara Martina Valentina Federica Elena Alessia Silvia Laura "
    "Paola Anna Maria Giorgia Marta Beatrice Ilaria Elisa Roberta Cristina Simona Monica "
    "Barbara Claudia Serena Veronica Manuela Daniela Stefania Arianna Camilla Noemi Lucia "
    "Caterina Rita Teresa Sofia Aurora Greta Benedetta Ludovica Nicoletta Irene Lorena"
)
IT_MEN = _split(
    "Marco Luca Andrea Matteo Alessandro Davide Francesco Lorenzo Simone Federico Riccardo "
    "Stefano Giuseppe Paolo Roberto Giovanni Antonio Fabio Massimo Daniele Emanuele Michele "
    "Alberto Claudio Enrico Filippo Gabriele Giacomo Nicola Pietro Salvatore Tommaso Vincenzo "
    "Mattia Edoardo Diego Carlo Franco Sergio Mauro Luigi Domenico Raffaele Niccolò Ettore"
)
IT_FAMILY = (
    (
        "Rossi Russo Ferrari Esposito Bianchi Romano Colombo Ricci Marino Greco Bruno Gallo "
        "Conti De\u00a0Luca Mancini Costa Giordano Rizzo Lombardi Moretti Barbieri Fontana "
        "Santoro Mariani Rinaldi Caruso Ferrara Galli Martini Leone Longo Gentile Martinelli "
        "Vitale Lombardo Serra Coppola De\u00a0Santis D'Angelo Marchetti Parisi Villa Conte "
        "Ferraro Ferri Fabbri Bianco Marini Grasso Valentini Messina Sala De\u00a0Angelis Gatti "
        "Pellegrini Palumbo Sanna Farina Rizzi Monti Cattaneo Morelli Amato Silvestri Mazza "
        "Testa Grassi Pellegrino Carbone Giuliani Benedetti Barone Rossetti Caputo Montanari "
        "Guerra Palmieri Bernardi Martino Fiore De\u00a0Rosa Ferretti Bellini Basile Riva "
        "Donati Piras Vitali Battaglia Sartori Neri Costantini Milani Pagano Ruggiero Sorrentino "
        "D'Amico Orlando Damico Negri Mazzoni Zanetti Bassi Cirillo Fumagalli Brambilla Sartor "
        "Nicolò Bertolini Tedesco Zanella Cavalli Guidi Pace Gualtieri Lucchesi Ferrante"
    )
    .replace("\u00a0", "_")
    .split()
)
EN_WOMEN = _split(
    "Olivia Emily Sophie Charlotte Amelia Jessica Lucy Hannah Grace Chloe Emma Isabella "
    "Ella Megan Rachel Laura Sarah Helen Claire Rebecca Victoria Katherine Alice Harriet "
    "Eleanor Abigail Zoe Natalie Fiona Imogen"
)
EN_MEN = _split(
    "James Oliver Jack Harry George Thomas William Charlie Daniel Samuel Joseph Henry "
    "Matthew Edward Benjamin Alexander David Michael Robert Andrew Richard Christopher "
    "Peter Simon Mark Paul Tom Luke Adam Owen"
)
EN_FAMILY = _split(
    "Smith Jones Williams Taylor Brown Davies Evans Wilson Thomas Johnson Roberts Robinson "
    "Thompson Wright Walker White Edwards Hughes Green Hall Lewis Harris Clarke Patel "
    "Jackson Wood Turner Martin Cooper Hill Ward Morris Moore Clark Lee King Baker Harrison "
    "Morgan Allen James Scott Phillips Watson Davis Parker Price Bennett Young Griffiths "
    "Mitchell Kelly Cook Carter Richardson Bailey Collins Bell Shaw Murphy Miller Cox "
    "Richards Khan Marshall Anderson Simpson Ellis Adams Singh Begum Wilkinson Foster "
    "Chapman Powell Webb Rogers Gray Mason Ali Hunt Hussain Campbell Matthews Owen Palmer"
)

# Firms are written as people write them, legal forms and all, so colleagues are found
# however each spelt it.
IT_FIRM_FRAMES = (
    "Studio {family}",
    "{family} & Associati",
    "{family} S.r.l.",
    "{family} Consulting",
    "Gruppo {family}",
    "{family} Servizi srl",
    "{word} {family}",
    "{word} S.p.A.",
    "{word} Lab",
)
EN_FIRM_FRAMES = (
    "{family} & Co",
    "{family} Partners",
    "{family} Ltd",
    "{word} Group",
    "{word} Solutions Ltd",
    "{family} {word}",
)
FIRM_WORDS = _split(
    "Alfa Nova Aurora Vela Orizzonte Meridiana Arca Delta Quadra Sintesi Tecnica Officina "
    "Bottega Fenice Astra Zenit Primula Olmo Quercia Castello Ponte Porto Borgo Duomo "
    "Northgate Riverside Bluebird Keystone Lighthouse Oakwood Brightside Harbour Summit"
)

JOB_TITLES_IT = ("Titolare", "Socio", "Responsabile commerciale", "Amministratore", "Consulente")
JOB_TITLES_EN = ("Owner", "Partner", "Director", "Head of Sales", "Founder", "Consultant")

CITIES_IT = _split(
    "Milano Torino Roma Bologna Firenze Napoli Verona Brescia Bergamo Padova Genova Parma "
    "Modena Vicenza Treviso Trento Monza Como Varese Pavia Lecco Cremona Bari Palermo"
)
CITIES_EN = _split("London Manchester Bristol Leeds Oxford Cambridge Brighton Edinburgh")

# Markets as a networker names the clients they serve, beyond the taxonomy's words.
EXTRA_IT = (
    "preventivi gratuiti",
    "consulenza su misura",
    "dal 2009",
    "lavoro in tutta la regione",
    "servizio chiavi in mano",
    "assistenza anche nel weekend",
)
EXTRA_EN = (
    "free quotes",
    "tailored advice",
    "since 2009",
    "covering the whole region",
    "end-to-end service",
    "weekend appointments available",
)

# Referral power teams serve one niche together: a kind of client in one area. The area
# names are what sets a team apart from every other florist or notary in the book.
NICHE_CLIENTS = (
    ("aziende di famiglia", "family-owned firms"),
    ("nuove attività", "new businesses"),
    ("imprese del territorio", "local firms"),
    ("famiglie", "families"),
    ("PMI", "small firms"),
    ("expat", "expats"),
    ("condomini", "apartment blocks"),
    ("vetrerie", "glassworks"),
    ("frantoi", "olive mills"),
    ("birrifici artigianali", "craft breweries"),
    ("maneggi", "riding stables"),
    ("porticcioli", "marinas"),
    ("torrefazioni", "coffee roasters"),
    ("professionisti", "self-employed professionals"),
    ("esportatori", "exporters"),
    ("giovani coppie", "young couples"),
    ("pensionati", "retirees"),
)
NICHE_PLACES = _split(
    "Franciacorta Valpolicella Langhe Brianza Chianti Valtellina Cadore Monferrato Cilento "
    "Salento Maremma Lomellina Canavese Oltrepo Versilia Lunigiana Mugello Casentino "
    "Irpinia Sannio Murge Barbagia Gallura Ogliastra Valsugana Cotswolds Surrey Kent Devon "
    "Cornwall Yorkshire Cheshire Norfolk Suffolk Dorset Cumbria Northumberland Somerset "
    "Wiltshire Valdarno Roero Bassano Asolo Vigevano Biella Ossola Valsesia Garfagnana "
    "Montefeltro Valdichiana Ciociaria Cusio Verbano Tigullio Valdobbiadene Conegliano "
    "Gargano Vulture Sila Aspromonte Madonie Iblei Etna Pollino Matese Majella Sibillini "
    "Polesine Lessinia Euganei Berici Carnia Collio Trentino Anaunia Vinschgau Pusteria"
)

EVENT_FRAMES_IT = (
    "Colazione di networking {city}",
    "Aperitivo Confcommercio {city}",
    "Capitolo BNI {chapter}: visitatori",
    "Fiera {trade} {city}",
    "Rotary {city}: serata",
    "Convegno imprese {city}",
    "Camera di Commercio {city}: incontro B2B",
)
EVENT_FRAMES_EN = (
    "Breakfast networking {city}",
    "Chamber mixer {city}",
    "Business show {city}",
    "Startup meetup {city}",
    "Alumni evening {city}",
)
CHAPTERS = _split("Aquila Leonardo Vittoria Duomo Navigli Colosseo Arena Mole Vesuvio Etna")
FAIR_TRADES = ("Sposi", "Casa", "Edilizia", "Franchising", "Digitale", "Benessere")

NOTES_IT = (
    "Parlato dei suoi obiettivi per l'anno",
    "Interessato a conoscere il mio gruppo",
    "Mi ha raccontato del nuovo progetto",
    "Da risentire dopo l'estate",
    "Cerca clienti nel settore alberghiero",
    "Ottimo caffè, persona molto disponibile",
    "Gli ho promesso una presentazione",
)
NOTES_EN = (
    "Talked about her goals for the year",
    "Keen to visit our chapter",
    "Told me about the new project",
    "Catch up again after the summer",
    "Looking for clients in hospitality",
    "Great coffee, very generous with contacts",
    "Promised an introduction",
)
TAGS = ("BNI", "Rotary", "ex colleghi", "clienti", "fornitori", "università", "alumni", "vicini")

PROSPECTS_IT = (
    "Una coppia che si sposa a giugno",
    "Un'azienda che apre una nuova sede",
    "Un amico che ristruttura casa",
    "Il titolare di un ristorante in centro",
    "Una famiglia che cerca casa",
)
PROSPECTS_EN = (
    "A couple getting married in June",
    "A firm opening a new office",
    "A friend renovating his house",
    "The owner of a restaurant in town",
    "A family looking for a home",
)
INTRODUCTION_WHY_IT = "Lavorano con gli stessi clienti: possono aiutarsi a vicenda."
INTRODUCTION_WHY_EN = "They serve the same clients and could refer each other."
