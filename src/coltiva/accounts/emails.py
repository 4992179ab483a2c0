"""The e-mails of sign-up: the confirmation link, and "you already have an account".

Both go to the address typed, in the language of the page (or the account's), and the
page that sent them says the same either way, so it never tells whether an address
has an account.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from coltiva import address
from coltiva.accounts import services
from coltiva.accounts.models import User


def _send(user: User, language: str, template: str, context: dict[str, object]) -> None:
    with translation.override(user.language or language or settings.LANGUAGE_CODE):
        base = address.base_url()
        context = {"email": user.email, "base_url": base} | context
        subject = render_to_string(f"accounts/{template}_subject.txt", context).strip()
        body = render_to_string(f"accounts/{template}_email.txt", context)
    send_mail(subject, body, None, [user.email])


def send_confirmation(user: User, language: str) -> None:
    link = address.base_url() + reverse(
        "accounts:confirm_email", args=[services.confirmation_token(user)]
    )
    _send(user, language, "confirm", {"link": link, "days": settings.EMAIL_CONFIRMATION_DAYS})


def send_already_registered(user: User, language: str) -> None:
    base = address.base_url()
    _send(
        user,
        language,
        "already_registered",
        {
            "login_url": base + reverse("accounts:login"),
            "reset_url": base + reverse("accounts:password_reset"),
        },
    )
