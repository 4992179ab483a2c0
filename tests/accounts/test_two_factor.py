"""Two-factor log-in with an authenticator app and recovery codes, through the views."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.test import Client, override_settings
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from coltiva.accounts import audit, twofactor
from coltiva.accounts.models import AuditEvent, User

PASSWORD = "a-long-test-password-42"  # the cast's password (tests/conftest.py)

START = datetime(2026, 5, 4, 9, 0, tzinfo=UTC)


@pytest.fixture
def clock() -> Iterator[time_machine.Coordinates]:
    # TOTP codes follow the clock, and each 30-second code is accepted once.
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


def code_for(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def enrol(user: User, clock: time_machine.Coordinates) -> list[str]:
    device = twofactor.start_app(user)
    codes = twofactor.confirm_app(user, device, code_for(device))
    assert codes is not None
    clock.shift(timedelta(seconds=30))
    return codes


def app_of(user: User) -> TOTPDevice:
    return TOTPDevice.objects.get(user=user, confirmed=True)


def password_step(client: Client, user: User) -> str:
    response = client.post(
        "/accounts/login/", {"username": user.email, "password": PASSWORD, "next": "/people/"}
    )
    assert response.status_code == 302
    return str(response["Location"])


def test_enrolment_shows_a_qr_code_and_the_secret_then_ten_recovery_codes(
    alice_client: Client, alice: User, clock: time_machine.Coordinates
) -> None:
    page = alice_client.get("/accounts/two-factor/app/")
    assert page.status_code == 200
    assert b"<svg" in page.content
    device = TOTPDevice.objects.get(user=alice, confirmed=False)
    secret = page.context["secret"].replace(" ", "")
    assert secret and secret in page.content.decode().replace(" ", "")

    done = alice_client.post("/accounts/two-factor/app/", {"code": code_for(device)})

    assert done.status_code == 200
    codes = done.context["codes"]
    assert len(codes) == 10 and len(set(codes)) == 10
    assert all(code in done.content.decode() for code in codes)
    assert b'download="coltiva-recovery-codes.txt"' in done.content
    assert twofactor.is_enrolled(alice)


def test_a_wrong_first_code_turns_nothing_on(
    alice_client: Client, alice: User, clock: time_machine.Coordinates
) -> None:
    alice_client.get("/accounts/two-factor/app/")
    response = alice_client.post("/accounts/two-factor/app/", {"code": "000000"})
    assert response.status_code == 200
    assert "not right" in response.content.decode()
    assert not twofactor.is_enrolled(alice)


def test_an_enrolled_account_gives_a_code_after_the_password(
    alice: User, clock: time_machine.Coordinates
) -> None:
    enrol(alice, clock)
    client = Client()

    assert password_step(client, alice) == "/accounts/login/code/"
    # The password alone reaches nothing.
    assert client.get("/people/").status_code == 302
    wrong = client.post("/accounts/login/code/", {"code": "123456"})
    assert wrong.status_code == 200 and "not right" in wrong.content.decode()
    assert client.get("/people/").status_code == 302
    # After a wrong code the next try waits a second (django-otp's throttling).
    clock.shift(timedelta(seconds=2))

    done = client.post("/accounts/login/code/", {"code": code_for(app_of(alice))})
    assert done.status_code == 302 and done["Location"] == "/people/"
    assert client.get("/people/").status_code == 200


def test_a_recovery_code_logs_in_once(alice: User, clock: time_machine.Coordinates) -> None:
    codes = enrol(alice, clock)
    first = Client()
    password_step(first, alice)
    assert first.post("/accounts/login/code/", {"code": codes[0].upper()}).status_code == 302
    assert first.get("/people/").status_code == 200
    assert StaticToken.objects.filter(device__user=alice).count() == 9

    second = Client()
    password_step(second, alice)
    again = second.post("/accounts/login/code/", {"code": codes[0]})
    assert again.status_code == 200 and "already used" in again.content.decode()
    assert second.get("/people/").status_code == 302


def test_the_second_step_expires(alice: User, clock: time_machine.Coordinates) -> None:
    enrol(alice, clock)
    client = Client()
    password_step(client, alice)
    clock.shift(timedelta(minutes=6))
    response = client.post("/accounts/login/code/", {"code": code_for(app_of(alice))})
    assert response.status_code == 302 and response["Location"] == "/accounts/login/"
    assert client.get("/people/").status_code == 302


def test_turning_it_off_needs_the_password_and_a_code(
    alice: User, clock: time_machine.Coordinates
) -> None:
    enrol(alice, clock)
    client = Client()
    password_step(client, alice)
    client.post("/accounts/login/code/", {"code": code_for(app_of(alice))})
    clock.shift(timedelta(seconds=30))

    no_code = client.post("/accounts/two-factor/disable/", {"password": PASSWORD, "code": ""})
    assert no_code.status_code == 400 and twofactor.is_enrolled(alice)
    bad_password = client.post(
        "/accounts/two-factor/disable/", {"password": "nope", "code": code_for(app_of(alice))}
    )
    assert bad_password.status_code == 400 and twofactor.is_enrolled(alice)

    done = client.post(
        "/accounts/two-factor/disable/", {"password": PASSWORD, "code": code_for(app_of(alice))}
    )
    assert done.status_code == 302
    assert not twofactor.is_enrolled(alice)
    assert password_step(Client(), alice) == "/people/"


def test_an_account_without_a_second_factor_logs_in_with_the_password(alice: User) -> None:
    assert password_step(Client(), alice) == "/people/"


def test_another_users_passkey_cannot_be_removed(alice_client: Client, bob: User) -> None:
    from django_otp_webauthn.models import WebAuthnCredential

    key = WebAuthnCredential.objects.create(
        user=bob, name="bob's key", credential_id=b"x" * 16, public_key=b"k", sign_count=0
    )
    response = alice_client.post(f"/accounts/two-factor/passkeys/{key.pk}/remove/")
    assert response.status_code == 404
    assert WebAuthnCredential.objects.filter(pk=key.pk).exists()


@pytest.fixture
def admin(db: None) -> User:
    return User.objects.create_superuser("root@example.com", PASSWORD, language="en")


@override_settings(REQUIRE_2FA_ADMIN=True)
def test_an_administrator_without_a_device_is_sent_to_enrol_first(admin: User, alice: User) -> None:
    client = Client()
    client.force_login(admin)
    for path in ("/", "/people/", "/admin/", "/imports/"):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"] == "/accounts/two-factor/"
    page = client.get("/accounts/two-factor/")
    assert "Administrators must turn on two-factor log-in" in page.content.decode()
    # A user who is not an administrator is not held.
    other = Client()
    other.force_login(alice)
    assert other.get("/people/").status_code == 200


@override_settings(REQUIRE_2FA_ADMIN=True)
def test_an_administrator_reaches_the_admin_once_verified(
    admin: User, clock: time_machine.Coordinates
) -> None:
    enrol(admin, clock)
    client = Client()
    password_step(client, admin)
    assert client.get("/admin/").status_code == 302
    client.post("/accounts/login/code/", {"code": code_for(app_of(admin))})
    assert client.get("/admin/").status_code == 200


@override_settings(REQUIRE_2FA_ADMIN=False)
def test_without_the_setting_an_administrator_is_not_held(admin: User) -> None:
    client = Client()
    client.force_login(admin)
    assert client.get("/admin/").status_code == 200


def _events(user: User) -> list[str]:
    rows = AuditEvent.objects.filter(user=user).exclude(event=audit.LOGIN).order_by("pk")
    return list(rows.values_list("event", flat=True))


def test_every_change_of_a_second_factor_is_in_the_security_log(
    alice_client: Client, alice: User, clock: time_machine.Coordinates
) -> None:
    recovery = enrol(alice, clock)
    assert twofactor.verify(alice, recovery[0]) is not None
    passkey = WebAuthnCredential.objects.create(
        user=alice, name="phone", credential_id=b"k" * 16, public_key=b"p", sign_count=0
    )
    assert twofactor.remove_passkey(alice, passkey.pk)
    twofactor.disable(alice)

    assert _events(alice) == [
        audit.TWO_FACTOR_ENROLLED,
        audit.RECOVERY_CODE_USED,
        audit.PASSKEY_ADDED,
        audit.PASSKEY_REMOVED,
        audit.TWO_FACTOR_DISABLED,
    ]
    page = alice_client.get("/accounts/security/").content.decode()
    assert "Two-factor log-in turned on" in page and "Recovery code used" in page
    # The codes themselves are never written down.
    assert not any(recovery[0] in str(e.detail) for e in AuditEvent.objects.all())


def test_an_app_code_is_not_logged_as_a_recovery_code(
    alice: User, clock: time_machine.Coordinates
) -> None:
    enrol(alice, clock)
    assert twofactor.verify(alice, code_for(app_of(alice))) is not None
    assert audit.RECOVERY_CODE_USED not in _events(alice)
