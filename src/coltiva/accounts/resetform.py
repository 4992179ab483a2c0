"""The password-reset form, rate-limited per account and per address, and the form of an
e-mail address alone (sending a confirmation link again)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django import forms
from django.contrib.auth.forms import PasswordResetForm
from django.utils.translation import gettext_lazy as _

from coltiva.accounts import services


class LimitedPasswordResetForm(PasswordResetForm):
    """Sends a reset link only within the limits (``RESET_LIMIT_PER_*``); the page says
    the same either way, so the limits tell nothing about which addresses exist."""

    address: str | None = None

    def get_users(self, email: str) -> Iterator[Any]:
        for user in super().get_users(email):
            if services.reset_allowed(user, self.address):
                yield user


class EmailOnlyForm(forms.Form):
    email = forms.EmailField(label=_("E-mail"), max_length=254)
