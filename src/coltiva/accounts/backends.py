"""The signed-in user of each request, from the shared cache instead of a query.

Django's ``ModelBackend`` reads the user row on every request. That read and the
session's were two of the three queries of Today and about a millisecond of every
request's time (bench/README.md). The user is kept in the ``shared`` cache (files in the
data directory, so every web worker and the task worker see the same entries) and
forgotten whenever the row changes: ``post_save``/``post_delete`` for saves, and
``forget_user`` where code writes the row with ``update()``. Entries also expire after
``TIMEOUT`` seconds, which bounds the damage of a write that forgets to forget.

Django checks the session's hash of the password against the user on every request,
cached or not, so a password change still ends other sessions at once.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.core.cache import caches
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from coltiva.accounts.models import User

TIMEOUT = 300


def _key(pk: object) -> str:
    return f"user-{pk}"


def forget_user(pk: object) -> None:
    caches["shared"].delete(_key(pk))


class CachedModelBackend(ModelBackend):
    def get_user(self, user_id: Any) -> Any:
        cache = caches["shared"]
        user = cache.get(_key(user_id))
        if not isinstance(user, User) or user.pk != _int(user_id):
            user = super().get_user(user_id)
            if user is not None:
                cache.set(_key(user_id), user, TIMEOUT)
        return user if self.user_can_authenticate(user) else None


def _int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@receiver(post_save, sender=User)
@receiver(post_delete, sender=User)
def _user_changed(sender: type[User], instance: User, **kwargs: Any) -> None:
    forget_user(instance.pk)
