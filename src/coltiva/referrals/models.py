"""Referrals passed each way, and introductions the user made between two people."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Referral(models.Model):
    GIVEN = "given"
    RECEIVED = "received"
    DIRECTION_CHOICES = [(GIVEN, _("I gave it")), (RECEIVED, _("I received it"))]

    STATUS_CHOICES = [
        # "New", not "Given": the direction already says who gave it.
        ("given", pgettext_lazy("referral status", "New")),
        ("contacted", _("Contacted")),
        ("meeting", _("Meeting")),
        ("won", _("Won")),
        ("lost", _("Lost")),
    ]

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="referrals"
    )
    direction = models.CharField(_("direction"), max_length=8, choices=DIRECTION_CHOICES)
    person = models.ForeignKey(
        "people.Person",
        on_delete=models.CASCADE,
        related_name="referrals",
        verbose_name=_("the other side"),
    )
    prospect = models.ForeignKey(
        "people.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="referred_as_prospect",
        verbose_name=_("prospect in your book"),
    )
    prospect_description = models.CharField(_("prospect"), max_length=300, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=STATUS_CHOICES, default="given")
    warmth = models.PositiveSmallIntegerField(
        _("warmth"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text=_("1: a name and consent to call; 5: an in-person introduction."),
    )
    value = models.DecimalField(
        _("value of business closed"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0))],
    )
    on = models.DateField(_("date"))
    note = models.TextField(_("note"), blank=True, max_length=5000)
    touch = models.ForeignKey(
        "people.Touch", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    closed_touch = models.ForeignKey(
        "people.Touch", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The thank-you logged for a referral received and won (the board prompts for it).
    thanked_touch = models.ForeignKey(
        "people.Touch", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [
            models.Index(fields=["owner", "status"], name="referral_owner_status"),
            models.Index(fields=["owner", "on"], name="referral_owner_on"),
        ]
        ordering = ["-on", "-id"]

    def __str__(self) -> str:
        return f"{self.direction} {self.on}"

    STATUS_ORDER = ("given", "contacted", "meeting", "won", "lost")

    @property
    def needs_thanks(self) -> bool:
        return (
            self.direction == self.RECEIVED and self.status == "won" and not self.thanked_touch_id
        )

    @property
    def next_status(self) -> str | None:
        """The status a one-click "move on" goes to (won and lost are the end)."""
        index = self.STATUS_ORDER.index(self.status)
        return self.STATUS_ORDER[index + 1] if index < 2 else None

    @property
    def prospect_label(self) -> str:
        if self.prospect_id and self.prospect:
            return self.prospect.display_name
        return self.prospect_description


class Introduction(models.Model):
    PENDING = "pending"
    OUTCOME_CHOICES = [
        (PENDING, _("Waiting")),
        ("met", _("They met")),
        ("business", _("Business came of it")),
        ("no_response", _("Nothing came of it")),
    ]

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="introductions"
    )
    person_a = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="+", verbose_name=_("introduce")
    )
    person_b = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="+", verbose_name=_("to")
    )
    why = models.TextField(_("why"), blank=True, max_length=2000)
    on = models.DateField(_("date"))
    outcome = models.CharField(
        _("outcome"), max_length=12, choices=OUTCOME_CHOICES, default=PENDING
    )
    outcome_note = models.TextField(_("outcome note"), blank=True, max_length=2000)
    # The ``introduced`` touches this introduction logged: undoing it removes these and
    # nothing else (a touch logged by hand the same day stays).
    touch_a = models.ForeignKey(
        "people.Touch", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    touch_b = models.ForeignKey(
        "people.Touch", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["owner", "on"], name="intro_owner_on")]
        ordering = ["-on", "-id"]

    def __str__(self) -> str:
        return f"{self.person_a_id}<->{self.person_b_id}"
