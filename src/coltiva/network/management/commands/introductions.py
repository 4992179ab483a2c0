from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation

from coltiva.accounts.lookup import user_by_email
from coltiva.network import presenters, suggestions
from coltiva.network.book import book_for
from coltiva.people.models import Person


class Command(BaseCommand):
    help = "Print the introductions worth making in a book, or for one person, with reasons."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--user", required=True, help="the book's owner (e-mail)")
        parser.add_argument("--for", dest="person", type=int, help="only this person's (an id)")
        parser.add_argument("--limit", type=int, default=20, help="how many (default 20)")
        parser.add_argument("--json", action="store_true", help="print a JSON list")

    def handle(self, *args: Any, **options: Any) -> None:
        user = user_by_email(options["user"])
        limit = options["limit"]
        if limit < 1:
            raise CommandError("--limit must be at least 1")
        with translation.override(user.language or "en"):
            # A command may wait for a rebuild; it should never print a stale list.
            book = book_for(user, fresh=True)
            if options["person"] is not None:
                person = Person.objects.alive().filter(owner=user, pk=options["person"]).first()
                if person is None:
                    raise CommandError(f"no person with id {options['person']} in this book")
                pairs = suggestions.for_person(user, person.pk, limit=limit, book=book)
            else:
                pairs = suggestions.for_book(user, limit=limit)
            self._print(presenters.pairs(pairs), as_json=options["json"])

    def _print(self, pairs: list[presenters.ShownPair], *, as_json: bool) -> None:
        if as_json:
            rows = [p.as_json() for p in pairs]
            self.stdout.write(json.dumps(rows, indent=2, ensure_ascii=False))
            return
        if not pairs:
            self.stdout.write("No introductions to suggest yet.")
            return
        for number, p in enumerate(pairs, 1):
            self.stdout.write(
                f"{number:>2}. {p.a_name} ({p.a_id}) <-> {p.b_name} ({p.b_id})  {p.score:.2f}"
            )
            self.stdout.write(f"    {p.reason}")
