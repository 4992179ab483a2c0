"""Cleaning e-mails, phones, links and their labels as exports write them."""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import unquote

import phonenumbers

_EMAIL = re.compile(r"[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+")
_DIGIT = re.compile(r"\d")
_TEL_EXTENSION = re.compile(r";ext=([0-9]+)", re.IGNORECASE)
_APPLE_LABEL = re.compile(r"_\$!<(.*)>!\$_")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
# Scheme optional, any subdomain (www, it, de...), an optional port; query and fragment
# dropped. Matched by hand because urlsplit is the slowest step of a LinkedIn import.
_LINKEDIN_PROFILE = re.compile(
    r"(?:https?://)?(?:[a-z0-9-]+\.)*linkedin\.com(?::\d+)?(/(?:in|pub)/[^?#]*)(?:[?#].*)?",
    re.IGNORECASE,
)

# vCard TYPE values that say nothing a person would call a label.
_NOISE_TYPES = frozenset(
    {"internet", "pref", "voice", "x400", "x509", "msg", "jpeg", "png", "gif", "uri", "text"}
)
_TYPE_WORDS = {"cell": "mobile", "iphone": "mobile", "main": "main", "fax": "fax"}


def clean_email(raw: str) -> str | None:
    value = raw.strip()
    if value[:7].casefold() == "mailto:":
        value = value[7:]
    return value if _EMAIL.fullmatch(value) else None


def clean_phone(raw: str) -> str | None:
    """The number as written (formatting kept for people), or None without any digit."""
    value = raw.strip()
    if value[:4].casefold() == "tel:":
        value = _TEL_EXTENSION.sub(r" ext. \1", value[4:])
        value = value.split(";", 1)[0] if ";" in value else value
    value = " ".join(value.split())
    return value if _DIGIT.search(value) else None


def clean_url(raw: str) -> str | None:
    value = raw.strip()
    if not value or any(ch.isspace() for ch in value):
        return None
    return value


def normalise_linkedin_url(raw: str) -> str | None:
    """``https://www.linkedin.com/in/<slug>`` for any LinkedIn profile link, else None.

    Country hosts, ``http``, a missing scheme, query strings, trailing slashes,
    percent-encoding and letter case all vary between exports of the same profile.
    """
    match = _LINKEDIN_PROFILE.fullmatch(raw.strip())
    if match is None:
        return None
    path = match.group(1)
    path = unquote(path) if "%" in path else path
    return "https://www.linkedin.com" + path.rstrip("/").casefold()


def normalise_phone(raw: str, region: str | None) -> str | None:
    """E.164 form (``+390212345``) when the number is possible in ``region``, else None."""
    try:
        number = phonenumbers.parse(raw, (region or "").upper() or None)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_possible_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def label_from_types(types: Iterable[str]) -> str:
    """The label for ``TYPE=WORK,FAX,VOICE`` is "work fax"; "" when only noise is given."""
    words: list[str] = []
    for raw in types:
        word = raw.strip().casefold()
        if not word or word in _NOISE_TYPES:
            continue
        word = _TYPE_WORDS.get(word, word)
        if word not in words:
            words.append(word)
    return " ".join(words)


def apple_label(raw: str) -> str:
    """``_$!<HomePage>!$_`` -> "home page"; custom labels are kept as written."""
    match = _APPLE_LABEL.fullmatch(raw.strip())
    if match is None:
        return raw.strip()
    return _CAMEL.sub(" ", match.group(1)).casefold()
