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


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:
        if not email:
            raise ValueError("An e-mail address is required.")
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
        choices=[
            (0, _("Monday")),
            (1, _("Tuesday")),
            (2, _("Wednesday")),
            (3, _("Thursday")),
            (4, _("Friday")),
            (5, _("Saturday")),
            (6, _("Sunday")),
        ],
    )
    digest_sent_on = models.DateField(null=True, blank=True, editable=False)
    # The secret in the private calendar-feed URL; empty when the feed is off (revoked).
    calendar_token = models.CharField(max_length=64, blank=True, editable=False, db_index=True)
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
