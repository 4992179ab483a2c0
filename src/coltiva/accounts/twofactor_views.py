"""Two-factor log-in: the second step after the password, and its page in the profile."""

from __future__ import annotations

from base64 import b32encode

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, user_login_failed
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from coltiva.accounts import secondstep, twofactor
from coltiva.accounts.access import user_of
from coltiva.accounts.models import User
from coltiva.accounts.twofactor_forms import AppConfirmForm, CodeForm, PasswordAndCodeForm


def login_verify(request: HttpRequest) -> HttpResponse:
    """The code after the password, for an account with a second factor; also for a
    signed-in session that has not passed it (an administrator when it is required)."""
    signed_in = request.user.is_authenticated
    step = None if signed_in else secondstep.pending(request)
    if not signed_in and step is None:
        messages.info(request, _("Log in again: the time to give the code ran out."))
        return redirect("accounts:login")
    user = user_of(request) if signed_in or step is None else step.user
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = twofactor.verify(user, form.cleaned_data["code"])
        if device is not None:
            if step is not None:
                secondstep.forget(request)
                # django-otp's log-in signal keeps the device in the session.
                user.otp_device = device  # type: ignore[attr-defined]
                login(request, user, backend=step.backend or None)
            else:
                otp_login(request, device)
            return redirect(_safe_next(request, step.next_url if step else ""))
        # A wrong code counts as a failed log-in for the rate limit (django-axes).
        user_login_failed.send(__name__, credentials={"username": user.email}, request=request)
        form.add_error("code", _("That code is not right, or was already used."))
    return render(
        request,
        "accounts/login_verify.html",
        {"form": form, "next": step.next_url if step else "", "passkeys": _has_passkey(user)},
    )


def _has_passkey(user: User) -> bool:
    return bool(twofactor.status(user).passkeys)


def _safe_next(request: HttpRequest, target: str) -> str:
    if target and url_has_allowed_host_and_scheme(
        target, {request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return resolve_url("web:home")


@login_required
def two_factor(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    return render(
        request,
        "accounts/two_factor.html",
        {
            "status": twofactor.status(user),
            "disable_form": PasswordAndCodeForm(user),
            "verified": _verified(request),
            "require_admin": settings.REQUIRE_2FA_ADMIN,
        },
    )


def _verified(request: HttpRequest) -> bool:
    """Whether this session may change the second factors: it passed one, or the
    account has none yet (then nothing is protected by one)."""
    user = request.user
    return bool(user.is_verified()) or not twofactor.is_enrolled(user_of(request))  # type: ignore[union-attr]


@login_required
def app_setup(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    if not _verified(request):
        return redirect("accounts:login_verify")
    device = twofactor.pending_app(user) if request.method == "POST" else None
    form = AppConfirmForm(request.POST or None)
    if device is not None and form.is_valid():
        codes = twofactor.confirm_app(user, device, form.cleaned_data["code"])
        if codes is not None:
            otp_login(request, device)
            messages.success(request, _("Two-factor log-in is on."))
            return _show_codes(request, codes)
        form.add_error("code", _("That code is not right: check the app and try again."))
    if device is None:
        device = twofactor.start_app(user)
    return render(request, "accounts/two_factor_app.html", _app_context(device, form))


def _app_context(device: TOTPDevice, form: AppConfirmForm) -> dict[str, object]:
    secret = b32encode(device.bin_key).decode("ascii")
    qr = segno.make(device.config_url, error="m")
    svg = qr.svg_inline(scale=5, title=_("QR code for your authenticator app"))
    return {
        "form": form,
        "qr": mark_safe(svg),  # noqa: S308  # segno's own SVG of our URL, no user input
        "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
    }


def _show_codes(request: HttpRequest, codes: list[str]) -> HttpResponse:
    return render(
        request,
        "accounts/recovery_codes.html",
        {"codes": codes, "codes_text": "\n".join(codes) + "\n"},
    )


@login_required
@require_POST
def recovery_codes(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    if not _verified(request) or not twofactor.is_enrolled(user):
        return redirect("accounts:two_factor")
    return _show_codes(request, twofactor.new_recovery_codes(user))


@login_required
@require_POST
def disable(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    form = PasswordAndCodeForm(user, request.POST)
    if form.is_valid():
        twofactor.disable(user)
        messages.success(request, _("Two-factor log-in is off."))
        return redirect("accounts:two_factor")
    status = twofactor.status(user)
    context = {"status": status, "disable_form": form, "verified": _verified(request)}
    return render(request, "accounts/two_factor.html", context, status=400)


@login_required
@require_POST
def remove_passkey(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    if not _verified(request):
        return redirect("accounts:login_verify")
    if not twofactor.remove_passkey(user, pk):
        raise Http404
    messages.success(request, _("Passkey removed."))
    return redirect("accounts:two_factor")
