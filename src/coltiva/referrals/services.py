"""Use cases for referrals and introductions. Each logs the touches the method counts."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db import transaction

from coltiva.accounts.models import User
from coltiva.people.models import Person
from coltiva.people.services import delete_touch, log_touch
from coltiva.referrals.models import Introduction, Referral


@transaction.atomic
def record_referral(
    owner: User,
    *,
    direction: str,
    person: Person,
    on: date,
    prospect: Person | None = None,
    prospect_description: str = "",
    warmth: int = 3,
    status: str = "given",
    note: str = "",
) -> Referral:
    """Record a referral and log ``referral_given`` or ``referral_received`` with it."""
    kind = "referral_given" if direction == Referral.GIVEN else "referral_received"
    touch = log_touch(person, kind=kind, on=on, note=note)
    referral = Referral(
        owner=owner,
        direction=direction,
        person=person,
        on=on,
        prospect=prospect,
        prospect_description=prospect_description,
        warmth=warmth,
        status=status,
        note=note,
        touch=touch,
    )
    referral.full_clean(exclude=["owner", "touch", "closed_touch"])
    referral.save()
    return referral


@transaction.atomic
def update_referral_status(
    referral: Referral, *, status: str, value: Decimal | None = None, on: date | None = None
) -> Referral:
    """Change the status; a referral won with a value logs the business closed.

    Business is credited to whoever gave the referral: one I gave closes business for
    them, one I received closes business for me.
    """
    referral.status = status
    if value is not None:
        referral.value = value
    referral.full_clean(exclude=["owner", "touch", "closed_touch"])
    person = referral.person
    today = person.owner.local_today()
    if status == "won" and referral.closed_touch_id is None:
        direction = "for_them" if referral.direction == Referral.GIVEN else "for_me"
        referral.closed_touch = log_touch(
            person,
            kind="business_closed",
            on=on or today,
            direction=direction,
            value=referral.value,
        )
    elif referral.closed_touch_id and referral.closed_touch is not None:
        if status != "won":
            delete_touch(referral.closed_touch)
            referral.closed_touch = None
        elif value is not None:
            referral.closed_touch.value = value
            referral.closed_touch.save(update_fields=["value"])
    referral.save()
    return referral


@transaction.atomic
def thank_for_referral(referral: Referral, note: str = "") -> Referral:
    """Log ``thanked`` for a referral received (the method: always say thank you)."""
    if referral.thanked_touch_id:
        return referral
    person = referral.person
    referral.thanked_touch = log_touch(
        person, kind="thanked", on=person.owner.local_today(), note=note
    )
    referral.save(update_fields=["thanked_touch", "updated_at"])
    return referral


@transaction.atomic
def record_introduction(
    owner: User, *, person_a: Person, person_b: Person, on: date, why: str = ""
) -> Introduction:
    """Record an introduction: an ``introduced`` touch on both relationships."""
    intro = Introduction(owner=owner, person_a=person_a, person_b=person_b, on=on, why=why)
    intro.full_clean(exclude=["owner"])
    intro.touch_a = log_touch(person_a, kind="introduced", on=on, note=why)
    intro.touch_b = log_touch(person_b, kind="introduced", on=on, note=why)
    intro.save()
    return intro


@transaction.atomic
def undo_introduction(intro: Introduction) -> None:
    """Remove an introduction and the two touches it logged, and nothing else."""
    touches = [t for t in (intro.touch_a, intro.touch_b) if t is not None]
    intro.delete()
    for touch in touches:
        delete_touch(touch)


def set_introduction_outcome(intro: Introduction, outcome: str, note: str = "") -> Introduction:
    intro.outcome = outcome
    intro.outcome_note = note
    intro.full_clean(exclude=["owner"])
    intro.save(update_fields=["outcome", "outcome_note"])
    return intro
