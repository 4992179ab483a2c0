from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from coltiva.accounts.lookup import user_by_email
from coltiva.people import services
from coltiva.people.forms import ContactPointForm, PersonForm


def split_name(name: str) -> tuple[str, str]:
    """'Anna Maria Rossi' -> ('Anna Maria', 'Rossi'); a single word is a given name."""
    parts = name.strip().rsplit(" ", 1)
    return (parts[0], parts[1]) if len(parts) == 2 else (parts[0], "")


def first_error(form: Any) -> str:
    for field, errors in form.errors.items():
        label = field if field != "__all__" else "input"
        return f"{label}: {errors[0]}"
    return "invalid input"


class Command(BaseCommand):
    help = "Manage the people in a book: 'people add --user EMAIL NAME ...' prints the new id."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        add = sub.add_parser("add", help="add a person")
        add.add_argument("--user", required=True, help="the book's owner (e-mail)")
        add.add_argument("name")
        for option in ("company", "email", "phone", "profession", "offers", "looks-for", "city"):
            add.add_argument(f"--{option}", default="")

    def handle(self, *args: Any, **options: Any) -> None:
        user = user_by_email(options["user"])
        given, family = split_name(options["name"])
        data = {
            "given_name": given,
            "family_name": family,
            "company": options["company"],
            "profession": options["profession"],
            "offers": options["offers"],
            "looks_for": options["looks_for"],
            "city": options["city"],
        }
        form = PersonForm(data, today=user.local_today())
        if not form.is_valid():
            raise CommandError(first_error(form))
        contacts = []
        for kind, value in (("email", options["email"]), ("phone", options["phone"])):
            if value:
                cform = ContactPointForm(
                    {"kind": kind, "value": value, "label": ""}, region=user.phone_region
                )
                if not cform.is_valid():
                    raise CommandError(f"{kind}: {cform.errors['value'][0]}")
                contacts.append(services.ContactInput(kind, value))
        person = services.create_person(user, form.person_fields(), contacts)
        self.stdout.write(str(person.pk))
