from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from coltiva import address
from coltiva.demo import services
from coltiva.demo.plan import SIZES


class Command(BaseCommand):
    help = "Fill an empty book with a realistic demo network (people, touches, referrals)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--user", required=True, help="the account whose book to fill")
        parser.add_argument(
            "--size", choices=list(SIZES), default="small", help="the book's size (default: small)"
        )
        parser.add_argument("--seed", type=int, default=1, help="same seed, same book")
        parser.add_argument("--create", action="store_true", help="make the account if missing")
        parser.add_argument("--password", default="", help="for an account made by --create")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            user, password = services.demo_account(
                options["user"], create=options["create"], password=options["password"]
            )
        except LookupError as exc:
            raise CommandError(str(exc)) from exc
        size = SIZES[options["size"]]
        self.stdout.write(
            f"Writing a {options['size']} book ({size.people} people, {size.touches} touches) "
            f"for {user.email}, seed {options['seed']}..."
        )
        try:
            summary = services.generate(
                user,
                size=options["size"],
                seed=options["seed"],
                progress=lambda message: self.stderr.write(f"  {message}"),
            )
        except services.BookNotEmpty as exc:
            # Running it again is harmless: `make demo` twice leaves the first book alone.
            self.stdout.write(f"{exc}: nothing written.")
            return
        w = summary.written
        self.stdout.write(
            f"Done in {summary.seconds:.1f} s: {w.people} people, {w.touches} touches, "
            f"{w.events} events, {w.referrals} referrals, {w.introductions} introductions, "
            f"{w.links} links, {w.plans} plans."
        )
        self.stdout.write(
            f"Planted complementary pairs ({summary.planted_pairs}): {summary.pairs_path}"
        )
        self._login(user.email, password)

    def _login(self, email: str, password: str) -> None:
        self.stdout.write(f"Log in at {address.base_url()} as {email}")
        if password:
            self.stdout.write(f"  password: {password}")
