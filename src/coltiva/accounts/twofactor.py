"""Two-factor log-in: an authenticator app (TOTP), one-time recovery codes and passkeys,
all django-otp devices. Use cases shared by the profile, the log-in step and leaving.

Each change of a second factor, and each recovery code used, is written to the audit log.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django_otp import devices_for_user, user_has_device
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from coltiva.accounts import audit
from coltiva.accounts.models import User

RECOVERY_CODES = 10
APP_NAME = "app"
RECOVERY_NAME = "recovery"


@dataclass(frozen=True)
class Status:
    app: bool
    passkeys: list[WebAuthnCredential]
    recovery_left: int

    @property
    def enrolled(self) -> bool:
        return self.app or bool(self.passkeys)


def status(user: User) -> Status:
    recovery = StaticDevice.objects.filter(user=user, confirmed=True).first()
    return Status(
        app=TOTPDevice.objects.filter(user=user, confirmed=True).exists(),
        passkeys=list(WebAuthnCredential.objects.filter(user=user, confirmed=True)),
        recovery_left=recovery.token_set.count() if recovery else 0,
    )


def is_enrolled(user: User) -> bool:
    return bool(user_has_device(user, confirmed=True))


def start_app(user: User) -> TOTPDevice:
    """A new, unconfirmed authenticator-app secret; a previous unconfirmed one is dropped,
    so reloading the page never leaves stray secrets behind."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name=APP_NAME, confirmed=False)


def pending_app(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=False).last()


@transaction.atomic
def confirm_app(user: User, device: TOTPDevice, code: str) -> list[str] | None:
    """Confirm the app with its first code; returns fresh recovery codes, or None when
    the code is wrong. A previous app is replaced: one phone at a time."""
    if device.user_id != user.pk or not device.verify_token(_digits(code)):
        return None
    TOTPDevice.objects.filter(user=user, confirmed=True).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    audit.record(audit.TWO_FACTOR_ENROLLED, user=user, detail={"method": "app"})
    return new_recovery_codes(user)


@transaction.atomic
def new_recovery_codes(user: User) -> list[str]:
    """Ten one-time codes, replacing any earlier ones (shown once: only their use is kept)."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=c) for c in codes)
    return codes


def verify(user: User, code: str) -> Device | None:
    """The device that accepts ``code`` (app code or recovery code), else None. A
    recovery code is deleted as it is used, so it works once; wrong codes slow the next
    tries down (django-otp's throttling, per device)."""
    code = code.strip().replace(" ", "").replace("-", "")
    if not code:
        return None
    for device in devices_for_user(user, confirmed=True):
        if isinstance(device, TOTPDevice | StaticDevice) and device.verify_is_allowed()[0]:
            token = _digits(code) if isinstance(device, TOTPDevice) else code.lower()
            with transaction.atomic():
                if device.verify_token(token):
                    if isinstance(device, StaticDevice):
                        audit.record(audit.RECOVERY_CODE_USED, user=user)
                    return device
    return None


@transaction.atomic
def disable(user: User) -> None:
    """Every second factor goes: app, recovery codes and passkeys."""
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    WebAuthnCredential.objects.filter(user=user).delete()
    audit.record(audit.TWO_FACTOR_DISABLED, user=user)


def remove_passkey(user: User, pk: int) -> bool:
    deleted, _ = WebAuthnCredential.objects.filter(user=user, pk=pk).delete()
    if deleted:
        audit.record(audit.PASSKEY_REMOVED, user=user)
    return deleted > 0


def _digits(code: str) -> str:
    return "".join(ch for ch in code if ch.isdigit())
