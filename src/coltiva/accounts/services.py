"""Use cases for accounts, shared by the web pages and ``coltiva adduser``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.password_validation import validate_password
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _

from coltiva.accounts import audit, sessions
from coltiva.accounts.models import User
from coltiva.accounts.signals import password_changed

CONFIRM_SALT = "coltiva.accounts.confirm-email"
HOUR = timedelta(hours=1)


@transaction.atomic
def sign_up(
    *,
    email: str,
    password: str,
    name: str = "",
    language: str = "",
    admin: bool = False,
    time_zone: str = "",
    phone_region: str = "",
    confirmed: bool = True,
) -> User:
    """Create an account. A confirmed one (``coltiva adduser``: the operator vouches) is
    confirmed at once, and becomes the administrator while the installation has none; an
    unconfirmed one (web sign-up) waits for ``confirm_email``."""
    email = email.strip().lower()
    validate_email(email)
    if User.objects.filter(email__iexact=email).exists():
        raise ValidationError(_("An account with this e-mail already exists."))
    user = User(email=email, name=name, language=language)
    user.time_zone = time_zone or user.time_zone
    user.phone_region = phone_region or user.phone_region
    validate_password(password, user)
    user.set_password(password)
    user.is_staff = user.is_superuser = admin
    user.save()
    if confirmed:
        confirm_email(user)
    return user


@dataclass(frozen=True)
class SignUpRequest:
    """What a web sign-up did; the page says the same whatever it is."""

    # "created", "renewed" (unconfirmed: a new password and link), "exists" (confirmed:
    # an e-mail says so), "quiet" (this e-mail's limit: nothing sent), "limited" (this
    # client address's limit: the page says to wait).
    outcome: str
    user: User | None


def request_sign_up(
    *,
    email: str,
    password: str,
    address: str | None,
    name: str = "",
    language: str = "",
    time_zone: str = "",
    phone_region: str = "",
) -> SignUpRequest:
    """A web sign-up: a new, unconfirmed account (or a new password for one still
    unconfirmed, since whoever confirms proves the address), or, for a confirmed address,
    nothing but the e-mail that says so. Limited per client address and per e-mail."""
    email = email.strip().lower()
    if address and _recent(audit.SIGNUP_REQUESTED, address=address) >= (
        settings.SIGNUP_LIMIT_PER_ADDRESS
    ):
        return SignUpRequest("limited", None)
    existing = User.objects.filter(email__iexact=email).first()
    if existing is not None and _recent(audit.SIGNUP_REQUESTED, user=existing) >= (
        settings.SIGNUP_LIMIT_PER_EMAIL
    ):
        return SignUpRequest("quiet", None)
    if existing is None:
        user = sign_up(
            email=email,
            password=password,
            name=name,
            language=language,
            time_zone=time_zone,
            phone_region=phone_region,
            confirmed=False,
        )
        outcome = "created"
    elif existing.email_confirmed_at is None:
        validate_password(password, existing)
        existing.set_password(password)
        existing.save(update_fields=["password"])
        user, outcome = existing, "renewed"
    else:
        # Hash anyway: answering faster when the address has an account would tell.
        make_password(password)
        user, outcome = existing, "exists"
    audit.record(audit.SIGNUP_REQUESTED, user=user, address=address)
    return SignUpRequest(outcome, user)


def resend_confirmation(email: str, address: str | None) -> User | None:
    """The account to send a new confirmation link to: unconfirmed, within the limits."""
    user = User.objects.filter(email__iexact=email.strip(), email_confirmed_at=None).first()
    if user is None or not user.is_active:
        return None
    limits = (settings.SIGNUP_LIMIT_PER_EMAIL, settings.SIGNUP_LIMIT_PER_ADDRESS)
    return user if _count_if_allowed(audit.SIGNUP_REQUESTED, user, address, limits) else None


def _recent(event: str, *, user: User | None = None, address: str | None = None) -> int:
    return audit.count_since(event, since=HOUR, user=user, address=address)


def _count_if_allowed(event: str, user: User, address: str | None, limits: tuple[int, int]) -> bool:
    """Record ``event`` and say True while the last hour's count stays under both limits
    (per account, per client address); the audit log is the counter."""
    per_user, per_address = limits
    if address and _recent(event, address=address) >= per_address:
        return False
    if _recent(event, user=user) >= per_user:
        return False
    audit.record(event, user=user, address=address)
    return True


def _fingerprint(user: User) -> str:
    # Changes when the password does or the address is confirmed: an older link stops
    # working then (single use, and a new sign-up's link replaces the last one).
    state = f"{user.pk}:{user.password}:{user.email}:{user.email_confirmed_at}"
    return salted_hmac(CONFIRM_SALT, state).hexdigest()[:20]


def confirmation_token(user: User) -> str:
    return signing.dumps({"u": user.pk, "f": _fingerprint(user)}, salt=CONFIRM_SALT)


def user_for_confirmation(token: str) -> User | None:
    """The account a confirmation link names, while it is fresh and unused."""
    try:
        data = signing.loads(
            token, salt=CONFIRM_SALT, max_age=timedelta(days=settings.EMAIL_CONFIRMATION_DAYS)
        )
        user = User.objects.filter(pk=int(data["u"]), is_active=True).first()
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None
    if user is None or user.email_confirmed_at is not None:
        return None
    return user if constant_time_compare(data.get("f", ""), _fingerprint(user)) else None


@transaction.atomic
def confirm_email(user: User, *, address: str | None = None) -> User:
    """The address is proven (the e-mailed link; later a group's invitation): the account
    can log in. While the installation has no active administrator, it becomes it."""
    if user.email_confirmed_at is not None:
        return user
    user.email_confirmed_at = timezone.now()
    fields = ["email_confirmed_at"]
    if not has_administrator():
        user.is_staff = user.is_superuser = True
        fields += ["is_staff", "is_superuser"]
    user.save(update_fields=fields)
    audit.record(audit.EMAIL_CONFIRMED, user=user, address=address)
    return user


def has_administrator() -> bool:
    """Whether an active administrator exists: until one does, the next confirmed account
    made by sign-up or ``coltiva adduser`` becomes it, so a demo account made first
    (user 1) never leaves the installation without one."""
    return User.objects.filter(is_staff=True, is_superuser=True, is_active=True).exists()


def reset_allowed(user: User, address: str | None) -> bool:
    """Whether one more password-reset e-mail may go to ``user`` (and be recorded)."""
    limits = (settings.RESET_LIMIT_PER_ACCOUNT, settings.RESET_LIMIT_PER_ADDRESS)
    return _count_if_allowed(audit.PASSWORD_RESET_REQUESTED, user, address, limits)


def password_set(user: User, *, keep_session: str | None, reset: bool, address: str | None) -> None:
    """After a password change (``keep_session``: the session that made it) or a reset
    (every session ends): the other sessions end, and tokens that stood for the old
    password (the calendar feed) are replaced. A reset also proves the address."""
    sessions.end_others(user, keep_session)
    password_changed.send(sender=User, user=user)
    if reset:
        confirm_email(user, address=address)
    audit.record(
        audit.PASSWORD_RESET if reset else audit.PASSWORD_CHANGED, user=user, address=address
    )
