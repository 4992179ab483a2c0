"""Plans: meetings scheduled with a person, which become touches when they happen."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Plan(models.Model):
    KIND_CHOICES = [
        ("coffee", _("Coffee")),
        ("meal", _("Meal")),
        ("conversation", _("Call")),
        ("one_to_one", _("One-to-one")),
    ]
    KIND_LABELS = dict(KIND_CHOICES)
    PLANNED, DONE, CANCELLED, NO_SHOW = "planned", "done", "cancelled", "no_show"
    STATUS_CHOICES = [
        (PLANNED, _("Planned")),
        (DONE, _("Done")),
        (CANCELLED, _("Cancelled")),
        (NO_SHOW, _("No-show")),
    ]

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="plans"
    )
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="plans")
    kind = models.CharField(_("what"), max_length=16, choices=KIND_CHOICES, default="coffee")
    at = models.DateTimeField(_("when"))
    # The user's local date of ``at``: what Today filters on, indexed.
    on = models.DateField(editable=False)
    minutes = models.PositiveSmallIntegerField(_("minutes"), null=True, blank=True)
    place = models.CharField(_("where"), max_length=200, blank=True)
    note = models.TextField(_("note"), blank=True, max_length=2000)
    status = models.CharField(max_length=10, choices=STATUS_CHOICES, default=PLANNED)
    # Bumped on every change, so calendar apps replace their copy (iCalendar SEQUENCE).
    sequence = models.PositiveIntegerField(default=0, editable=False)
    touch = models.ForeignKey(
        "people.Touch", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [
            models.Index(
                fields=["owner", "on"], name="plan_owner_open_on", condition=Q(status="planned")
            ),
            models.Index(fields=["person", "at"], name="plan_person_at"),
        ]
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.kind} {self.at:%Y-%m-%d %H:%M}"
