from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coltiva.accounts.access import user_of
from coltiva.edge.http import is_htmx, redirect_back
from coltiva.people.access import person_from_param
from coltiva.people.models import Person
from coltiva.referrals import services
from coltiva.referrals.access import get_introduction_for_user, get_referral_for_user
from coltiva.referrals.forms import IntroductionForm, OutcomeForm, ReferralForm, ReferralStatusForm
from coltiva.referrals.ledger import ledger
from coltiva.referrals.models import Introduction, Referral


@login_required
def referral_list(request: HttpRequest) -> HttpResponse:
    direction = request.GET.get("direction", "")
    referrals = Referral.objects.filter(
        owner=user_of(request), person__deleted_at__isnull=True
    ).select_related("person", "prospect")
    if direction in (Referral.GIVEN, Referral.RECEIVED):
        referrals = referrals.filter(direction=direction)
    status = request.GET.get("status", "")
    if status in dict(Referral.STATUS_CHOICES):
        referrals = referrals.filter(status=status)
    page = Paginator(referrals.order_by("-on", "-id"), settings.PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {
        "page": page,
        "direction": direction,
        "status": status,
        "statuses": Referral.STATUS_CHOICES,
    }
    return render(request, "referrals/list.html", context)


@login_required
def referral_add(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    person = person_from_param(user, request.GET.get("person"))
    initial = {"person": person, "direction": request.GET.get("direction", Referral.GIVEN)}
    form = ReferralForm(request.POST or None, owner=user, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.record_referral(
            user,
            direction=data["direction"],
            person=data["person"],
            on=data["on"],
            prospect_description=data["prospect_description"],
            warmth=data["warmth"],
            status=data["status"],
            note=data["note"],
        )
        messages.success(request, _("Referral recorded."))
        return redirect("people:detail", pk=data["person"].pk)
    status = 400 if request.method == "POST" else 200
    picked = form.cleaned_data.get("person") if form.is_bound and form.is_valid() else person
    return render(request, "referrals/form.html", {"form": form, "picked": picked}, status=status)


def _change_status(referral: Referral, form: ReferralStatusForm) -> str:
    """Apply a valid status form (list row or board); the service's refusal, or ""."""
    try:
        services.update_referral_status(
            referral, status=form.cleaned_data["status"], value=form.cleaned_data["value"]
        )
    except ValidationError as exc:
        return " ".join(exc.messages)
    return ""


@login_required
@require_POST
def referral_status(request: HttpRequest, pk: int) -> HttpResponse:
    referral = get_referral_for_user(user_of(request), pk)
    form = ReferralStatusForm(request.POST)
    if form.is_valid():
        error = _change_status(referral, form)
    else:
        error = " ".join(str(e) for errors in form.errors.values() for e in errors)
    if is_htmx(request):
        context = {"r": referral, "statuses": Referral.STATUS_CHOICES, "error": error}
        return render(request, "referrals/_referral_row.html", context)
    if error:
        messages.error(request, error)
    else:
        messages.success(request, _("Referral updated."))
    return redirect_back(request, reverse("referrals:list"))


# Cards shown per column (the rest behind "All n..."): rendering is most of the board.
BOARD_COLUMN_SIZE = 20


def _board_context(request: HttpRequest) -> dict[str, object]:
    user = user_of(request)
    direction = request.GET.get("direction") or request.POST.get("direction", "")
    # The few people in the trash are left out by id: joining every referral to its
    # person made PostgreSQL scan the whole people table for the column counts.
    trashed = Person.objects.in_trash().filter(owner=user).values_list("pk", flat=True)
    referrals = Referral.objects.filter(owner=user).exclude(person_id__in=list(trashed))
    if direction in (Referral.GIVEN, Referral.RECEIVED):
        referrals = referrals.filter(direction=direction)
    counts = dict(
        referrals.values_list("status").annotate(n=Count("id")).values_list("status", "n")
    )
    cards = referrals.select_related("person", "prospect").order_by("-on", "-id")
    columns = [
        {
            "code": code,
            "label": label,
            "count": counts.get(code, 0),
            "cards": list(cards.filter(status=code)[:BOARD_COLUMN_SIZE]),
        }
        for code, label in Referral.STATUS_CHOICES
    ]
    return {
        "columns": columns,
        "direction": direction,
        "ledger": ledger(user, user.local_today()),
        "column_size": BOARD_COLUMN_SIZE,
        "nav": "referrals",
    }


@login_required
def board(request: HttpRequest) -> HttpResponse:
    template = "referrals/_board.html" if is_htmx(request) else "referrals/board.html"
    return render(request, template, _board_context(request))


def _back_to_board(request: HttpRequest, message: str) -> HttpResponse:
    if is_htmx(request):
        context = _board_context(request) | {"notice": message}
        return render(request, "referrals/_board.html", context)
    messages.success(request, message)
    direction = request.POST.get("direction", "")
    url = reverse("referrals:board")
    return redirect(f"{url}?direction={direction}" if direction else url)


def _ask_the_value(request: HttpRequest, referral: Referral) -> HttpResponse:
    """Before a move to Won logs business closed, ask what it was worth (optional)."""
    context = _board_context(request) | {"ask_won": referral}
    template = "referrals/_board.html" if is_htmx(request) else "referrals/board.html"
    return render(request, template, context)


@login_required
@require_POST
def referral_move(request: HttpRequest, pk: int) -> HttpResponse:
    """One click (or a drop on a column): move a referral to another status. A move to
    Won first asks the value; it is logged when the user confirms."""
    referral = get_referral_for_user(user_of(request), pk)
    form = ReferralStatusForm(request.POST)
    if not form.is_valid():
        return _back_to_board(request, _("Choose a valid status and value."))
    winning = form.cleaned_data["status"] == "won" and referral.status != "won"
    if winning and "confirm" not in request.POST:
        return _ask_the_value(request, referral)
    error = _change_status(referral, form)
    if error:
        return _back_to_board(request, error)
    message = _("Moved to %(status)s.") % {"status": referral.get_status_display()}
    if referral.needs_thanks:
        message = _(
            "Won! %(name)s passed you this referral: say thank you, the method's first habit."
        ) % {"name": referral.person.display_name}
    return _back_to_board(request, message)


@login_required
@require_POST
def referral_thank(request: HttpRequest, pk: int) -> HttpResponse:
    referral = get_referral_for_user(user_of(request), pk)
    services.thank_for_referral(referral, request.POST.get("note", "")[:2000])
    return _back_to_board(
        request, _("Thank-you logged for %(name)s.") % {"name": referral.person.display_name}
    )


@login_required
def introduction_list(request: HttpRequest) -> HttpResponse:
    intros = Introduction.objects.filter(
        owner=user_of(request),
        person_a__deleted_at__isnull=True,
        person_b__deleted_at__isnull=True,
    ).select_related("person_a", "person_b")
    page = Paginator(intros.order_by("-on", "-id"), settings.PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "referrals/introductions.html",
        {"page": page, "outcomes": Introduction.OUTCOME_CHOICES},
    )


@login_required
def introduction_add(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    a, b = (
        person_from_param(user, request.GET.get("a")),
        person_from_param(user, request.GET.get("b")),
    )
    form = IntroductionForm(
        request.POST or None, owner=user, initial={"person_a": a, "person_b": b}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.record_introduction(
            user,
            person_a=data["person_a"],
            person_b=data["person_b"],
            on=data["on"],
            why=data["why"],
        )
        messages.success(request, _("Introduction recorded."))
        return redirect("referrals:introductions")
    status = 400 if request.method == "POST" else 200
    if form.is_bound:
        a, b = form.cleaned_data.get("person_a"), form.cleaned_data.get("person_b")
    return render(
        request,
        "referrals/introduction_form.html",
        {"form": form, "picked_a": a, "picked_b": b},
        status=status,
    )


@login_required
@require_POST
def introduction_outcome(request: HttpRequest, pk: int) -> HttpResponse:
    intro = get_introduction_for_user(user_of(request), pk)
    form = OutcomeForm(request.POST)
    if form.is_valid():
        services.set_introduction_outcome(
            intro, form.cleaned_data["outcome"], form.cleaned_data["outcome_note"]
        )
        messages.success(request, _("Outcome saved."))
    else:
        messages.error(request, _("Choose a valid outcome."))
    return redirect("referrals:introductions")
