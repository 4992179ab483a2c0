from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coltiva import address
from coltiva.accounts import audit, defaults, emails, secondstep, services, sessions, twofactor
from coltiva.accounts.access import user_of
from coltiva.accounts.clientip import client_address
from coltiva.accounts.forms import LoginForm, ProfileForm, SignupForm
from coltiva.accounts.models import InstanceSettings, User
from coltiva.accounts.resetform import EmailOnlyForm, LimitedPasswordResetForm
from coltiva.edge.http import redirect_back


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    form_class = LoginForm
    redirect_authenticated_user = True

    def form_valid(self, form: LoginForm) -> HttpResponse:  # type: ignore[override]
        """With a second factor, the password only leads to the second step."""
        user = form.get_user()
        if twofactor.is_enrolled(user):
            secondstep.remember(self.request, user, self.get_success_url())
            return redirect("accounts:login_verify")
        return super().form_valid(form)


def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("web:home")
    # Closed sign-up stays closed even without an active administrator (one deactivated
    # must not hand the installation to whoever signs up next); `coltiva adduser --admin`
    # makes one then. Only the very first account may sign up regardless.
    if User.objects.exists() and not InstanceSettings.current().signup_open:
        return render(request, "accounts/signup_closed.html", status=403)
    first = not services.has_administrator()
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        browser_zone = form.cleaned_data["time_zone"]
        region = defaults.phone_region(request.headers.get("Accept-Language", ""), browser_zone)
        language = _page_language(request)
        try:
            asked = services.request_sign_up(
                email=form.cleaned_data["email"],
                password=form.cleaned_data["password1"],
                address=client_address(request),
                name=form.cleaned_data["name"],
                language=language,
                time_zone=defaults.time_zone(browser_zone, region),
                phone_region=region,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return _signup_answer(request, asked, form.cleaned_data["email"], language)
    return render(request, "accounts/signup.html", {"form": form, "first": first})


def _page_language(request: HttpRequest) -> str:
    return request.LANGUAGE_CODE if request.LANGUAGE_CODE in ("en", "it") else ""


def _signup_answer(
    request: HttpRequest, asked: services.SignUpRequest, email: str, language: str
) -> HttpResponse:
    """The same page whether or not the address had an account: only its inbox knows."""
    if asked.outcome == "limited":
        return render(request, "accounts/signup_limited.html", status=429)
    if asked.user is not None and asked.outcome == "exists":
        emails.send_already_registered(asked.user, language)
    elif asked.user is not None:
        emails.send_confirmation(asked.user, language)
    context = {"email": email, "days": settings.EMAIL_CONFIRMATION_DAYS}
    return render(request, "accounts/signup_sent.html", context)


def confirm_email(request: HttpRequest, token: str) -> HttpResponse:
    """The e-mailed link. Confirming takes a click (POST): mail scanners open links."""
    user = services.user_for_confirmation(token)
    if request.method == "POST" and user is not None:
        services.confirm_email(user, address=client_address(request))
        login(request, user, backend="coltiva.accounts.backends.CachedModelBackend")
        messages.success(request, _("Welcome to Coltiva! Start by adding a person you know."))
        return redirect("web:home")
    return render(request, "accounts/confirm.html", {"account": user}, status=200 if user else 404)


def resend_confirmation(request: HttpRequest) -> HttpResponse:
    form = EmailOnlyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = services.resend_confirmation(form.cleaned_data["email"], client_address(request))
        if user is not None:
            emails.send_confirmation(user, _page_language(request))
        return render(request, "accounts/resend_confirmation.html", {"sent": True})
    return render(request, "accounts/resend_confirmation.html", {"form": form})


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:password_change_done")

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)  # keeps this session (a new key)
        services.password_set(
            form.user,
            keep_session=self.request.session.session_key,
            reset=False,
            address=client_address(self.request),
        )
        sessions.started(self.request, form.user)
        return response


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")
    form_class = LimitedPasswordResetForm

    def form_valid(self, form: Any) -> HttpResponse:
        form.address = client_address(self.request)
        return super().form_valid(form)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        services.password_set(
            form.user, keep_session=None, reset=True, address=client_address(self.request)
        )
        return response


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """Switch language: for a signed-in user it is their profile's language from now on."""
    code = request.POST.get("language", "")
    if code not in dict(settings.LANGUAGES):
        code = settings.LANGUAGE_CODE
    response = redirect_back(request, "/")
    if request.user.is_authenticated:
        user = user_of(request)
        user.language = code
        user.save(update_fields=["language"])
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=365 * 24 * 3600,
        samesite="Lax",
        secure=settings.HTTPS,
    )
    return response


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Profile saved."))
        return redirect("accounts:profile")
    user = user_of(request)
    token = user.calendar_token
    feed_url = address.base_url() + reverse("reminders:feed", args=[token]) if token else ""
    context = {
        "form": form,
        "feed_url": feed_url,
        "sessions": sessions.active(user, request.session.session_key),
    }
    return render(request, "accounts/profile.html", context)


@login_required
@require_POST
def end_session(request: HttpRequest, pk: int) -> HttpResponse:
    if not sessions.end(user_of(request), pk):
        raise Http404
    audit.record(audit.SESSION_ENDED, user=user_of(request), request=request)
    messages.success(request, _("That session is logged out."))
    return redirect("accounts:profile")


@login_required
@require_POST
def end_other_sessions(request: HttpRequest) -> HttpResponse:
    ended = sessions.end_others(user_of(request), request.session.session_key)
    audit.record(
        audit.SESSION_ENDED, user=user_of(request), request=request, detail={"sessions": ended}
    )
    messages.success(request, _("Every other session is logged out."))
    return redirect("accounts:profile")


@login_required
def security_log(request: HttpRequest) -> HttpResponse:
    """The account's own security events of the last 90 days."""
    page = Paginator(audit.for_user(user_of(request)), settings.PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "accounts/security_log.html", {"page": page, "days": audit.KEEP_DAYS})
