from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from coltiva.accounts.access import user_of
from coltiva.reminders import digest, feed


def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The private feed: no log-in (calendar apps cannot), an unguessable token instead."""
    user = feed.user_for_token(token)
    if user is None:
        raise Http404
    response = HttpResponse(feed.render(user), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="coltiva.ics"'
    response["Cache-Control"] = "private, max-age=900"
    return response


@login_required
@require_POST
def feed_enable(request: HttpRequest) -> HttpResponse:
    feed.enable(user_of(request))
    messages.success(request, _("Your calendar feed is on. Add its address to your calendar app."))
    return redirect("accounts:profile")


@login_required
@require_POST
def feed_revoke(request: HttpRequest) -> HttpResponse:
    feed.revoke(user_of(request))
    messages.success(request, _("Calendar feed turned off: the old address no longer works."))
    return redirect("accounts:profile")


# Mail clients send the one-click unsubscribe (RFC 8058) as a cross-site POST: the link
# can only turn the digest off, so a forged POST does no harm. Subscribing again takes a
# log-in (the profile). The page names no account: the link may be forwarded.
@csrf_exempt
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """Works without logging in: the signed, expiring token in the e-mail names the account."""
    user = digest.user_for_unsubscribe(token)
    if user is None:
        raise Http404
    done = False
    if request.method == "POST":
        if user.digest_enabled:
            user.digest_enabled = False
            user.save(update_fields=["digest_enabled"])
        done = True
    return render(
        request,
        "reminders/unsubscribe.html",
        {"subscribed": user.digest_enabled, "done": done},
    )
