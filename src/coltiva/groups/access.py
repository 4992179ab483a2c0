"""The one way a view reaches a group: as one of its current members.

404 to anyone who is not a current member (an outsider, someone only invited, a former
member), so an id tells them nothing; 403 to a member without the right asked for.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from coltiva.accounts.access import user_of
from coltiva.domain import groups as rules
from coltiva.groups.models import Group, Membership
from coltiva.groups.services import current_membership


@dataclass(frozen=True)
class MemberAccess:
    group: Group
    member: Membership  # the signed-in user's own, current membership
    today: date  # the group's today

    def can(self, right: rules.Right) -> bool:
        return rules.holds(self.member.roles, right)


def get_group_for_member(
    request: HttpRequest, pk: int, right: rules.Right | None = None
) -> MemberAccess:
    group = get_object_or_404(Group, pk=pk)
    member = current_membership(group, user_of(request))
    if member is None:
        raise Http404
    if right is not None and not rules.holds(member.roles, right):
        raise PermissionDenied
    return MemberAccess(group, member, group.today())


def get_membership_in(access: MemberAccess, pk: int) -> Membership:
    """A membership of the group reached (current or former); another group's id: 404."""
    return get_object_or_404(
        Membership.objects.select_related("user").prefetch_related("periods"),
        pk=pk,
        group=access.group,
    )
