"""Accounts: who uses Coltiva, and the instance-wide settings an administrator controls."""

from __future__ import annotations

import zoneinfo
from datetime import date, datetime
from typing import Any, ClassVar

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coltiva import display


def validate_time_zone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(_("%(value)s is not a known time zone."), params={"value": value})


# Python's weekday numbers (Monday is 0), for every choice of a day of the week.
WEEKDAYS = [
    (0, _("Monday")),
    (1, _("Tuesday")),
    (2, _("Wednesday")),
    (3, _("Thursday")),
    (4, _("Friday")),
    (5, _("Saturday")),
    (6, _("Sunday")),
]


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:
        if not email:
            raise ValueError("An e-mail address is required.")
        # An account made by code (``coltiva adduser``, the demo, tests) is vouched for by
        # whoever runs it; only web sign-up leaves the address to be confirmed.
        extra.setdefault("email_confirmed_at", timezone.now())
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField(_("e-mail"), unique=True, max_length=254)
    name = models.CharField(_("name"), max_length=150, blank=True)
    time_zone = models.CharField(
        _("time zone"), max_length=64, default="Europe/Rome", validators=[validate_time_zone]
    )
    language = models.CharField(
        _("language"),
        max_length=8,
        blank=True,
        choices=settings.LANGUAGES,
        help_text=_("Leave empty to follow your browser."),
    )
    phone_region = models.CharField(
        _("default phone region"),
        max_length=2,
        default="IT",
        help_text=_("Two-letter country code used for phone numbers written without +."),
    )
    currency = models.CharField(
        _("currency"),
        max_length=3,
        default=display.DEFAULT_CURRENCY,
        choices=[(code, code) for code in display.CURRENCIES],
        help_text=_("Values of business closed are shown in it."),
    )
    is_staff = models.BooleanField(_("administrator"), default=False)
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("joined"), default=timezone.now)
    agenda_size = models.PositiveSmallIntegerField(
        _("actions a day"),
        default=10,
        validators=[MinValueValidator(1), MaxValueValidator(50)],
        help_text=_("How many actions Today shows at most."),
    )
    weekly_meetings = models.PositiveSmallIntegerField(
        _("meetings a week"),
        default=5,
        validators=[MaxValueValidator(100)],
        help_text=_("Your weekly time budget: coffees, meals and one-to-ones, planned or logged."),
    )
    digest_enabled = models.BooleanField(
        _("weekly digest by e-mail"),
        default=False,
        help_text=_("The week's agenda, relationships at risk and thanks owed, once a week."),
    )
    digest_weekday = models.PositiveSmallIntegerField(
        _("digest day"),
        default=0,
        choices=WEEKDAYS,
    )
    digest_sent_on = models.DateField(null=True, blank=True, editable=False)
    # The secret in the private calendar-feed URL; empty when the feed is off (revoked).
    calendar_token = models.CharField(max_length=64, blank=True, editable=False, db_index=True)
    # When the owner of the address proved it (the link e-mailed at sign-up, a password
    # reset, later a group's invitation); an unconfirmed account cannot log in.
    email_confirmed_at = models.DateTimeField(null=True, blank=True, editable=False)
    # The day the whole book's stored assessments were last brought up to date (decay).
    book_assessed_on = models.DateField(null=True, blank=True, editable=False)

    objects: ClassVar[UserManager] = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.email

    def get_full_name(self) -> str:
        return self.name or self.email

    def get_short_name(self) -> str:
        return self.name.split(" ")[0] if self.name else self.email

    def local_today(self) -> date:
        """The user's own calendar day: the VCP windows count in it, never in UTC."""
        return timezone.now().astimezone(zoneinfo.ZoneInfo(self.time_zone)).date()

    def local_date(self, moment: datetime) -> date:
        """The user's calendar day of ``moment`` (e.g. the day a person entered the book)."""
        return moment.astimezone(zoneinfo.ZoneInfo(self.time_zone)).date()


class InstanceSettings(models.Model):
    """One row of settings for the whole installation, edited in the Django admin."""

    signup_open = models.BooleanField(
        _("sign-up open"),
        default=True,
        help_text=_("When off, only an administrator can create accounts."),
    )

    class Meta:
        verbose_name = _("instance settings")
        verbose_name_plural = _("instance settings")

    def __str__(self) -> str:
        return str(_("Instance settings"))

    @classmethod
    def current(cls) -> InstanceSettings:
        obj, _created = cls.objects.get_or_create(pk=1)
        return obj


class AuditEvent(models.Model):
    """One security event (a log-in, a failure, a password change...), kept 90 days.

    Written only through ``coltiva.accounts.audit.record``, which keeps secrets out of
    ``detail``. The user is kept as a link that empties when the account is deleted, so
    the installation's log survives without naming anyone.
    """

    at = models.DateTimeField(_("when"), default=timezone.now)
    event = models.CharField(_("event"), max_length=40)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    address = models.GenericIPAddressField(_("address"), null=True, blank=True)
    detail = models.JSONField(_("detail"), default=dict, blank=True)

    class Meta:
        verbose_name = _("security event")
        verbose_name_plural = _("security events")
        ordering = ("-at", "-id")
        indexes = (
            models.Index(fields=["user", "at"], name="audit_user_at"),
            models.Index(fields=["event", "address", "at"], name="audit_event_address_at"),
            models.Index(fields=["at"], name="audit_at"),
        )

    def __str__(self) -> str:
        return f"{self.event} {self.at:%Y-%m-%d %H:%M}"


class UserSession(models.Model):
    """A signed-in session of a user, so the profile can list and end them.

    Sessions live in the shared cache and Django's session table, which cannot be listed
    by user; this row is made at log-in and its ``last_seen`` moved at most once a minute.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="signed_in_sessions"
    )
    session_key = models.CharField(max_length=40, unique=True)
    user_agent = models.CharField(max_length=300, blank=True)
    address = models.GenericIPAddressField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    last_seen = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = (models.Index(fields=["user", "last_seen"], name="session_user_seen"),)

    def __str__(self) -> str:
        return f"session of user {self.user_id}"
