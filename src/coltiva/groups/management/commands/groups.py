from __future__ import annotations

import json
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from coltiva.accounts.lookup import user_by_email
from coltiva.groups import services
from coltiva.groups.models import Group

# The words for a refused setting (services raise codes, the entry point words them).
_BAD_SETTING = {
    "name": "give the group a name",
    "time_zone": "unknown time zone (an IANA name such as Europe/Rome)",
    "currency": f"currency must be one of {', '.join(services.CURRENCIES)}",
}


class Command(BaseCommand):
    help = "List the groups a user belongs to, or create a group with the user as president."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        listing = actions.add_parser("list", help="the user's groups, one per line")
        listing.add_argument("--user", required=True, help="a member (e-mail)")
        listing.add_argument("--json", action="store_true", help="print a JSON list")
        create = actions.add_parser("create", help="a new group; the user is its president")
        create.add_argument("name")
        create.add_argument("--user", required=True, help="its president (e-mail)")
        create.add_argument("--time-zone", default="", help="the group's (default: the user's)")
        create.add_argument("--currency", default="EUR", help="EUR (default), USD, GBP or CHF")
        create.add_argument("--classification", default="", help="the president's, free text")

    def handle(self, *args: Any, **options: Any) -> None:
        user = user_by_email(options["user"])
        if options["action"] == "list":
            self._list(services.my_groups(user), as_json=options["json"])
            return
        values = services.GroupSettings(
            name=options["name"],
            time_zone=options["time_zone"] or user.time_zone,
            currency=options["currency"].upper(),
        )
        try:
            group = services.create_group(user, values, options["classification"])
        except ValidationError as exc:
            field = next(iter(exc.message_dict))
            raise CommandError(_BAD_SETTING.get(field, "invalid group")) from exc
        self.stdout.write(f"Created group {group.pk}: {group.name} (you are its president)")

    def _list(self, groups: list[Group], *, as_json: bool) -> None:
        if as_json:
            rows = [_as_json(g) for g in groups]
            self.stdout.write(json.dumps(rows, indent=2, ensure_ascii=False))
            return
        if not groups:
            self.stdout.write("No groups.")
        for g in groups:
            self.stdout.write(f"{g.pk}\t{g.name}\t{g.time_zone}\t{g.currency}")


def _as_json(group: Group) -> dict[str, Any]:
    return {
        "id": group.pk,
        "name": group.name,
        "time_zone": group.time_zone,
        "currency": group.currency,
        "meeting_weekday": group.meeting_weekday,
        "meeting_time": group.meeting_time.isoformat() if group.meeting_time else None,
        "place": group.place,
        "lock_classifications": group.lock_classifications,
    }
