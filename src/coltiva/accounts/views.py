from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coltiva import address
from coltiva.accounts import defaults, secondstep, services, twofactor
from coltiva.accounts.forms import LoginForm, ProfileForm, SignupForm
from coltiva.accounts.models import InstanceSettings, User
from coltiva.web.http import redirect_back, user_of


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
        user = services.sign_up(
            email=form.cleaned_data["email"],
            password=form.cleaned_data["password1"],
            name=form.cleaned_data["name"],
            language=request.LANGUAGE_CODE if request.LANGUAGE_CODE in ("en", "it") else "",
            time_zone=defaults.time_zone(browser_zone, region),
            phone_region=region,
        )
        login(request, user, backend="coltiva.accounts.backends.CachedModelBackend")
        messages.success(request, _("Welcome to Coltiva! Start by adding a person you know."))
        return redirect("web:home")
    return render(request, "accounts/signup.html", {"form": form, "first": first})


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
    token = user_of(request).calendar_token
    feed_url = address.base_url() + reverse("reminders:feed", args=[token]) if token else ""
    return render(request, "accounts/profile.html", {"form": form, "feed_url": feed_url})
