"""Background tasks of the base app (django-tasks; ``coltiva serve`` runs the worker)."""

from __future__ import annotations

from django_tasks import task

from coltiva.accounts.models import User
from coltiva.people import refresh


@task()
def catch_up(user_id: int) -> None:
    """Finish the day's refresh of a book too large to refresh inside a request."""
    user = User.objects.filter(pk=user_id).first()
    if user is not None:
        refresh.catch_up(user)
