"""People, the relationship with each, and the touches that make it.

Every row belongs to one user's book (``owner``); the access helpers in
``coltiva.people.access`` are the only way views reach these rows.
"""

from __future__ import annotations

import unicodedata
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from coltiva.domain.touches import Direction, Kind
from coltiva.domain.touches import Touch as DomainTouch
from coltiva.domain.vcp import Health, NextStepCode, Stage

# The longest name shown (and stored): the given and family names joined by a space.
FULL_NAME_LIMIT = 300

KIND_LABELS: dict[str, Any] = {
    "met": _("Met"),
    "conversation": _("Conversation"),
    "event_together": _("At an event together"),
    "coffee": _("Coffee"),
    "meal": _("Meal"),
    "one_to_one": _("One-to-one"),
    "message_sent": _("Message sent"),
    "helped": _("Helped them"),
    "introduced": _("Introduced them"),
    "invited_to_group": _("Invited to my group"),
    "referral_given": _("Referral given"),
    "testimonial_given": _("Testimonial given"),
    "promise_kept": _("Promise kept"),
    "thanked": _("Thanked them"),
    "help_received": _("Help received"),
    "introduction_received": _("Introduction received"),
    "referral_received": _("Referral received"),
    "testimonial_received": _("Testimonial received"),
    "business_closed": _("Business closed"),
    "promise_made": _("Promise made"),
    "promise_broken": _("Promise broken"),
    "no_show": _("No-show"),
    "ask": _("Asked for business"),
}
KIND_CHOICES = [(k.value, KIND_LABELS[k.value]) for k in Kind]
DIRECTION_CHOICES = [
    (Direction.FOR_ME.value, _("for me")),
    (Direction.FOR_THEM.value, _("for them")),
]
DIRECTION_LABELS: dict[str, Any] = dict(DIRECTION_CHOICES)
STAGE_CHOICES = [
    (Stage.NONE.value, _("None")),
    (Stage.VISIBILITY.value, _("Visibility")),
    (Stage.CREDIBILITY.value, _("Credibility")),
    (Stage.PROFITABILITY.value, _("Profitability")),
]
HEALTH_CHOICES = [
    (Health.SEED.value, _("Seed")),
    (Health.THRIVING.value, _("Thriving")),
    (Health.NEEDS_TENDING.value, _("Needs tending")),
    (Health.WITHERING.value, _("Withering")),
    (Health.DORMANT.value, _("Dormant")),
]
# The four purposes a relationship can serve (DOMAIN.md), one boolean field each.
PURPOSE_CHOICES = [
    ("business", _("Business")),
    ("knowledge", _("Knowledge")),
    ("influence", _("Influence")),
    ("community", _("Community")),
]
PURPOSES = tuple(code for code, _label in PURPOSE_CHOICES)
NEXT_STEP_CHOICES = [(c.value, c.value) for c in NextStepCode]


def fold(text: str) -> str:
    """Lower-case, accent-free text for sorting and searching in any language."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).strip()


class Tag(models.Model):
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    name = models.CharField(_("name"), max_length=60)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["owner", "name"], name="tag_unique_name")]
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class PersonQuerySet(models.QuerySet["Person"]):
    def alive(self) -> PersonQuerySet:
        return self.filter(deleted_at__isnull=True)

    def in_trash(self) -> PersonQuerySet:
        return self.filter(deleted_at__isnull=False, staged_by__isnull=True)


class Person(models.Model):
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="people"
    )
    given_name = models.CharField(_("given name"), max_length=150, blank=True)
    family_name = models.CharField(_("family name"), max_length=150, blank=True)
    display_name = models.CharField(_("name"), max_length=FULL_NAME_LIMIT)
    sort_name = models.CharField(max_length=300, editable=False)
    # Accent-free, lower-case name, company and profession: what the people search matches.
    search_key = models.CharField(max_length=900, editable=False, default="")
    company = models.CharField(_("company"), max_length=200, blank=True)
    job_title = models.CharField(_("job title"), max_length=200, blank=True)
    profession = models.CharField(_("profession"), max_length=200, blank=True)
    profession_code = models.CharField(max_length=80, blank=True, editable=False)
    profession_code_manual = models.BooleanField(default=False, editable=False)
    city = models.CharField(_("city"), max_length=120, blank=True)
    country = models.CharField(_("country"), max_length=120, blank=True)
    language = models.CharField(_("language"), max_length=40, blank=True)
    tags = models.ManyToManyField(Tag, blank=True, related_name="people")
    notes = models.TextField(_("notes"), blank=True, max_length=20000)
    how_met = models.CharField(_("how you met"), max_length=300, blank=True)
    where_met = models.CharField(_("where you met"), max_length=300, blank=True)
    offers = models.TextField(_("what they offer"), blank=True, max_length=2000)
    looks_for = models.TextField(_("their ideal referral"), blank=True, max_length=2000)
    target_market = models.TextField(_("their target market"), blank=True, max_length=2000)
    goals = models.TextField(_("goals"), blank=True, max_length=2000)
    accomplishments = models.TextField(_("accomplishments"), blank=True, max_length=2000)
    interests = models.TextField(_("interests"), blank=True, max_length=2000)
    networks = models.TextField(_("networks"), blank=True, max_length=2000)
    skills = models.TextField(_("skills"), blank=True, max_length=2000)
    birthday = models.CharField(_("birthday"), max_length=10, blank=True)
    connected_on = models.DateField(_("connected on"), null=True, blank=True)
    deleted_at = models.DateTimeField(null=True, blank=True, editable=False)
    # The id of the long job (an import, a restore) that wrote this person and has not
    # published it yet. Until then ``deleted_at`` is set too, so every page and operation
    # leaves the person out as it leaves out the trash, with no query changed; the trash
    # itself leaves staged people out. Publishing clears both in one statement; a failed
    # or killed job's staged people are deleted (coltiva.imports.staging).
    staged_by = models.PositiveBigIntegerField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PersonQuerySet.as_manager()

    class Meta:
        indexes = [
            models.Index(fields=["owner", "sort_name"], name="person_owner_sort"),
            models.Index(fields=["owner", "company"], name="person_owner_company"),
            models.Index(
                fields=["owner", "deleted_at"],
                name="person_owner_trash",
                condition=Q(deleted_at__isnull=False),
            ),
            models.Index(
                fields=["staged_by"], name="person_staged", condition=Q(staged_by__isnull=False)
            ),
        ]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self) -> str:
        return self.display_name

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self.display_name.strip():
            self.display_name = self.joined_name() or self.company
        self.sort_name = fold(f"{self.family_name} {self.given_name}".strip() or self.display_name)[
            :300
        ]
        self.search_key = fold(" ".join([self.display_name, self.company, self.profession]))[:900]
        super().save(*args, **kwargs)

    def clean(self) -> None:
        # The name shown is the given and family names joined: it must fit its column as
        # well as each part fits its own (PostgreSQL refused 150 + 150 characters with a
        # 500; SQLite kept all 301).
        if not self.display_name.strip() and len(self.joined_name()) > FULL_NAME_LIMIT:
            raise ValidationError(
                {
                    "family_name": _(
                        "The whole name can be at most %(limit)s characters long, "
                        "given and family name together."
                    )
                    % {"limit": FULL_NAME_LIMIT}
                }
            )

    def joined_name(self) -> str:
        return f"{self.given_name} {self.family_name}".strip()

    @property
    def first_name(self) -> str:
        """The name to use in a sentence: the given name, else the whole name."""
        return self.given_name or self.display_name


class ContactPoint(models.Model):
    """An e-mail, phone or link. ``normalized`` is what duplicates are found by."""

    EMAIL = "email"
    PHONE = "phone"
    URL = "url"
    KIND_CHOICES = [(EMAIL, _("e-mail")), (PHONE, _("phone")), (URL, _("link"))]

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="contact_points")
    kind = models.CharField(max_length=8, choices=KIND_CHOICES)
    label = models.CharField(_("label"), max_length=40, blank=True)
    value = models.CharField(_("value"), max_length=500)
    normalized = models.CharField(max_length=500)

    class Meta:
        indexes = [models.Index(fields=["owner", "kind", "normalized"], name="cp_owner_norm")]
        ordering = ["kind", "id"]

    def __str__(self) -> str:
        return self.value


class Relationship(models.Model):
    """The owner's relationship with one person, with the VCP engine's stored output.

    The stored values are written by ``coltiva.people.services.reassess`` in the same
    transaction as the touch that changed them, so pages only ever read them.
    """

    person = models.OneToOneField(
        Person, on_delete=models.CASCADE, primary_key=True, related_name="relationship"
    )
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    purpose_business = models.BooleanField(_("business"), default=True)
    purpose_knowledge = models.BooleanField(_("knowledge"), default=False)
    purpose_influence = models.BooleanField(_("influence"), default=False)
    purpose_community = models.BooleanField(_("community"), default=False)
    cadence_days = models.PositiveSmallIntegerField(
        _("own cadence (days)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(730)],
    )
    pinned_stage = models.CharField(
        _("pinned stage"), max_length=16, blank=True, choices=STAGE_CHOICES
    )

    # Stored assessment.
    stage = models.CharField(max_length=16, choices=STAGE_CHOICES, default=Stage.NONE.value)
    # 0 none .. 3 profitability, so lists sort by stage in the method's order.
    stage_rank = models.PositiveSmallIntegerField(default=0)
    computed_stage = models.CharField(
        max_length=16, choices=STAGE_CHOICES, default=Stage.NONE.value
    )
    health = models.CharField(max_length=16, choices=HEALTH_CHOICES, default=Health.SEED.value)
    score_visibility = models.PositiveSmallIntegerField(default=0)
    score_credibility = models.PositiveSmallIntegerField(default=0)
    score_profitability = models.PositiveSmallIntegerField(default=0)
    warnings = models.JSONField(default=list, blank=True)
    evidence = models.JSONField(default=list, blank=True)
    next_step = models.CharField(max_length=24, blank=True, choices=NEXT_STEP_CHOICES)
    next_step_params = models.JSONField(default=dict, blank=True)
    next_step_since = models.DateField(null=True, blank=True)
    last_contact_on = models.DateField(null=True, blank=True)
    assessed_on = models.DateField(null=True, blank=True)

    # The agenda (Today) reads only these: the day the next step becomes due and its group.
    due_on = models.DateField(null=True, blank=True)
    agenda_rank = models.PositiveSmallIntegerField(default=99)
    snoozed_until = models.DateField(null=True, blank=True)
    dismissed_step = models.CharField(max_length=24, blank=True)
    dismissed_since = models.DateField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["owner", "stage"], name="rel_owner_stage"),
            models.Index(fields=["owner", "stage_rank"], name="rel_owner_stage_rank"),
            models.Index(fields=["owner", "health"], name="rel_owner_health"),
            models.Index(fields=["owner", "last_contact_on"], name="rel_owner_last"),
            models.Index(fields=["owner", "next_step", "next_step_since"], name="rel_owner_next"),
            models.Index(fields=["owner", "assessed_on"], name="rel_owner_assessed"),
            models.Index(
                fields=["owner", "agenda_rank", "next_step_since", "due_on"],
                name="rel_owner_agenda",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person_id}: {self.stage}"

    @property
    def purposes(self) -> list[str]:
        return [name for name in PURPOSES if getattr(self, f"purpose_{name}")]


class Touch(models.Model):
    """One dated thing that happened in a relationship (DOMAIN.md's vocabulary)."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="touches")
    kind = models.CharField(_("what happened"), max_length=24, choices=KIND_CHOICES)
    on = models.DateField(_("date"))
    minutes = models.PositiveIntegerField(
        _("minutes"), null=True, blank=True, validators=[MaxValueValidator(24 * 60)]
    )
    note = models.TextField(_("note"), blank=True, max_length=5000)
    direction = models.CharField(_("for whom"), max_length=8, blank=True, choices=DIRECTION_CHOICES)
    value = models.DecimalField(
        _("value"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0))],
    )
    event = models.ForeignKey(
        "events.Event",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="touches",
        verbose_name=_("event"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [
            models.Index(fields=["person", "on"], name="touch_person_on"),
            models.Index(fields=["owner", "kind", "on"], name="touch_owner_kind_on"),
            models.Index(fields=["owner", "on"], name="touch_owner_on"),
            # Time invested by purpose (review): the year's timed touches, covered.
            models.Index(
                fields=["owner", "on", "person", "minutes"],
                name="touch_owner_timed",
                condition=Q(minutes__isnull=False),
            ),
        ]
        ordering = ["-on", "-id"]

    def __str__(self) -> str:
        return f"{self.kind} {self.on}"

    def to_domain(self) -> DomainTouch:
        return DomainTouch(
            kind=Kind(self.kind),
            on=self.on,
            minutes=self.minutes,
            direction=Direction(self.direction) if self.direction else None,
            value=self.value,
            event=self.event.name if self.event_id and self.event else None,
        )


# What the engine needs of a touch, read as plain rows: no model instances on the hot path.
DOMAIN_COLUMNS = ("person_id", "kind", "on", "minutes", "direction", "value", "event__name")


def domain_touches(rows: models.QuerySet[Touch]) -> dict[int, list[DomainTouch]]:
    """The touches of a queryset as domain touches, grouped by person."""
    grouped: dict[int, list[DomainTouch]] = {}
    for person_id, kind, on, minutes, direction, value, event in rows.values_list(
        *DOMAIN_COLUMNS
    ).order_by():
        grouped.setdefault(person_id, []).append(
            DomainTouch(
                kind=Kind(kind),
                on=on,
                minutes=minutes,
                direction=Direction(direction) if direction else None,
                value=value,
                event=event,
            )
        )
    return grouped


class StageChange(models.Model):
    """A change of stage on a day: the history the review page charts."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="stage_changes")
    on = models.DateField()
    from_stage = models.CharField(max_length=16, choices=STAGE_CHOICES)
    to_stage = models.CharField(max_length=16, choices=STAGE_CHOICES)

    class Meta:
        indexes = [models.Index(fields=["owner", "on"], name="stagechange_owner_on")]
        ordering = ["on", "id"]

    def __str__(self) -> str:
        return f"{self.from_stage}->{self.to_stage} {self.on}"
