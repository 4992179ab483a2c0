"""What the accounts app does when someone logs in, fails, is locked out or logs out,
and the signal it sends when a password changes (feature apps rotate their tokens)."""

from __future__ import annotations

from typing import Any

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import post_save
from django.dispatch import Signal, receiver
from django.http import HttpRequest
from django_otp_webauthn.models import WebAuthnCredential

from coltiva.accounts import audit, sessions
from coltiva.accounts.models import User

# Sent with ``user`` after a password change or reset: every secret that stood for the
# old password (the calendar feed's address) must be replaced.
password_changed = Signal()


@receiver(user_logged_in)
def _logged_in(sender: Any, request: HttpRequest | None, user: User, **kwargs: Any) -> None:
    if request is None or not hasattr(request, "session"):
        return
    sessions.started(request, user)
    audit.record(audit.LOGIN, user=user, request=request)


@receiver(user_logged_out)
def _logged_out(sender: Any, request: HttpRequest | None, user: User | None, **kwargs: Any) -> None:
    if request is None:
        return
    sessions.forget(request.session.session_key)
    if user is not None:
        audit.record(audit.LOGOUT, user=user, request=request)


def _account_named(credentials: dict[str, Any]) -> User | None:
    # Only the account is kept, never the text typed: people type passwords there too.
    name = credentials.get("username") or credentials.get("email")
    if not isinstance(name, str) or not name.strip():
        return None
    return User.objects.filter(email__iexact=name.strip()[:254]).first()


@receiver(user_login_failed)
def _login_failed(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    if request is None:
        return
    audit.record(audit.LOGIN_FAILED, user=_account_named(credentials), request=request)


@receiver(user_locked_out)
def _locked_out(
    sender: Any, request: HttpRequest, username: str | None = None, **kwargs: Any
) -> None:
    user = _account_named({"username": username})
    audit.record(audit.LOCKED_OUT, user=user, request=request)


@receiver(post_save, sender=WebAuthnCredential)
def _passkey_added(sender: Any, instance: WebAuthnCredential, created: bool, **kwargs: Any) -> None:
    # django-otp-webauthn registers passkeys in its own views: its row is the one place
    # every new passkey passes through.
    if created:
        audit.record(audit.PASSKEY_ADDED, user=instance.user)
