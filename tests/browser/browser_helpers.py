"""What the browser journeys share: the cast's password, logging in through the form,
and confirming a sign-up from the e-mailed link."""

from __future__ import annotations

import re

from django.core import mail

PASSWORD = "correct horse battery 9"


def log_in(page, base: str, email: str) -> None:  # type: ignore[no-untyped-def]
    """Log in through the real form and wait for Today."""
    page.goto(f"{base}/accounts/login/")
    page.locator("#id_username").fill(email)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{base}/")


def confirm_from_inbox(page, base: str, email: str) -> None:  # type: ignore[no-untyped-def]
    """Follow the e-mailed confirmation link and press its button (which logs in)."""
    page.get_by_role("heading", name="Check your inbox").wait_for()
    message = [m for m in mail.outbox if m.to == [email]][-1]
    found = re.search(r"/accounts/confirm/\S+/", message.body)
    assert found is not None
    page.goto(base + found.group(0))
    page.get_by_role("button", name="Confirm and log in").click()
    page.wait_for_url(f"{base}/")
