"""The concrete match in a credibility-stage next step.

"Give first" and "give a referral" are the steps where an introduction is the gift; the
VCP engine stores the step, and this names whom to introduce the person to, in the
step's params (``match``: name, what the person looks for when the match fits it, what
the match offers), which ``coltiva.domain.texts`` turns into "Introduce Anna, who looks
for HR managers in manufacturing, to Paolo."
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from coltiva.accounts.models import User
from coltiva.domain.match_texts import quote
from coltiva.domain.matching import Suggestion
from coltiva.domain.vcp import NextStepCode
from coltiva.network import conf, hooks
from coltiva.network.book import Book, book_for
from coltiva.people.models import Person, Relationship

MATCH_STEPS = (NextStepCode.GIVE_FIRST.value, NextStepCode.GIVE_REFERRAL.value)


def qualifies(next_step: str, stage_rank: int) -> bool:
    """Only where the user can vouch for the person: credibility by default."""
    return next_step in MATCH_STEPS and stage_rank >= conf.vouch_min_rank()


def match_params(book: Book, suggestion: Suggestion, person_id: int) -> dict[str, str]:
    other_id = suggestion.b if suggestion.a == person_id else suggestion.a
    person, other = book.people[person_id], book.people[other_id]
    # "who looks for ..." only when it is this person's wish the match answers.
    fits_wish = suggestion.reason_code == "mutual" or (
        suggestion.reason_code == "looks_for"
        and suggestion.reason_params.get("looker") == person.name
    )
    return {
        "name": other.name,
        "person_id": str(other.id),
        "looks_for": quote(person.looks_for) if fits_wish else "",
        "offers": "" if fits_wish else quote(other.offers),
    }


def best_match(book: Book, person_id: int) -> dict[str, str] | None:
    found = book.index.suggest_for(person_id, min_vouch_rank=conf.vouch_min_rank(), limit=1)
    return match_params(book, found[0], person_id) if found else None


def attach_matches(
    user: User, person_ids: Iterable[int] | None = None, *, inline: bool | None = None
) -> int:
    """Store the best match in every qualifying next step; return how many changed.

    A book larger than ``conf.inline_max()`` is left to the introductions task unless
    ``inline`` says otherwise: the daily refresh may run inside someone's first request.
    """
    if inline is None:
        inline = Person.objects.alive().filter(owner=user).count() <= conf.inline_max()
    if not inline:
        hooks.refresh_wanted.send(sender=Book, user=user)
        return 0
    rels = Relationship.objects.filter(
        owner=user,
        next_step__in=MATCH_STEPS,
        stage_rank__gte=conf.vouch_min_rank(),
        person__deleted_at__isnull=True,
    ).only("person_id", "next_step_params")
    if person_ids is not None:
        rels = rels.filter(person_id__in=list(person_ids))
    rows = list(rels)
    if not rows:
        return 0
    book = book_for(user, fresh=True)
    changed = [rel for rel in rows if _set_match(rel, best_match(book, rel.person_id))]
    Relationship.objects.bulk_update(changed, ["next_step_params"], batch_size=500)
    return len(changed)


def _set_match(rel: Relationship, match: dict[str, str] | None) -> bool:
    params: dict[str, Any] = dict(rel.next_step_params or {})
    if params.get("match") == match or (match is None and "match" not in params):
        return False
    if match is None:
        params.pop("match")
    else:
        params["match"] = match
    rel.next_step_params = params
    return True
