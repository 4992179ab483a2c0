"""Use cases of shared groups, for the pages and the ``coltiva groups`` command alike.

Each takes the acting member (or user) and plain values, checks the right through
``domain.groups``, saves, and returns rows or plain values. A refusal of the rules is a
``domain.groups.RosterError`` (its code and the member who holds a taken
classification); a missing right is ``django.core.exceptions.PermissionDenied``;
a refused invitation is an ``InvitationError`` with its code. The entry points word them.
"""

from __future__ import annotations

import zoneinfo
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, time, timedelta
from enum import StrEnum

from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Prefetch, Q
from django.utils import timezone

from coltiva.accounts import services as accounts
from coltiva.accounts.models import User
from coltiva.domain import groups as rules
from coltiva.domain.professions import mapped_code, taxonomy
from coltiva.groups.models import Group, Invitation, Membership, MembershipPeriod

INVITATION_SALT = "coltiva.groups.invitation"
INVITATION_DAYS = 14
CURRENCIES = ("EUR", "USD", "GBP", "CHF")


class InvitationProblem(StrEnum):
    INVALID = "invalid"  # expired, tampered with, or already answered
    WRONG_USER = "wrong_user"  # signed in as someone the invitation is not for
    ALREADY_MEMBER = "already_member"
    HAS_ACCOUNT = "has_account"  # signing up through it, for an address with an account


class InvitationError(ValueError):
    def __init__(self, problem: InvitationProblem) -> None:
        super().__init__(problem.value)
        self.problem = problem


@dataclass(frozen=True)
class GroupSettings:
    name: str
    time_zone: str = "Europe/Rome"
    currency: str = "EUR"
    meeting_weekday: int | None = None
    meeting_time: time | None = None
    place: str = ""
    lock_classifications: bool = True


def member_name(membership: Membership) -> str:
    return membership.user.name or membership.user.email


# --- reading ---------------------------------------------------------------------------


def _current_period(on: date) -> Q:
    return Q(joined_on__lte=on) & (Q(left_on__isnull=True) | Q(left_on__gt=on))


def current_membership(group: Group, user: User) -> Membership | None:
    """The user's membership while they are on the roster today (a former member: None)."""
    on_today = MembershipPeriod.objects.filter(_current_period(group.today()))
    return (
        Membership.objects.filter(group=group, user=user, periods__in=on_today)
        .select_related("user")
        .first()
    )


def roster(group: Group, on: date) -> list[Membership]:
    """The members on the roster on day ``on``, with users and periods, by name."""
    current = MembershipPeriod.objects.filter(_current_period(on))
    members = (
        Membership.objects.filter(group=group, periods__in=current)
        .select_related("user")
        .prefetch_related(Prefetch("periods", queryset=MembershipPeriod.objects.all()))
        .distinct()
    )
    return sorted(members, key=lambda m: member_name(m).casefold())


def my_groups(user: User) -> list[Group]:
    """The groups the user is a current member of, by name (each on its own "today")."""
    memberships = Membership.objects.filter(user=user).select_related("group")
    periods = Prefetch("periods", queryset=MembershipPeriod.objects.all())
    groups = [
        m.group
        for m in memberships.prefetch_related(periods)
        if rules.on_roster_any((p.to_domain() for p in m.periods.all()), m.group.today())
    ]
    return sorted(groups, key=lambda g: (g.name.casefold(), g.pk))


@dataclass(frozen=True)
class Overview:
    """The roster's power teams (sphere id -> profession codes held) and the professions
    of those spheres nobody holds."""

    members: list[Membership]
    teams: dict[str, list[str]]
    lacking: list[str]


def overview(group: Group, on: date) -> Overview:
    members = roster(group, on)
    tax = taxonomy()
    entries = [
        rules.RosterEntry(tax.sphere_of(m.classification_code), m.classification_code)
        for m in members
        if m.classification_code in tax.professions
    ]
    teams = rules.power_teams(entries)
    by_sphere = {
        sphere: [p.id for p in tax.professions.values() if p.sphere == sphere and p.broader is None]
        for sphere in teams
    }
    return Overview(members, teams, rules.lacking((e.code for e in entries), by_sphere))


def pending_invitations(group: Group) -> list[Invitation]:
    return list(group.invitations.filter(status=Invitation.PENDING).order_by("-created_at"))


# --- creating and settings ------------------------------------------------------------


def classification_of(text: str) -> rules.Classification:
    text = " ".join(text.split())
    return rules.Classification(text, mapped_code(text))


def _check_settings(values: GroupSettings) -> None:
    if not values.name.strip():
        raise ValidationError({"name": ValidationError("required", code="required")})
    try:
        zoneinfo.ZoneInfo(values.time_zone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError) as exc:
        raise ValidationError({"time_zone": ValidationError("bad", code="time_zone")}) from exc
    if values.currency not in CURRENCIES:
        raise ValidationError({"currency": ValidationError("bad", code="currency")})


@transaction.atomic
def create_group(user: User, values: GroupSettings, classification: str = "") -> Group:
    """A new group; its creator is its president, on the roster from the group's today."""
    _check_settings(values)
    group = Group.objects.create(
        name=values.name.strip(),
        time_zone=values.time_zone,
        currency=values.currency,
        meeting_weekday=values.meeting_weekday,
        meeting_time=values.meeting_time,
        place=values.place.strip(),
        lock_classifications=values.lock_classifications,
    )
    chosen = classification_of(classification)
    membership = Membership.objects.create(
        group=group,
        user=user,
        classification=chosen.text,
        classification_code=chosen.code,
        roles=[rules.Role.PRESIDENT.value],
    )
    MembershipPeriod.objects.create(membership=membership, group=group, joined_on=group.today())
    return group


def _require(actor: Membership, right: rules.Right) -> None:
    if not rules.holds(actor.roles, right):
        raise PermissionDenied(right.value)


def _seats(group: Group, leaving_out: int | None = None) -> list[rules.Seat]:
    members = (
        Membership.objects.filter(group=group)
        .exclude(pk=leaving_out or 0)
        .select_related("user")
        .prefetch_related("periods")
    )
    return [_seat(m) for m in members]


def _seat(m: Membership, classification: rules.Classification | None = None) -> rules.Seat:
    return rules.Seat(
        m.pk,
        member_name(m),
        classification or m.the_classification(),
        tuple(p.to_domain() for p in m.periods.all()),
    )


@transaction.atomic
def update_settings(group: Group, actor: Membership, values: GroupSettings) -> Group:
    _require(actor, rules.Right.SETTINGS)
    _check_settings(values)
    if values.lock_classifications and not group.lock_classifications:
        # Turning the lock on over a roster that already repeats a classification is
        # refused, naming a member who holds it, so the lock never states a falsehood.
        seats = [s for s in _seats(group) if s.classification.text]
        for seat in seats:
            rules.check_classification(seat, seats, locked=True)
    for field in GroupSettings.__dataclass_fields__:
        setattr(group, field, getattr(values, field))
    group.name, group.place = values.name.strip(), values.place.strip()
    group.save()
    return group


# --- members ---------------------------------------------------------------------------


def _not_self_or(actor: Membership, member: Membership, right: rules.Right) -> None:
    if actor.pk != member.pk:
        _require(actor, right)


@transaction.atomic
def change_classification(
    group: Group, actor: Membership, member: Membership, text: str
) -> Membership:
    """One's own classification, or another's with the right; the lock looks at every
    day of the member's periods."""
    _not_self_or(actor, member, rules.Right.CHANGE_CLASSIFICATIONS)
    chosen = classification_of(text)
    seat = _seat(member, chosen)
    rules.check_classification(
        seat, _seats(group, leaving_out=member.pk), locked=group.lock_classifications
    )
    member.classification, member.classification_code = chosen.text, chosen.code
    member.save(update_fields=["classification", "classification_code"])
    return member


def _roles_of_members_after(group: Group, on: date) -> dict[int, list[str]]:
    """Roles of the members still on the roster on ``on`` (and after: open periods)."""
    return {
        m.pk: list(m.roles)
        for m in Membership.objects.filter(
            group=group, periods__left_on__isnull=True, periods__joined_on__lte=on
        ).distinct()
    }


@transaction.atomic
def set_roles(
    group: Group, actor: Membership, member: Membership, roles: Iterable[str]
) -> Membership:
    _require(actor, rules.Right.SET_ROLES)
    chosen = sorted(r.value for r in rules.with_member(roles) if r is not rules.Role.MEMBER)
    after = _roles_of_members_after(group, group.today()) | {member.pk: chosen}
    rules.check_presidents(after)
    member.roles = chosen
    member.save(update_fields=["roles"])
    return member


@transaction.atomic
def end_membership(group: Group, actor: Membership, member: Membership, on: date) -> Membership:
    """The member leaves (themself) or is removed (with the right) on ``on``, the first
    day off the roster. Their rows stay: a former member keeps their history."""
    _not_self_or(actor, member, rules.Right.REMOVE_MEMBERS)
    period = member.periods.filter(left_on__isnull=True).first()
    if period is None:
        raise rules.RosterError(rules.Problem.PERIOD_EMPTY)
    rules.Period(period.joined_on, on)  # refuses a day on or before they joined
    after = _roles_of_members_after(group, group.today())
    after.pop(member.pk, None)
    rules.check_presidents(after)
    period.left_on = on
    period.save(update_fields=["left_on"])
    return member


# --- invitations -----------------------------------------------------------------------


@transaction.atomic
def invite(
    group: Group, actor: Membership, email: str, classification: str, roles: Sequence[str] = ()
) -> Invitation:
    _require(actor, rules.Right.INVITE_MEMBERS)
    if roles:
        _require(actor, rules.Right.SET_ROLES)
    email = email.strip().lower()
    today = group.today()
    if Membership.objects.filter(
        Q(periods__left_on__isnull=True) | Q(periods__left_on__gt=today),
        group=group,
        user__email__iexact=email,
    ).exists():
        raise InvitationError(InvitationProblem.ALREADY_MEMBER)
    chosen = classification_of(classification)
    newcomer = rules.Seat(0, email, chosen, (rules.Period(today),))
    rules.check_classification(newcomer, _seats(group), locked=group.lock_classifications)
    return Invitation.objects.create(
        group=group,
        organisation_id=group.organisation_id,
        email=email,
        invited_by=actor.user,
        classification=chosen.text,
        classification_code=chosen.code,
        roles=sorted(r.value for r in rules.with_member(roles) if r is not rules.Role.MEMBER),
    )


def invitation_token(invitation: Invitation) -> str:
    return signing.dumps({"i": invitation.pk, "e": invitation.email}, salt=INVITATION_SALT)


def invitation_for_token(token: str) -> Invitation | None:
    """The pending invitation a link names, while the link is fresh (14 days)."""
    try:
        data = signing.loads(token, salt=INVITATION_SALT, max_age=timedelta(days=INVITATION_DAYS))
        pk, email = int(data["i"]), str(data["e"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None
    return (
        Invitation.objects.select_related("group", "invited_by")
        .filter(pk=pk, email=email, status=Invitation.PENDING)
        .first()
    )


def _for(invitation: Invitation, user: User) -> None:
    if user.email.strip().lower() != invitation.email:
        raise InvitationError(InvitationProblem.WRONG_USER)


@transaction.atomic
def accept(invitation: Invitation, user: User) -> Membership:
    """The invited user joins from the group's today (again, for a former member). The
    link came to their address, so it also confirms it."""
    _for(invitation, user)
    group = invitation.group
    today = group.today()
    if current_membership(group, user) is not None:
        raise InvitationError(InvitationProblem.ALREADY_MEMBER)
    membership, created = Membership.objects.get_or_create(
        group=group,
        user=user,
        defaults={"organisation_id": group.organisation_id, "roles": invitation.roles},
    )
    chosen = rules.Classification(invitation.classification, invitation.classification_code)
    seat = rules.Seat(membership.pk, user.email, chosen, (rules.Period(today),))
    rules.check_classification(
        seat, _seats(group, leaving_out=membership.pk), locked=group.lock_classifications
    )
    membership.classification, membership.classification_code = chosen.text, chosen.code
    if not created:
        membership.roles = invitation.roles
    membership.save()
    periods = [p.to_domain() for p in membership.periods.all()]
    rules.check_periods([*periods, rules.Period(today)])
    MembershipPeriod.objects.create(
        membership=membership, group=group, organisation_id=group.organisation_id, joined_on=today
    )
    _answer(invitation, Invitation.ACCEPTED)
    accounts.confirm_email(user)
    return membership


def decline(invitation: Invitation, user: User) -> None:
    _for(invitation, user)
    _answer(invitation, Invitation.DECLINED)


def _answer(invitation: Invitation, status: str) -> None:
    invitation.status, invitation.answered_at = status, timezone.now()
    invitation.save(update_fields=["status", "answered_at"])


@transaction.atomic
def sign_up_and_accept(
    invitation: Invitation, *, name: str, password: str, language: str, time_zone: str
) -> Membership:
    """A new person signs up through the link: their account is made, its address
    confirmed by the link itself, and the invitation accepted, in one transaction."""
    if User.objects.filter(email__iexact=invitation.email).exists():
        raise InvitationError(InvitationProblem.HAS_ACCOUNT)
    user = accounts.sign_up(
        email=invitation.email,
        password=password,
        name=name,
        language=language,
        time_zone=time_zone,
        confirmed=False,
    )
    return accept(invitation, user)
