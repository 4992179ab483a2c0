"""Leaving Coltiva: download everything, then delete the account and its book."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coltiva.accounts.access import user_of
from coltiva.accounts.twofactor_forms import PasswordAndCodeForm
from coltiva.web import leaving


@login_required
def leave(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    form = PasswordAndCodeForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        leaving.delete_account(user)
        logout(request)
        messages.success(request, _("Your account and your whole book are deleted. Goodbye!"))
        return redirect("accounts:login")
    status = 400 if request.method == "POST" else 200
    return render(request, "accounts/leave.html", {"form": form}, status=status)


@login_required
@require_POST
def download_everything(request: HttpRequest) -> FileResponse:
    user = user_of(request)
    name = f"coltiva-everything-{user.local_today().isoformat()}.zip"
    return FileResponse(
        leaving.download_everything(user),
        as_attachment=True,
        filename=name,
        content_type="application/zip",
    )
