"""Use cases that change a book's network: who knows whom, introductions, groups and
invitations. Shared by the web views and the CLI; each logs the touches the method
counts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from coltiva.accounts.models import User
from coltiva.domain.professions import mapped_code, profession_text
from coltiva.edge.labels import label
from coltiva.network import book as books
from coltiva.network.models import Invitation, Link, NetworkingGroup, Seat
from coltiva.people.models import Person
from coltiva.people.services import log_touch
from coltiva.referrals.models import Introduction
from coltiva.referrals.services import (
    record_introduction,
    set_introduction_outcome,
    undo_introduction,
)

# --- Who knows whom ------------------------------------------------------------------------


@dataclass(frozen=True)
class Known:
    """Someone a person knows, as seen from that person's page."""

    person_id: int
    name: str
    kind: str
    link_id: int | None  # None: inferred from a shared company

    @property
    def kind_label(self) -> str:
        return label(dict(Link.KIND_CHOICES), self.kind)


def _check_pair(owner: User, a: Person, b: Person) -> None:
    if a.owner_id != owner.pk or b.owner_id != owner.pk:
        raise ValidationError(_("Choose people of your own book."))
    if a.pk == b.pk:
        raise ValidationError(_("Choose two different people."))


@transaction.atomic
def link(owner: User, person: Person, other: Person, kind: str, note: str = "") -> Link:
    """Record that ``other`` is ``person``'s ``kind``; a second link replaces the first."""
    _check_pair(owner, person, other)
    if kind not in dict(Link.KIND_CHOICES):
        raise ValidationError(_("Choose how they know each other."))
    a, b = sorted((person, other), key=lambda p: p.pk)
    stored_kind = kind if a.pk == person.pk else Link.INVERSE.get(kind, kind)
    row, _created = Link.objects.update_or_create(
        person_a=a, person_b=b, defaults={"owner": owner, "kind": stored_kind, "note": note}
    )
    transaction.on_commit(lambda: books.note_known_pair(owner, a.pk, b.pk, linked=True))
    return row


def unlink(row: Link) -> None:
    row.delete()


def known_by(user: User, person: Person, *, book: books.Book | None = None) -> list[Known]:
    """The people this person knows: links entered first, then colleagues inferred."""
    rows = Link.objects.filter(owner=user, person_a=person) | Link.objects.filter(
        owner=user, person_b=person
    )
    rows = rows.filter(person_a__deleted_at__isnull=True, person_b__deleted_at__isnull=True)
    known = []
    for row in rows.select_related("person_a", "person_b").order_by("id"):
        other = row.person_b if row.person_a_id == person.pk else row.person_a
        known.append(Known(other.pk, other.display_name, row.kind_from(person.pk), row.pk))
    linked = {k.person_id for k in known}
    book = book or books.book_for(user)
    for pid in book.colleagues(person.pk):
        if pid not in linked and pid in book.people:
            known.append(Known(pid, book.people[pid].name, "colleague", None))
    return known


# --- Introductions -------------------------------------------------------------------------


def check_introduction(owner: User, a: Person, b: Person) -> None:
    """Refuse a pair that cannot be introduced, before any message is drafted."""
    _check_pair(owner, a, b)


@transaction.atomic
def introduce(owner: User, a: Person, b: Person, on: date, why: str = "") -> Introduction:
    """Record an introduction (an ``introduced`` touch on both) and stop suggesting it.

    Called once the user says the messages were sent, never before anyone was asked.
    """
    _check_pair(owner, a, b)
    if on > owner.local_today():
        raise ValidationError(_("An introduction cannot be dated in the future."))
    intro = record_introduction(owner, person_a=a, person_b=b, on=on, why=why[:2000])
    transaction.on_commit(lambda: books.note_known_pair(owner, a.pk, b.pk))
    return intro


def undo_introduce(intro: Introduction) -> None:
    """Undo a recorded introduction: the pair may be suggested again."""
    undo_introduction(intro)


def set_outcome(intro: Introduction, outcome: str, note: str = "") -> Introduction:
    """They met, business came of it, or nothing did: the follow-up closes the loop."""
    if outcome not in dict(Introduction.OUTCOME_CHOICES):
        raise ValidationError(_("Choose a valid outcome."))
    return set_introduction_outcome(intro, outcome, note or intro.outcome_note)


# --- Groups and invitations ----------------------------------------------------------------


def create_group(owner: User, name: str, meets: str = "") -> NetworkingGroup:
    group = NetworkingGroup(owner=owner, name=name.strip(), meets=meets.strip())
    group.full_clean(exclude=["owner"])
    group.save()
    return group


def add_seat(
    group: NetworkingGroup,
    profession: str,
    member: str = "",
    person: Person | None = None,
    code: str = "",
) -> Seat:
    """Seat a profession in the group's roster, mapped onto the taxonomy like a person's
    (or with the ``code`` already known, for a member from the book)."""
    seat = Seat(
        owner_id=group.owner_id,
        group=group,
        profession=profession.strip()[:200],
        profession_code=code or mapped_code(profession),
        member=member.strip()[:200],
        person=person,
    )
    seat.full_clean(exclude=["owner", "group", "person"])
    seat.save()
    return seat


def remove_seat(seat: Seat) -> None:
    seat.delete()


@transaction.atomic
def invite(
    owner: User, group: NetworkingGroup, person: Person, on: date, note: str = ""
) -> Invitation:
    """Invite someone to visit the group: a gift the method counts (``invited_to_group``).

    Inviting again someone who declined or visited long ago reopens their invitation.
    """
    if person.owner_id != owner.pk or group.owner_id != owner.pk:
        raise ValidationError(_("Choose people of your own book."))
    if on > owner.local_today():
        raise ValidationError(_("An invitation cannot be dated in the future."))
    row, _created = Invitation.objects.update_or_create(
        group=group,
        person=person,
        defaults={"owner": owner, "status": Invitation.INVITED, "on": on, "status_on": on},
    )
    if note:
        row.note = note[:500]
        row.save(update_fields=["note"])
    log_touch(person, kind="invited_to_group", on=on, note=note)
    return row


@transaction.atomic
def set_invitation_status(invitation: Invitation, status: str) -> Invitation:
    """Move an invitation on; someone who joins takes their profession's seat."""
    if status not in dict(Invitation.STATUS_CHOICES):
        raise ValidationError(_("Choose a valid status."))
    invitation.status = status
    invitation.status_on = invitation.owner.local_today()
    invitation.save(update_fields=["status", "status_on"])
    person = invitation.person
    seated = Seat.objects.filter(group=invitation.group, person=person).exists()
    if status == "joined" and not seated:
        text = profession_text(person.profession, person.job_title) or person.display_name
        add_seat(invitation.group, text, person.display_name, person, person.profession_code)
    return invitation
