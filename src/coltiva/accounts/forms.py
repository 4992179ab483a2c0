from __future__ import annotations

import zoneinfo
from typing import Any

import phonenumbers
from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm, UserCreationForm
from django.utils.translation import gettext_lazy as _

from coltiva import display
from coltiva.accounts.models import User
from coltiva.edge.widgets import QuickSelect

TIME_ZONES = sorted(zoneinfo.available_timezones())


class SignupForm(UserCreationForm[User]):
    # Filled by coltiva.js from Intl.DateTimeFormat(); an unknown value is ignored.
    time_zone = forms.CharField(
        required=False,
        max_length=64,
        widget=forms.HiddenInput(attrs={"data-browser-time-zone": ""}),
    )

    class Meta:
        model = User
        fields = ("email", "name")

    def clean_email(self) -> str:
        # No "already exists" here: the page must not tell who has an account (the
        # address's owner is told by e-mail, accounts.services.request_sign_up).
        return str(self.cleaned_data["email"]).strip().lower()

    def validate_unique(self) -> None:
        pass


class LoginForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("E-mail"), widget=forms.EmailInput(attrs={"autofocus": True})
    )

    def confirm_login_allowed(self, user: Any) -> None:
        super().confirm_login_allowed(user)
        if getattr(user, "email_confirmed_at", None) is None:
            raise forms.ValidationError(
                _("Confirm your e-mail address first: follow the link we sent you."),
                code="unconfirmed",
            )


class ProfileForm(forms.ModelForm[User]):
    time_zone = forms.ChoiceField(
        label=_("Time zone"), choices=[(z, z) for z in TIME_ZONES], widget=QuickSelect
    )

    class Meta:
        model = User
        fields = (
            "name",
            "time_zone",
            "language",
            "phone_region",
            "currency",
            "agenda_size",
            "weekly_meetings",
            "digest_enabled",
            "digest_weekday",
        )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        language = self.fields["language"]
        assert isinstance(language, forms.ChoiceField)
        language.choices = [
            ("", _("As my browser")),
            *((code, name) for code, name in settings.LANGUAGES),
        ]
        currency = self.fields["currency"]
        assert isinstance(currency, forms.ChoiceField)
        currency.choices = [(code, display.currency_name(code)) for code in display.CURRENCIES]
        # A browser always sends the select; a script that leaves it out keeps the current one.
        currency.required = False

    def clean_currency(self) -> str:
        chosen: str = self.cleaned_data.get("currency") or ""
        return chosen or self.instance.currency or display.DEFAULT_CURRENCY

    def clean_phone_region(self) -> str:
        region: str = self.cleaned_data["phone_region"].strip().upper()
        if region not in phonenumbers.SUPPORTED_REGIONS:
            raise forms.ValidationError(_("Use a two-letter country code, such as IT or GB."))
        return region
