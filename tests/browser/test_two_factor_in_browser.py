"""Two-factor log-in in a real browser: setting up an authenticator app from the
profile and logging in with its code; adding a passkey with Chromium's virtual
authenticator (DevTools' WebAuthn domain) and logging in with it; leaving."""

from __future__ import annotations

from base64 import b32decode
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from browser_helpers import PASSWORD, log_in
from django_otp.oath import totp

from coltiva.accounts import twofactor
from coltiva.accounts.models import User

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def nina(db: None) -> User:
    return User.objects.create_user("nina@example.com", PASSWORD, name="Nina", language="en")


def code_from(secret: str) -> str:
    return f"{totp(b32decode(secret.replace(' ', ''))):06d}"


def test_setting_up_an_authenticator_app_and_logging_in_with_its_code(
    desktop, live_server, nina: User, axe
) -> None:
    base = live_server.url
    # Codes follow the clock (server side): step it forward instead of waiting 30 s.
    with time_machine.travel(datetime.now(UTC), tick=True) as clock:
        log_in(desktop, base, nina.email)
        desktop.goto(f"{base}/accounts/profile/")
        desktop.get_by_role("link", name="Two-factor log-in and passkeys").click()
        assert axe(desktop) == []
        desktop.get_by_role("button", name="Set up an authenticator app").click()
        assert desktop.locator("figure.qr svg").count() == 1
        assert axe(desktop) == []
        secret = desktop.locator("#totp-secret").inner_text()
        desktop.get_by_label("Code from the app").fill(code_from(secret))
        desktop.get_by_role("button", name="Turn on").click()

        desktop.get_by_role("heading", name="Your recovery codes").wait_for()
        codes = desktop.locator(".recovery-codes code").all_inner_texts()
        assert len(codes) == 10
        download = desktop.get_by_role("button", name="Download the codes")
        assert download.get_attribute("download") == "coltiva-recovery-codes.txt"
        assert axe(desktop) == []
        desktop.get_by_role("button", name="I have saved them").click()
        assert "On." in desktop.locator("main").inner_text()

        desktop.context.clear_cookies()
        clock.shift(timedelta(seconds=30))
        desktop.goto(f"{base}/accounts/login/")
        desktop.locator("#id_username").fill(nina.email)
        desktop.locator("#id_password").fill(PASSWORD)
        desktop.get_by_role("button", name="Log in").click()
        desktop.wait_for_url(f"{base}/accounts/login/code/")
        assert axe(desktop) == []
        desktop.get_by_label("Code").fill("000000")
        desktop.get_by_role("button", name="Verify").click()
        desktop.get_by_text("That code is not right").wait_for()
        clock.shift(timedelta(seconds=3))
        desktop.get_by_label("Code").fill(code_from(secret))
        desktop.get_by_role("button", name="Verify").click()
        desktop.wait_for_url(f"{base}/")


def test_adding_a_passkey_and_logging_in_with_it(desktop, live_server, nina: User, axe) -> None:
    base = live_server.url
    assert base.startswith("http://localhost:")  # a passkey needs a domain, not an address
    cdp = desktop.context.new_cdp_session(desktop)
    cdp.send("WebAuthn.enable")
    cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
                "automaticPresenceSimulation": True,
            }
        },
    )
    log_in(desktop, base, nina.email)
    desktop.goto(f"{base}/accounts/two-factor/")
    desktop.get_by_role("button", name="Add a passkey").click()
    # The page reloads with the new passkey listed.
    desktop.get_by_role("button", name="Remove").wait_for()
    assert len(twofactor.status(nina).passkeys) == 1
    assert axe(desktop) == []

    desktop.context.clear_cookies()
    desktop.goto(f"{base}/accounts/login/")
    desktop.get_by_role("button", name="Use a passkey").click()
    desktop.wait_for_url(f"{base}/")
    assert desktop.get_by_role("link", name="Profile").count() >= 0
    desktop.goto(f"{base}/people/")
    assert "/accounts/login/" not in desktop.url


def test_leaving_from_the_profile(desktop, live_server, nina: User, axe) -> None:
    base = live_server.url
    log_in(desktop, base, nina.email)
    desktop.goto(f"{base}/accounts/profile/")
    desktop.get_by_role("link", name="Download everything or delete your account").click()
    assert axe(desktop) == []
    with desktop.expect_download() as download:
        desktop.get_by_role("button", name="Download everything").click()
    assert download.value.suggested_filename.endswith(".zip")
    desktop.get_by_label("Password").fill(PASSWORD)
    desktop.get_by_role("button", name="Delete my account and my book").click()
    desktop.get_by_text("Your account and your whole book are deleted").wait_for()
    assert not User.objects.filter(email=nina.email).exists()
