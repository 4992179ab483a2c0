"""Use cases for accounts, shared by the sign-up page and ``coltiva adduser``."""

from __future__ import annotations

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from coltiva.accounts.models import User


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
) -> User:
    """Create an account. While the installation has no active administrator, the account
    created is its administrator (a demo account, made by ``coltiva demo``, never is)."""
    email = email.strip().lower()
    validate_email(email)
    if User.objects.filter(email__iexact=email).exists():
        raise ValidationError(_("An account with this e-mail already exists."))
    first = not has_administrator()
    user = User(email=email, name=name, language=language)
    user.time_zone = time_zone or user.time_zone
    user.phone_region = phone_region or user.phone_region
    validate_password(password, user)
    user.set_password(password)
    user.is_staff = user.is_superuser = admin or first
    user.save()
    return user


def has_administrator() -> bool:
    """Whether an active administrator exists: until one does, the next account made by
    sign-up or ``coltiva adduser`` becomes it, so a demo account made first (user 1)
    never leaves the installation without one."""
    return User.objects.filter(is_staff=True, is_superuser=True, is_active=True).exists()
