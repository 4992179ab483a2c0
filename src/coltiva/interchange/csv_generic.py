"""Any other CSV: a preview with a suggested column mapping, then reading by that mapping.

Suggestions come from header names in English and Italian; the user confirms or edits
them before ``read_csv`` runs.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from coltiva.interchange.csv_common import (
    HEADER_SEARCH_ROWS,
    ColumnTarget,
    CsvSource,
    Plan,
    Profile,
    iter_records,
    normalise_header,
    parse_target,
)
from coltiva.interchange.reasons import Reason
from coltiva.interchange.records import DEFAULT_LIMITS, Item, Limits, UnreadableFile

PREVIEW_ROWS = 5

# (field, "word" = the header contains one of the words, "name" = it is one of the names).
# The first rule that matches wins, so specific ones ("linkedin", "email") come before
# words that also occur in them ("name", "web").
_RULES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("linkedin", "word", ("linkedin",)),
    ("email", "word", ("e-mail", "email", "mail", "posta elettronica", "pec")),
    ("phone", "word", ("phone", "telephone", "tel", "telefono", "cellulare", "cell", "mobile")),
    ("phone", "word", ("fax", "pager", "cercapersone")),
    ("given_name", "name", ("first name", "firstname", "given name", "forename", "nome")),
    ("middle_name", "name", ("middle name", "additional name", "secondo nome")),
    ("family_name", "name", ("last name", "lastname", "surname", "family name", "cognome")),
    ("display_name", "name", ("display name", "full name", "name", "nome completo")),
    ("display_name", "name", ("nominativo", "nome e cognome", "contatto")),
    ("company", "name", ("company", "organization", "organisation", "organization name")),
    ("company", "name", ("employer", "azienda", "società", "ditta", "ragione sociale")),
    ("job_title", "name", ("job title", "position", "role", "occupation", "professione")),
    ("job_title", "name", ("ruolo", "qualifica", "posizione", "mansione", "carica")),
    ("city", "word", ("city", "town", "città", "citta", "comune", "località", "localita")),
    ("country", "word", ("country", "paese", "nazione")),
    ("country", "name", ("stato",)),
    ("notes", "name", ("note", "notes", "comment", "comments", "memo", "commenti")),
    ("birthday", "name", ("birthday", "date of birth", "birth date", "birthdate")),
    ("birthday", "name", ("compleanno", "data di nascita")),
    ("connected_on", "name", ("connected on", "collegato il", "data collegamento")),
    ("tags", "name", ("tag", "tags", "label", "labels", "category", "categories", "groups")),
    ("tags", "name", ("group membership", "etichetta", "etichette", "categoria", "categorie")),
    ("tags", "name", ("gruppo", "gruppi")),
    ("url", "word", ("website", "web site", "web page", "homepage", "home page", "url", "sito")),
    ("url", "word", ("blog",)),
    ("photo_url", "name", ("photo", "photo url", "foto")),
)


def _compile(kind: str, words: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(word) for word in words)
    if kind == "word":
        return re.compile(rf".*\b({alternatives})\b.*")
    return re.compile(f"({alternatives})")


_COMPILED = tuple((_compile(kind, words), field) for field, kind, words in _RULES)
_LABEL_WORDS = {
    "home": "home",
    "casa": "home",
    "personal": "home",
    "privato": "home",
    "work": "work",
    "business": "work",
    "office": "work",
    "lavoro": "work",
    "ufficio": "work",
    "mobile": "mobile",
    "cell": "mobile",
    "cellulare": "mobile",
    "fax": "fax",
    "pager": "pager",
    "other": "other",
    "altro": "other",
    "blog": "blog",
}


@dataclass(frozen=True)
class CsvPreview:
    """What the mapping screen shows. ``header_row`` is 1-based; ``suggested_mapping``
    maps header cells to field specs such as "email" or "phone:mobile"."""

    encoding: str
    delimiter: str
    header_row: int
    header: list[str]
    rows: list[list[str]]
    suggested_mapping: dict[str, str]


def sniff_csv(data: bytes, encoding: str | None = None) -> CsvPreview:
    """Delimiter, header, the first rows and a suggested mapping.

    The header is the first of the first lines whose cells map best to contact fields.
    """
    source = CsvSource.open(data, encoding)
    candidates: list[tuple[int, list[str]]] = []
    for number, row in source.rows:
        if isinstance(row, list) and any(cell.strip() for cell in row):
            candidates.append((number, row))
        if len(candidates) >= HEADER_SEARCH_ROWS + PREVIEW_ROWS or number >= 4 * HEADER_SEARCH_ROWS:
            break
    if not candidates:
        raise UnreadableFile(Reason("no_rows"))
    header_index = _header_index(candidates[:HEADER_SEARCH_ROWS])
    header_row, header = candidates[header_index]
    rows = [row for _, row in candidates[header_index + 1 : header_index + 1 + PREVIEW_ROWS]]
    return CsvPreview(
        encoding=source.encoding.codec,
        delimiter=source.delimiter,
        header_row=header_row,
        header=header,
        rows=rows,
        suggested_mapping=suggest_mapping(header),
    )


def _header_index(candidates: list[tuple[int, list[str]]]) -> int:
    scores = [len(suggest_mapping(row)) for _, row in candidates]
    best = max(scores)
    return scores.index(best) if best else 0


def suggest_mapping(header: list[str]) -> dict[str, str]:
    mapping: dict[str, str] = {}
    for cell in header:
        spec = suggest_field(cell)
        if spec is not None and cell not in mapping:
            mapping[cell] = spec
    return mapping


def suggest_field(cell: str) -> str | None:
    name = normalise_header(cell)
    if not name:
        return None
    for pattern, field in _COMPILED:
        if pattern.fullmatch(name):
            return _with_label(field, name)
    return None


def _with_label(field: str, name: str) -> str:
    if field not in ("email", "phone", "url"):
        return field
    words = re.findall(r"[^\W\d_]+", name)
    labels = [_LABEL_WORDS[word] for word in words if word in _LABEL_WORDS]
    label = " ".join(dict.fromkeys(labels))
    return f"{field}:{label}" if label else field


def read_csv(
    data: bytes,
    mapping: Mapping[str, str],
    *,
    limits: Limits = DEFAULT_LIMITS,
    encoding: str | None = None,
    delimiter: str | None = None,
) -> Iterator[Item]:
    """Rows read through ``mapping`` (header cell -> field spec, see ``sniff_csv``).

    The header is the first of the first lines that holds every mapped column.
    """
    targets = {normalise_header(name): parse_target(spec) for name, spec in mapping.items()}
    if not any(target.field != "ignore" for target in targets.values()):
        raise UnreadableFile(Reason("no_column_chosen"))
    source = CsvSource.open(data, encoding, delimiter)
    wanted = set(targets)
    _, header = source.find_header(lambda cells: wanted <= set(cells), "csv")
    plan = _plan(header, targets)
    return iter_records(source, plan, Profile("csv"), limits)


def _plan(header: list[str], targets: dict[str, ColumnTarget]) -> Plan:
    plan: Plan = []
    for index, cell in enumerate(header):
        target = targets.get(normalise_header(cell))
        if target is not None and target.field != "ignore":
            plan.append((index, target))
    return plan
