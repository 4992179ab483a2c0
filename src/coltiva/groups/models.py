"""Shared groups: the group, its members with their roster periods, and invitations.

Unlike a book's rows, a group's rows are shared by its members; ``coltiva.groups.access``
is the only way views reach them. Every group-scope table carries ``group_id`` and a
nullable ``organisation_id`` (organisations come later) so reports can be cut either way.
"""

from __future__ import annotations

import zoneinfo
from datetime import date, datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coltiva.accounts.models import WEEKDAYS
from coltiva.domain import groups as rules


class Group(models.Model):
    name = models.CharField(_("name"), max_length=200)
    time_zone = models.CharField(_("time zone"), max_length=64, default="Europe/Rome")
    currency = models.CharField(_("currency"), max_length=3, default="EUR")
    meeting_weekday = models.PositiveSmallIntegerField(
        _("meeting day"), choices=WEEKDAYS, null=True, blank=True
    )
    meeting_time = models.TimeField(_("meeting time"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=300, blank=True)
    lock_classifications = models.BooleanField(_("one member per classification"), default=True)
    organisation_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.name

    def today(self, now: datetime | None = None) -> date:
        """The group's "today", in its own time zone."""
        return timezone.localtime(now or timezone.now(), zoneinfo.ZoneInfo(self.time_zone)).date()


class Membership(models.Model):
    """A user's place in a group: classification and roles; when, in its periods."""

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="memberships")
    organisation_id = models.BigIntegerField(null=True, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    classification = models.CharField(_("classification"), max_length=200)
    classification_code = models.CharField(max_length=80, blank=True)
    # Role codes of ``domain.groups.Role`` besides ``member``, which everyone has.
    roles = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["group", "user"], name="membership_group_user")
        ]
        indexes = [models.Index(fields=["user", "group"], name="membership_user_group")]

    def __str__(self) -> str:
        return f"{self.user_id} in {self.group_id}"

    def role_set(self) -> frozenset[rules.Role]:
        return rules.with_member(self.roles)

    def the_classification(self) -> rules.Classification:
        return rules.Classification(self.classification, self.classification_code)


class MembershipPeriod(models.Model):
    """One stretch on the roster: ``left_on`` is the first day off it (None: still on)."""

    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="periods")
    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="+")
    organisation_id = models.BigIntegerField(null=True, blank=True)
    joined_on = models.DateField(_("joined on"))
    left_on = models.DateField(_("left on"), null=True, blank=True)

    class Meta:
        ordering = ["joined_on"]
        indexes = [
            models.Index(fields=["group", "left_on", "joined_on"], name="period_group_days"),
            models.Index(fields=["membership", "joined_on"], name="period_membership"),
        ]

    def __str__(self) -> str:
        return f"{self.joined_on} - {self.left_on or ''}"

    def to_domain(self) -> rules.Period:
        return rules.Period(self.joined_on, self.left_on)


class Invitation(models.Model):
    PENDING, ACCEPTED, DECLINED = "pending", "accepted", "declined"
    STATUS_CHOICES = [
        (PENDING, _("waiting for an answer")),
        (ACCEPTED, _("accepted")),
        (DECLINED, _("declined")),
    ]

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="invitations")
    organisation_id = models.BigIntegerField(null=True, blank=True)
    email = models.EmailField(_("e-mail"))
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    classification = models.CharField(_("classification"), max_length=200)
    classification_code = models.CharField(max_length=80, blank=True)
    roles = models.JSONField(default=list, blank=True)
    status = models.CharField(max_length=10, choices=STATUS_CHOICES, default=PENDING)
    created_at = models.DateTimeField(auto_now_add=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["group", "status"], name="invitation_group_status"),
            models.Index(fields=["email", "status"], name="invitation_email_status"),
        ]

    def __str__(self) -> str:
        return f"{self.group_id}: {self.status}"
