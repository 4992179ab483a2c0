"""What the network adds to Today: contacts to invite to the user's group, and
introductions to follow up. A few indexed queries, whatever the size of the book."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Exists, OuterRef

from coltiva.accounts.models import User
from coltiva.domain.phrases import mid_sentence
from coltiva.domain.professions import taxonomy
from coltiva.domain.vcp import Stage
from coltiva.network import conf
from coltiva.network.models import Invitation, NetworkingGroup, Seat
from coltiva.people.models import Relationship
from coltiva.referrals.models import Introduction

INVITES_PER_DAY = 3
GROUPS_CONSIDERED = 3
FOLLOW_UPS_PER_DAY = 3
# People looked at per group to find ones whose profession is not seated yet.
SCAN = 60


@dataclass(frozen=True)
class InviteIdea:
    person_id: int
    name: str
    profession: str
    group_id: int
    group: str


@dataclass(frozen=True)
class FollowUp:
    introduction_id: int
    a: str
    b: str
    on: date


@dataclass(frozen=True)
class NetworkToday:
    invites: list[InviteIdea] = field(default_factory=list)
    follow_ups: list[FollowUp] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.invites or self.follow_ups)


def invite_ideas(
    user: User,
    language: str,
    limit: int = INVITES_PER_DAY,
    *,
    group_ids: Sequence[int] | None = None,
) -> list[InviteIdea]:
    """Credibility-stage contacts whose profession the user's group lacks, best known first.

    The method: inviting someone to visit your group is a way to give; at credibility
    you know them well enough to vouch for them in front of the group. ``group_ids``:
    the user's first groups when the caller has read them already (Today has).
    """
    groups_of_user = NetworkingGroup.objects.filter(owner=user)
    if group_ids is not None:
        groups_of_user = groups_of_user.filter(pk__in=group_ids)
    groups = list(groups_of_user.order_by("id")[:GROUPS_CONSIDERED])
    if not groups:
        return []
    seated: dict[int, set[str]] = {g.pk: set() for g in groups}
    for group_id, code in Seat.objects.filter(group__in=groups).values_list(
        "group_id", "profession_code"
    ):
        seated[group_id].add(code)
    ideas: list[InviteIdea] = []
    taken: set[int] = set()
    for group in groups:
        for rel in _candidates(user, group, seated[group.pk]):
            profession = taxonomy().professions.get(rel.person.profession_code)
            if rel.person_id in taken or profession is None:
                continue
            taken.add(rel.person_id)
            seated[group.pk].add(profession.id)  # one idea per missing profession
            label = mid_sentence(profession.label(language))
            name = rel.person.display_name
            ideas.append(InviteIdea(rel.person_id, name, label, group.pk, group.name))
            if len(ideas) == limit:
                return ideas
    return ideas


def _candidates(user: User, group: NetworkingGroup, seated: set[str]) -> list[Relationship]:
    invited = Invitation.objects.filter(group=group, person=OuterRef("person_id"))
    rels = (
        Relationship.objects.filter(
            owner=user, stage=Stage.CREDIBILITY.value, person__deleted_at__isnull=True
        )
        .exclude(person__profession_code="")
        .exclude(person__profession_code__in=seated)
        .exclude(Exists(invited))
        .select_related("person")
        .only("person_id", "person__display_name", "person__profession_code")
    )
    return list(rels.order_by("-score_credibility", "person_id")[:SCAN])


def follow_ups(user: User, day: date, limit: int = FOLLOW_UPS_PER_DAY) -> list[FollowUp]:
    """Introductions made a while ago whose outcome the user has not recorded."""
    due = day - timedelta(days=conf.follow_up_days())
    rows = (
        Introduction.objects.filter(
            owner=user,
            outcome="pending",
            on__lte=due,
            person_a__deleted_at__isnull=True,
            person_b__deleted_at__isnull=True,
        )
        .select_related("person_a", "person_b")
        .order_by("on", "id")[:limit]
    )
    return [FollowUp(i.pk, i.person_a.display_name, i.person_b.display_name, i.on) for i in rows]
