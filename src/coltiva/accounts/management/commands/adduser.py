from __future__ import annotations

import getpass
import sys
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from coltiva.accounts import services


class Command(BaseCommand):
    help = "Create an account (while there is no administrator, it becomes the administrator)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email", help="the e-mail the user logs in with")
        parser.add_argument("--name", default="", help="the name shown in the app")
        parser.add_argument(
            "--password-stdin", action="store_true", help="read the password from stdin"
        )
        parser.add_argument("--admin", action="store_true", help="make it an administrator")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["password_stdin"]:
            password = sys.stdin.readline().rstrip("\r\n")
        else:
            password = getpass.getpass("Password: ")
        try:
            user = services.sign_up(
                email=options["email"],
                password=password,
                name=options["name"],
                admin=options["admin"],
            )
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from None
        role = "administrator" if user.is_staff else "user"
        self.stdout.write(f"Created {role} {user.email} (id {user.pk})")
