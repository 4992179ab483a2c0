"""The CSV layouts of LinkedIn, Google Contacts, Outlook and Thunderbird.

Columns are found by name, never by position: every layout exists in variants (repeated
"N" groups, dropped columns, translated headers). The headers each layout reads are
listed in docs/formats.md.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from coltiva.interchange.csv_common import (
    ColumnTarget,
    CsvSource,
    Plan,
    Profile,
    iter_records,
    normalise_header,
    plan_from_names,
)
from coltiva.interchange.dates import DateOrder
from coltiva.interchange.records import Item, Limits

T = ColumnTarget

LINKEDIN_COLUMNS = {
    "first name": T("given_name"),
    "last name": T("family_name"),
    "url": T("linkedin"),
    "email address": T("email"),
    "company": T("company"),
    "position": T("job_title"),
    "connected on": T("connected_on"),
    # German UI (reported only by third-party fixtures).
    "vorname": T("given_name"),
    "nachname": T("family_name"),
    "e-mail-adresse": T("email"),
    "unternehmen": T("company"),
    "verbunden am": T("connected_on"),
}

GOOGLE_COLUMNS = {
    "first name": T("given_name"),
    "middle name": T("middle_name"),
    "last name": T("family_name"),
    "organization name": T("company"),
    "organization title": T("job_title"),
    "birthday": T("birthday"),
    "notes": T("notes"),
    "labels": T("tags"),
    "photo": T("photo_url"),
    # Legacy layout (before about 2020).
    "name": T("display_name"),
    "given name": T("given_name"),
    "additional name": T("middle_name"),
    "family name": T("family_name"),
    "organization 1 - name": T("company"),
    "organization 1 - title": T("job_title"),
    "group membership": T("tags"),
}
_GOOGLE_GROUP = re.compile(r"(e-mail|phone|website|address) (\d+) - (value|city|country)")
_GOOGLE_FIELDS = {"e-mail": "email", "phone": "phone", "website": "url"}

# English, German and French Outlook headers; earlier entries win for single fields, so
# the business address and phone come before the home ones.
OUTLOOK_COLUMNS = {
    "first name": T("given_name"),
    "middle name": T("middle_name"),
    "last name": T("family_name"),
    "company": T("company"),
    "job title": T("job_title"),
    "e-mail address": T("email"),
    "e-mail 2 address": T("email"),
    "e-mail 3 address": T("email"),
    "mobile phone": T("phone", "mobile"),
    "business phone": T("phone", "work"),
    "business phone 2": T("phone", "work"),
    "company main phone": T("phone", "work"),
    "primary phone": T("phone", "main"),
    "home phone": T("phone", "home"),
    "home phone 2": T("phone", "home"),
    "other phone": T("phone", "other"),
    "car phone": T("phone", "car"),
    "pager": T("phone", "pager"),
    "assistant's phone": T("phone", "assistant"),
    "business fax": T("phone", "work fax"),
    "home fax": T("phone", "home fax"),
    "business city": T("city"),
    "home city": T("city"),
    "other city": T("city"),
    "business country/region": T("country"),
    "business country": T("country"),
    "home country/region": T("country"),
    "home country": T("country"),
    "other country/region": T("country"),
    "web page": T("url"),
    "personal web page": T("url", "home"),
    "birthday": T("birthday"),
    "notes": T("notes"),
    "categories": T("tags"),
    # German
    "vorname": T("given_name"),
    "weitere vornamen": T("middle_name"),
    "nachname": T("family_name"),
    "firma": T("company"),
    "position": T("job_title"),
    "e-mail-adresse": T("email"),
    "e-mail 2: adresse": T("email"),
    "e-mail 3: adresse": T("email"),
    "mobiltelefon": T("phone", "mobile"),
    "telefon geschäftlich": T("phone", "work"),
    "telefon geschäftlich 2": T("phone", "work"),
    "haupttelefon": T("phone", "main"),
    "telefon privat": T("phone", "home"),
    "weiteres telefon": T("phone", "other"),
    "fax geschäftlich": T("phone", "work fax"),
    "ort geschäftlich": T("city"),
    "ort privat": T("city"),
    "land/region geschäftlich": T("country"),
    "land geschäftlich": T("country"),
    "land/region privat": T("country"),
    "land privat": T("country"),
    "webseite": T("url"),
    "geburtstag": T("birthday"),
    "notizen": T("notes"),
    "kategorien": T("tags"),
    # French
    "prénom": T("given_name"),
    "deuxième prénom": T("middle_name"),
    "nom": T("family_name"),
    "société": T("company"),
    "profession": T("job_title"),
    "adresse de messagerie": T("email"),
    "adresse de messagerie 2": T("email"),
    "adresse de messagerie 3": T("email"),
    "tél. mobile": T("phone", "mobile"),
    "téléphone (bureau)": T("phone", "work"),
    "téléphone principal": T("phone", "main"),
    "téléphone (domicile)": T("phone", "home"),
    "téléphone (autre)": T("phone", "other"),
    "télécopie (bureau)": T("phone", "work fax"),
    "ville (bureau)": T("city"),
    "ville (domicile)": T("city"),
    "pays/région (bureau)": T("country"),
    "pays/région (domicile)": T("country"),
    "page web": T("url"),
    "anniversaire": T("birthday"),
    "catégories": T("tags"),
}
_OUTLOOK_US_HEADERS = frozenset({"first name", "last name", "company", "e-mail address"})

THUNDERBIRD_COLUMNS = {
    "first name": T("given_name"),
    "last name": T("family_name"),
    "display name": T("display_name"),
    "primary email": T("email"),
    "secondary email": T("email"),
    "mobile number": T("phone", "mobile"),
    "work phone": T("phone", "work"),
    "home phone": T("phone", "home"),
    "fax number": T("phone", "fax"),
    "pager number": T("phone", "pager"),
    "job title": T("job_title"),
    "organization": T("company"),
    "work city": T("city"),
    "home city": T("city"),
    "work country": T("country"),
    "home country": T("country"),
    "web page 1": T("url"),
    "web page 2": T("url"),
    "birth year": T("birth_year"),
    "birth month": T("birth_month"),
    "birth day": T("birth_day"),
    "notes": T("notes"),
    # German
    "anzeigename": T("display_name"),
    "primäre e-mail-adresse": T("email"),
    "sekundäre e-mail-adresse": T("email"),
    "mobil-tel.-nr.": T("phone", "mobile"),
    "tel. dienstlich": T("phone", "work"),
    "organisation": T("company"),
}


def is_linkedin(cells: list[str]) -> bool:
    names = set(cells)
    english = {"first name", "last name"} <= names and bool(names & {"connected on", "position"})
    return english or {"vorname", "nachname", "verbunden am"} <= names


def is_google(cells: list[str]) -> bool:
    names = set(cells)
    current = {"first name", "last name"} <= names and bool(
        names & {"labels", "e-mail 1 - label", "phone 1 - label", "organization name", "file as"}
    )
    legacy = {"given name", "family name"} <= names and bool(
        names & {"group membership", "e-mail 1 - type"}
    )
    return current or legacy


def is_outlook(cells: list[str]) -> bool:
    names = set(cells)
    english = bool(names & {"e-mail address", "e-mail 2 address", "e-mail display name"}) and bool(
        names & {"first name", "last name", "company"}
    )
    german = "vorname" in names and bool(
        names & {"e-mail-adresse", "firma", "telefon geschäftlich"}
    )
    french = "prénom" in names and bool(names & {"adresse de messagerie", "société"})
    return english or german or french


def is_thunderbird(cells: list[str]) -> bool:
    names = set(cells)
    english = "primary email" in names and bool(names & {"display name", "first name"})
    return english or ("primäre e-mail-adresse" in names and "anzeigename" in names)


@dataclass(frozen=True)
class CsvLayout:
    title: str
    is_header: Callable[[list[str]], bool]
    plan: Callable[[list[str]], Plan]
    profile: Callable[[list[str]], Profile]


def _google_plan(header: list[str]) -> Plan:
    plan = plan_from_names(header, GOOGLE_COLUMNS)
    names = [normalise_header(cell) for cell in header]
    for index, name in enumerate(names):
        match = _GOOGLE_GROUP.fullmatch(name)
        if match is None:
            continue
        kind, number, part = match.groups()
        if kind == "address":
            plan.append((index, T("city" if part == "city" else "country")))
        elif part == "value":
            label_column = _find(names, f"{kind} {number} - label", f"{kind} {number} - type")
            plan.append((index, T(_GOOGLE_FIELDS[kind], label_column=label_column)))
    return plan


def _find(names: list[str], *candidates: str) -> int | None:
    return next((names.index(c) for c in candidates if c in names), None)


def _outlook_profile(header: list[str]) -> Profile:
    # US Outlook writes M/D/YYYY; translated builds write the day first.
    names = {normalise_header(cell) for cell in header}
    order: DateOrder = "mdy" if names & _OUTLOOK_US_HEADERS else "dmy"
    return Profile("outlook", date_order=order, tag_separators=";")


LAYOUTS = {
    "linkedin": CsvLayout(
        "LinkedIn",
        is_linkedin,
        lambda header: plan_from_names(header, LINKEDIN_COLUMNS),
        lambda header: Profile("linkedin", date_order="mdy"),
    ),
    "google": CsvLayout(
        "Google Contacts",
        is_google,
        _google_plan,
        lambda header: Profile("google", date_order="mdy", multi_value_separator=" ::: "),
    ),
    "outlook": CsvLayout(
        "Outlook",
        is_outlook,
        lambda header: plan_from_names(header, OUTLOOK_COLUMNS),
        _outlook_profile,
    ),
    "thunderbird": CsvLayout(
        "Thunderbird",
        is_thunderbird,
        lambda header: plan_from_names(header, THUNDERBIRD_COLUMNS),
        lambda header: Profile("thunderbird"),
    ),
}


def read_layout(
    data: bytes, fmt: str, limits: Limits, encoding: str | None = None
) -> Iterator[Item]:
    """Find the header now (so a wrong format fails before iteration) and stream rows.

    Rows naming the same LinkedIn profile twice are both returned: telling them apart
    needs the whole file in memory, and the import service matches profiles anyway.
    """
    layout = LAYOUTS[fmt]
    source = CsvSource.open(data, encoding)
    _, header = source.find_header(layout.is_header, fmt)
    return iter_records(source, layout.plan(header), layout.profile(header), limits)
