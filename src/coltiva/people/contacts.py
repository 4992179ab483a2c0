"""Normalised forms of e-mails, phones and links: what duplicates are recognised by."""

from __future__ import annotations

from urllib.parse import unquote, urlsplit

import phonenumbers


def normalize_email(value: str) -> str:
    return value.strip().lower()


def normalize_phone(value: str, region: str) -> str:
    """E.164 when the number parses (with the user's default region), else its digits."""
    try:
        parsed = phonenumbers.parse(value, region.upper() or None)
    except phonenumbers.NumberParseException:
        parsed = None
    if parsed is not None and phonenumbers.is_possible_number(parsed):
        return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
    digits = "".join(ch for ch in value if ch.isdigit() or ch == "+")
    return digits or value.strip()


def is_phone_number(value: str, region: str) -> bool:
    """Whether ``value`` reads as a phone number: with its +country code, or in
    ``region`` when written without one."""
    try:
        parsed = phonenumbers.parse(value, region.upper() or None)
    except phonenumbers.NumberParseException:
        return False
    return phonenumbers.is_possible_number(parsed)


def normalize_url(value: str) -> str:
    """Scheme-less, lower-case host and path without a trailing slash or query.

    ``https://www.linkedin.com/in/anna-rossi/`` and ``linkedin.com/in/Anna-Rossi`` are
    the same profile.
    """
    raw = value.strip()
    if "://" not in raw:
        raw = "https://" + raw
    parts = urlsplit(raw)
    host = parts.netloc.lower().removeprefix("www.")
    path = unquote(parts.path).rstrip("/").lower()
    return f"{host}{path}"


def normalize_contact(kind: str, value: str, region: str) -> str:
    if kind == "email":
        return normalize_email(value)
    if kind == "phone":
        return normalize_phone(value, region)
    return normalize_url(value)
