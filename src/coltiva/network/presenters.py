"""Suggestions and introducers in words, for every entry point (the network pages, the
person page, ``coltiva introductions``): the services in ``suggestions`` return reason
codes and parameters, and each entry point words them here, in the language active when
it calls.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext

from coltiva.domain.match_texts import Reasoned, reason_text
from coltiva.network.suggestions import Pair, Way, language


def reason(item: Reasoned | None) -> str:
    """The one-sentence reason in the active language; "" when there is none."""
    return reason_text(item, gettext, language()) if item is not None else ""


@dataclass(frozen=True)
class ShownPair:
    """A suggested introduction with its reason worded (what templates and the CLI read)."""

    a_id: int
    a_name: str
    b_id: int
    b_name: str
    score: float
    reason: str

    def as_json(self) -> dict[str, object]:
        return {
            "a": {"id": self.a_id, "name": self.a_name},
            "b": {"id": self.b_id, "name": self.b_name},
            "score": self.score,
            "reason": self.reason,
        }


@dataclass(frozen=True)
class ShownWay:
    """Someone who can make an introduction, with the reason worded."""

    person_id: int
    name: str
    stage: str
    score: float
    reason: str


def pairs(found: list[Pair]) -> list[ShownPair]:
    return [ShownPair(p.a_id, p.a_name, p.b_id, p.b_name, p.score, reason(p)) for p in found]


def ways(found: list[Way]) -> list[ShownWay]:
    return [ShownWay(w.person_id, w.name, w.stage, w.score, reason(w)) for w in found]
