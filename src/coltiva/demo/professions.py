"""Professions as people write them, drawn from the taxonomy's synonyms.

A demo person never carries a taxonomy label verbatim ("Notary", "Notaio"): labels are
what the matcher maps onto, so a book written in them would flatter it. Only synonyms
the product itself maps back to their profession are used, so the planted pairs measure
matching and not the mapping of odd spellings (mapping has its own tests).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Literal

from coltiva.domain.professions import (
    MIN_CONFIDENCE,
    load_raw,
    map_profession,
    normalise,
    taxonomy,
)

Language = Literal["en", "it"]
LANGUAGES: tuple[Language, Language] = ("en", "it")
# Below this the product leaves a profession unmapped (as the network app does).


@dataclass(frozen=True)
class Trade:
    id: str
    sphere: str
    broader: str | None
    serves: tuple[str, ...]
    words: dict[Language, tuple[str, ...]]  # language -> free-text ways of writing it

    def written(self, language: Language, pick: int) -> str:
        """One way of writing the trade, in ``language`` when the taxonomy has one."""
        options = self.words.get(language) or self.words["en"] or self.words["it"]
        return options[pick % len(options)]


@cache
def trades() -> tuple[Trade, ...]:
    """Every profession with at least one usable synonym, sorted by id (reproducible)."""
    found = []
    for raw in sorted(load_raw()["professions"], key=lambda p: p["id"]):
        labels = {normalise(raw["en"]), normalise(raw["it"])}
        words = {
            lang: tuple(
                s for s in raw["synonyms"][lang] if normalise(s) not in labels and _maps(s, raw)
            )
            for lang in LANGUAGES
        }
        if words["en"] or words["it"]:
            serves = tuple(raw.get("serves", ()))
            found.append(Trade(raw["id"], raw["sphere"], raw.get("broader"), serves, words))
    return tuple(found)


def _maps(text: str, raw: dict[str, object]) -> bool:
    match = map_profession(text)
    return (
        match is not None
        and match.profession_id == raw["id"]
        and match.confidence >= MIN_CONFIDENCE
    )


@cache
def trades_by_sphere() -> dict[str, tuple[Trade, ...]]:
    grouped: dict[str, list[Trade]] = {}
    for trade in trades():
        grouped.setdefault(trade.sphere, []).append(trade)
    return {sphere: tuple(items) for sphere, items in sorted(grouped.items())}


@cache
def related_spheres(sphere: str) -> tuple[str, ...]:
    """The sphere itself and those it feeds or is fed by: where referrals come from."""
    tax = taxonomy()
    related = {sphere} | tax.feeds(sphere) | tax.fed_by(sphere)
    return tuple(sorted(s for s in related if s in trades_by_sphere()))


@cache
def market_words() -> dict[str, dict[str, tuple[str, ...]]]:
    """Market id -> language -> the ways people name those clients."""
    return {
        m["id"]: {lang: tuple(m["keywords"][lang]) for lang in LANGUAGES}
        for m in load_raw()["markets"]
    }


def is_label(text: str) -> bool:
    """True when ``text`` is one of the taxonomy's own labels (never written by the demo)."""
    folded = normalise(text)
    return any(
        folded in (normalise(p.en), normalise(p.it)) for p in taxonomy().professions.values()
    )
