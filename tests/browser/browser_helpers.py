"""What the browser journeys share: the cast's password and logging in through the form."""

from __future__ import annotations

PASSWORD = "correct horse battery 9"


def log_in(page, base: str, email: str) -> None:  # type: ignore[no-untyped-def]
    """Log in through the real form and wait for Today."""
    page.goto(f"{base}/accounts/login/")
    page.locator("#id_username").fill(email)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{base}/")
