from typing import Any

from django.apps import AppConfig


class RemindersConfig(AppConfig):
    name = "coltiva.reminders"
    label = "reminders"

    def ready(self) -> None:
        from coltiva.accounts.signals import password_changed

        password_changed.connect(_rotate_feed, dispatch_uid="reminders.rotate_feed")


def _rotate_feed(sender: Any, user: Any, **kwargs: Any) -> None:
    # The feed's address stood in for the old password: whoever held it must lose it.
    from coltiva.reminders import feed

    feed.rotate(user)
