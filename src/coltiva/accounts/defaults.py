"""A new account's time zone and phone region, guessed from what the browser tells us.

The browser's time zone comes from ``Intl.DateTimeFormat`` (a hidden sign-up field filled
by coltiva.js); the phone region from the region in Accept-Language (``en-US`` -> US).
Either can be changed in the profile.
"""

from __future__ import annotations

import zoneinfo

import phonenumbers
from babel.core import get_global
from django.utils.translation.trans_real import parse_accept_lang_header

from coltiva.accounts.models import User

_ZONES = zoneinfo.available_timezones()


def _field_default(name: str) -> str:
    return str(User._meta.get_field(name).get_default())


def _supported(region: str | None) -> str | None:
    region = (region or "").upper()
    return region if region in phonenumbers.SUPPORTED_REGIONS else None


def phone_region(accept_language: str, time_zone: str = "") -> str:
    """The region of Accept-Language (``en-US``); else the time zone's country; else the
    likely region of the language (``it`` -> IT); else the model's default."""
    tags = [tag for tag, _q in parse_accept_lang_header(accept_language or "")]
    for tag in tags:
        if "-" in tag and (region := _supported(tag.split("-")[-1])):
            return region
    if region := _supported(get_global("zone_territories").get(time_zone)):
        return region
    likely = get_global("likely_subtags")
    for tag in tags:
        if region := _supported(likely.get(tag.lower(), "").split("_")[-1]):
            return region
    return _field_default("phone_region")


def time_zone(browser_zone: str, region: str) -> str:
    """The browser's zone when it is a real one; else the region's zone when it has only
    one (GB, IT); else the model's default."""
    if browser_zone in _ZONES:
        return browser_zone
    zones = get_global("territory_zones").get(region, [])
    if len(zones) == 1 and zones[0] in _ZONES:
        return str(zones[0])
    return _field_default("time_zone")
