"""The people a matcher works on, as plain values, and what identifies their trade and firm."""

from __future__ import annotations

from dataclasses import dataclass

from coltiva.domain.professions import normalise, taxonomy


@dataclass(frozen=True)
class Candidate:
    id: int
    name: str
    profession_id: str | None
    sphere_id: str | None
    offers: str
    looks_for: str
    target_market: str
    stage_rank: int  # 0 none, 1 visibility, 2 credibility, 3 profitability
    company: str
    networks: str = ""  # groups, clubs and associations they belong to, as written


def sphere_of(c: Candidate) -> str | None:
    """The contact sphere given, else the one of their profession (None when unknown)."""
    if c.sphere_id is not None:
        return c.sphere_id
    profession = taxonomy().professions.get(c.profession_id or "")
    return None if profession is None else profession.sphere


_LEGAL_FORMS = frozenset(
    ["srl", "srls", "spa", "snc", "sas", "sapa", "ltd", "limited", "inc", "llc"]
)


def company_key(company: str) -> str:
    """A company name without case, accents or legal form: "Greco Valvole S.p.A." ->
    "greco valvole", so colleagues are found however each wrote it."""
    kept = [w for w in normalise(company).split() if len(w) > 1 and w not in _LEGAL_FORMS]
    return " ".join(kept)
