"""Receivers that keep network data in step with rows saved anywhere (forms, CLI,
imports, the VCP engine), so the people app need not know about matching."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_save
from django.dispatch import receiver

from coltiva.accounts.models import User
from coltiva.network import matches, tasks
from coltiva.people.models import Relationship
from coltiva.people.services import book_refreshed


@receiver(post_save, sender=Relationship, dispatch_uid="network_keep_match")
def keep_match(sender: type[Relationship], instance: Relationship, **kwargs: Any) -> None:
    """A touch reassesses the relationship and its next step loses the match: name it
    again, in the background (it may need the book's index rebuilt)."""
    fields = kwargs.get("update_fields")
    if fields is None or "next_step_params" not in fields:
        return
    if "match" in (instance.next_step_params or {}):
        return
    if matches.qualifies(instance.next_step, instance.stage_rank):
        tasks.schedule_match(instance.owner_id, instance.person_id)


@receiver(book_refreshed, dispatch_uid="network_match_after_refresh")
def match_after_refresh(sender: Any, user: User, **kwargs: Any) -> None:
    """The refresh rewrote every next step: name the match in those that qualify."""
    matches.attach_matches(user)
