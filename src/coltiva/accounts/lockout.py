"""Log-in lockout: per account from an address, and per address across accounts.

django-axes counts failures per (username, address) and locks at
``AXES_FAILURE_LIMIT``. It takes one limit for every key, so the second rule, fifty
failures from one address whatever the accounts (someone trying passwords over many
accounts), is added here: when the address has reached
``LOGIN_ADDRESS_FAILURE_LIMIT`` inside the cool-off, every account is locked from it.
Correct log-ins never add to either count, and reset only their own account's.
"""

from __future__ import annotations

from typing import Any

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest


def address_failures(request: HttpRequest) -> int:
    address = getattr(request, "axes_ip_address", None)
    if not address:
        return 0
    rows = AccessAttempt.objects.filter(
        ip_address=address, attempt_time__gte=get_cool_off_threshold(request)
    )
    return int(rows.aggregate(total=Sum("failures_since_start"))["total"] or 0)


class AddressAwareHandler(AxesDatabaseHandler):
    def get_failures(self, request: HttpRequest, credentials: dict[str, Any] | None = None) -> int:
        failures = int(super().get_failures(request, credentials))
        if address_failures(request) >= settings.LOGIN_ADDRESS_FAILURE_LIMIT:
            # Axes compares this number with the per-account limit: report the address
            # as locked whatever the account.
            return max(failures, get_failure_limit(request, credentials))
        return failures
