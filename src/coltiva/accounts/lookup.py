from __future__ import annotations

from django.core.management.base import CommandError

from coltiva.accounts.models import User


def user_by_email(email: str) -> User:
    """The account for a command's ``--user``; a clear error when there is none."""
    user = User.objects.filter(email__iexact=email.strip()).first()
    if user is None:
        raise CommandError(f"no account with e-mail {email!r}")
    return user
