from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils import translation

from coltiva import display
from coltiva.accounts.lookup import user_by_email
from coltiva.accounts.models import User
from coltiva.domain.touches import Kind, Problem
from coltiva.events.models import Event
from coltiva.people import presenters, services


def parse_date(raw: str) -> date:
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise CommandError(f"--on: {raw!r} is not a date (YYYY-MM-DD)") from None


def _refusal(field: str, error: ValidationError) -> str:
    # A terminal can list the kinds after an unknown one, where a form offers a select.
    if error.code == Problem.UNKNOWN_KIND:
        return f"unknown kind {(error.params or {}).get('kind')!r}; use one of: " + ", ".join(Kind)
    return f"--{field.replace('_', '-')}: {' '.join(error.messages)}"


def _one_line(exc: ValidationError) -> str:
    """Each refusal after the option it is about: "--value: Ensure that ..."."""
    if not hasattr(exc, "error_dict"):
        return " ".join(exc.messages)
    return "; ".join(
        _refusal(field, error) for field, errors in exc.error_dict.items() for error in errors
    )


def _event_id(user: User, name: str | None, on: date) -> int | None:
    """The event the touch names, created if new."""
    if not name:
        return None
    event, _created = Event.objects.get_or_create(
        owner=user, name=name.strip()[:200], defaults={"on": on}
    )
    return event.pk


class Command(BaseCommand):
    help = "Log a touch: 'log --user EMAIL PERSON KIND [--on YYYY-MM-DD] ...'."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--user", required=True, help="the book's owner (e-mail)")
        parser.add_argument("person", help="an id, an e-mail, or a name matching one person")
        parser.add_argument("kind", help="one of: " + ", ".join(k.value for k in Kind))
        parser.add_argument("--on", help="the day (default: today in the user's time zone)")
        parser.add_argument("--note", default="")
        parser.add_argument("--minutes", type=int)
        parser.add_argument("--event", help="the event's name (created if new)")
        parser.add_argument("--direction", default="", choices=["", "for_me", "for_them"])
        parser.add_argument("--value")

    def handle(self, *args: Any, **options: Any) -> None:
        user = user_by_email(options["user"])
        try:
            person = services.find_person(user, options["person"])
        except LookupError as exc:
            raise CommandError(str(exc)) from None
        on = parse_date(options["on"]) if options["on"] else user.local_today()
        value = None
        if options["value"] is not None:
            try:
                value = Decimal(options["value"])
            except InvalidOperation:
                raise CommandError(f"--value: {options['value']!r} is not a number") from None
            if not value.is_finite():
                raise CommandError(f"--value: {options['value']!r} is not a number")
        kind = options["kind"]
        try:
            # One transaction: a refused touch leaves no event behind.
            with transaction.atomic():
                event_id = _event_id(user, options["event"], on)
                # Judged before the ask is saved, on the touches before its day, as the
                # web does before it asks to confirm.
                early = services.early_ask(person, kind=kind, on=on)
                touch = services.log_touch(
                    person,
                    kind=kind,
                    on=on,
                    minutes=options["minutes"],
                    note=options["note"],
                    direction=options["direction"],
                    value=value,
                    event_id=event_id,
                )
        except ValidationError as exc:
            raise CommandError(_one_line(exc)) from None
        person.relationship.refresh_from_db()
        worth = ""
        if touch.value is not None:
            with translation.override(user.language or "en"):
                worth = f" worth {display.money(touch.value, user.currency)}"
        self.stdout.write(
            f"Logged {touch.kind}{worth} with {person.display_name} on {touch.on.isoformat()} "
            f"(touch {touch.pk}); stage: {person.relationship.stage}"
        )
        if early is not None:
            with translation.override(user.language or "en"):
                warning = presenters.early_ask_sentence(person.first_name, early)
            self.stderr.write(f"Warning: {warning}")
