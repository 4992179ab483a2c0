"""Network pages: thin views over ``coltiva.network`` services."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coltiva.accounts.access import user_of
from coltiva.edge import undo
from coltiva.edge.http import id_param, redirect_back
from coltiva.network import conf, drafts, presenters, professions, services, suggestions, today
from coltiva.network.access import (
    get_group_for_user,
    get_invitation_for_user,
    get_link_for_user,
    get_seat_for_user,
)
from coltiva.network.book import book_for
from coltiva.network.forms import (
    AUTOMATIC,
    NONE,
    GroupForm,
    InvitationStatusForm,
    InviteForm,
    LinkForm,
    OutcomeForm,
    PairForm,
    ProfessionForm,
    SeatForm,
)
from coltiva.network.models import Invitation, NetworkingGroup
from coltiva.people.access import get_person_for_user, person_from_param
from coltiva.referrals.access import get_introduction_for_user

NAV = {"nav": "network"}
PERSON_PAGE_SUGGESTIONS = 3


def _errors(exc: ValidationError) -> str:
    return " ".join(exc.messages)


def _back(request: HttpRequest, default: str) -> HttpResponse:
    """Back to the page the form came from (Today, a person), never to another site."""
    return redirect_back(request, default)


# --- Suggestions ---------------------------------------------------------------------------


@login_required
def introductions(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    context = {
        "pairs": presenters.pairs(suggestions.for_book(user)),
        "follow_ups": today.follow_ups(user, user.local_today(), limit=20),
        **NAV,
    }
    return render(request, "network/introductions.html", context)


def _person_context(request: HttpRequest, pk: int, limit: int) -> dict[str, object]:
    user = user_of(request)
    person = get_person_for_user(user, pk)
    book = book_for(user)
    language = suggestions.language()
    return {
        "person": person,
        "profession": professions.view(person, language),
        "known": services.known_by(user, person, book=book),
        "pairs": presenters.pairs(suggestions.for_person(user, person.pk, limit=limit, book=book)),
        "groups": list(NetworkingGroup.objects.filter(owner=user).order_by("name", "id")[:5]),
        **NAV,
    }


@login_required
def person_network(request: HttpRequest, pk: int) -> HttpResponse:
    """A person's place in the network: their profession, who they know, whom to meet."""
    context = _person_context(request, pk, conf.PERSON_SUGGESTIONS)
    return render(request, "network/person.html", context)


@login_required
def person_blocks(request: HttpRequest, pk: int) -> HttpResponse:
    """The same, short, loaded into the person page (which stays within its query budget)."""
    context = _person_context(request, pk, PERSON_PAGE_SUGGESTIONS)
    return render(request, "network/_person_blocks.html", context)


@login_required
def who(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    q = request.GET.get("q", "").strip()[:200]
    ways = presenters.ways(suggestions.introducers(user, q)) if q else []
    return render(request, "network/who.html", {"q": q, "ways": ways, **NAV})


# --- Introduce -----------------------------------------------------------------------------


@login_required
def introduce(request: HttpRequest) -> HttpResponse:
    """Pick two people (or accept a suggestion): this only opens the drafts; nothing is
    recorded before the user says the messages were sent."""
    user = user_of(request)
    a, b = (
        person_from_param(user, request.GET.get("a")),
        person_from_param(user, request.GET.get("b")),
    )
    why = presenters.reason(suggestions.reason_for(user, a.pk, b.pk)) if a and b else ""
    initial = {"person_a": a, "person_b": b, "why": why}
    form = PairForm(request.POST or None, owner=user, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.check_introduction(user, data["person_a"], data["person_b"])
        except ValidationError as exc:
            form.add_error(None, _errors(exc))
        else:
            query = urlencode(
                {"a": data["person_a"].pk, "b": data["person_b"].pk, "why": data["why"]}
            )
            return redirect(f"{reverse('network:drafts')}?{query}")
    if form.is_bound and form.is_valid():
        a, b = form.cleaned_data["person_a"], form.cleaned_data["person_b"]
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "picked_a": a, "picked_b": b, **NAV}
    return render(request, "network/introduce.html", context, status=status)


@login_required
def introduce_drafts(request: HttpRequest) -> HttpResponse:
    """The double opt-in messages for a pair not introduced yet, and "I sent it"."""
    user = user_of(request)
    data = {"person_a": request.GET.get("a"), "person_b": request.GET.get("b")}
    form = PairForm({**data, "why": request.GET.get("why", "")}, owner=user)
    if not form.is_valid():
        return redirect("network:introduce")
    a, b = form.cleaned_data["person_a"], form.cleaned_data["person_b"]
    why = form.cleaned_data["why"]
    try:
        services.check_introduction(user, a, b)
    except ValidationError as exc:
        messages.error(request, _errors(exc))
        return redirect("network:introduce")
    context = {"a": a, "b": b, "why": why, "drafts": drafts.drafts_for(user, a, b, why), **NAV}
    return render(request, "network/introduce_drafts.html", context)


@login_required
@require_POST
def introduce_sent(request: HttpRequest) -> HttpResponse:
    """The user says the introduction was sent: record it, with an Undo."""
    user = user_of(request)
    form = PairForm(request.POST, owner=user)
    if not form.is_valid():
        messages.error(request, _("Choose two different people of your book."))
        return redirect("network:introduce")
    data = form.cleaned_data
    try:
        intro = services.introduce(
            user, data["person_a"], data["person_b"], user.local_today(), data["why"]
        )
    except ValidationError as exc:
        messages.error(request, _errors(exc))
        return redirect("network:introduce")
    undo.offer(
        request,
        _("Introduction of %(a)s and %(b)s recorded on both relationships.")
        % {"a": intro.person_a.display_name, "b": intro.person_b.display_name},
        reverse("network:introduction_undo", args=[intro.pk]),
    )
    return redirect("network:introduction", pk=intro.pk)


@login_required
@require_POST
def introduction_undo(request: HttpRequest, pk: int) -> HttpResponse:
    intro = get_introduction_for_user(user_of(request), pk)
    names = {"a": intro.person_a.display_name, "b": intro.person_b.display_name}
    services.undo_introduce(intro)
    messages.success(request, _("Introduction of %(a)s and %(b)s undone.") % names)
    return redirect("network:introductions")


@login_required
def introduction(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    intro = get_introduction_for_user(user, pk)
    context = {
        "intro": intro,
        "drafts": drafts.drafts(user, intro),
        "form": OutcomeForm(initial={"outcome": intro.outcome, "note": intro.outcome_note}),
        **NAV,
    }
    return render(request, "network/introduction.html", context)


@login_required
@require_POST
def outcome(request: HttpRequest, pk: int) -> HttpResponse:
    intro = get_introduction_for_user(user_of(request), pk)
    form = OutcomeForm(request.POST)
    if form.is_valid():
        services.set_outcome(intro, form.cleaned_data["outcome"], form.cleaned_data["note"])
        messages.success(request, _("Outcome saved."))
    else:
        messages.error(request, _("Choose a valid outcome."))
    return _back(request, reverse("network:introductions"))


# --- Who knows whom, profession ------------------------------------------------------------


@login_required
def link_add(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    person = get_person_for_user(user, pk)
    form = LinkForm(request.POST or None, owner=user, person=person)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.link(user, person, data["other"], data["kind"], data["note"])
        except ValidationError as exc:
            form.add_error(None, _errors(exc))
        else:
            messages.success(request, _("Saved: they know each other."))
            return redirect("people:detail", pk=person.pk)
    picked = form.cleaned_data.get("other") if form.is_bound and form.is_valid() else None
    status = 400 if request.method == "POST" else 200
    context = {"person": person, "form": form, "picked": picked, **NAV}
    return render(request, "network/link_form.html", context, status=status)


@login_required
@require_POST
def link_delete(request: HttpRequest, pk: int) -> HttpResponse:
    row = get_link_for_user(user_of(request), pk)
    back = request.POST.get("person", "")
    services.unlink(row)
    messages.success(request, _("Link removed."))
    person_id = id_param(back) or row.person_a_id
    return redirect("people:detail", pk=person_id)


@login_required
def profession(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    person = get_person_for_user(user, pk)
    language = suggestions.language()
    current = person.profession_code if person.profession_code_manual else AUTOMATIC
    initial = {"code": current or NONE}
    form = ProfessionForm(request.POST or None, language=language, initial=initial)
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["code"]
        if code == AUTOMATIC:
            professions.reset(person)
        else:
            professions.correct(person, "" if code == NONE else code)
        messages.success(request, _("Profession saved."))
        return redirect("people:detail", pk=person.pk)
    context = {"person": person, "form": form, "mapped": professions.view(person, language)}
    status = 400 if request.method == "POST" else 200
    return render(request, "network/profession_form.html", {**context, **NAV}, status=status)


# --- Groups and invitations ----------------------------------------------------------------


@login_required
def groups(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    form = GroupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        group = services.create_group(user, form.cleaned_data["name"], form.cleaned_data["meets"])
        messages.success(request, _("Group added. Now list the professions already seated."))
        return redirect("network:group", pk=group.pk)
    rows = NetworkingGroup.objects.filter(owner=user).order_by("name", "id")
    status = 400 if request.method == "POST" else 200
    context = {"groups": list(rows), "form": form, **NAV}
    return render(request, "network/groups.html", context, status=status)


def _group_context(request: HttpRequest, group: NetworkingGroup) -> dict[str, object]:
    user = user_of(request)
    invitations = group.invitations.filter(person__deleted_at__isnull=True).select_related("person")
    return {
        "group": group,
        "seats": list(group.seats.order_by("profession", "id")),
        "invitations": list(invitations.order_by("-on", "-id")[:200]),
        "statuses": Invitation.STATUS_CHOICES,
        "seat_form": SeatForm(),
        "invite_form": InviteForm(owner=user),
        "ideas": [
            i
            for i in today.invite_ideas(user, suggestions.language(), limit=10)
            if i.group_id == group.pk
        ],
        **NAV,
    }


@login_required
def group(request: HttpRequest, pk: int) -> HttpResponse:
    group = get_group_for_user(user_of(request), pk)
    return render(request, "network/group.html", _group_context(request, group))


@login_required
@require_POST
def group_delete(request: HttpRequest, pk: int) -> HttpResponse:
    group = get_group_for_user(user_of(request), pk)
    group.delete()
    messages.success(request, _("Group deleted."))
    return redirect("network:groups")


@login_required
@require_POST
def seat_add(request: HttpRequest, pk: int) -> HttpResponse:
    group = get_group_for_user(user_of(request), pk)
    form = SeatForm(request.POST)
    if form.is_valid():
        services.add_seat(group, form.cleaned_data["profession"], form.cleaned_data["member"])
        messages.success(request, _("Seat added."))
    else:
        messages.error(request, _("Write the profession seated."))
    return redirect("network:group", pk=group.pk)


@login_required
@require_POST
def seat_delete(request: HttpRequest, pk: int) -> HttpResponse:
    seat = get_seat_for_user(user_of(request), pk)
    services.remove_seat(seat)
    messages.success(request, _("Seat removed."))
    return redirect("network:group", pk=seat.group_id)


@login_required
@require_POST
def invite(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    group = get_group_for_user(user, pk)
    form = InviteForm(request.POST, owner=user)
    if not form.is_valid():
        messages.error(request, _("Choose a person of your book."))
        return redirect("network:group", pk=group.pk)
    person = form.cleaned_data["person"]
    services.invite(user, group, person, user.local_today(), form.cleaned_data["note"])
    messages.success(
        request,
        _("%(name)s invited to visit %(group)s.") % {"name": person.display_name, "group": group},
    )
    return _back(request, reverse("network:group", args=[group.pk]))


@login_required
@require_POST
def invitation_status(request: HttpRequest, pk: int) -> HttpResponse:
    invitation = get_invitation_for_user(user_of(request), pk)
    form = InvitationStatusForm(request.POST)
    if form.is_valid():
        services.set_invitation_status(invitation, form.cleaned_data["status"])
        messages.success(request, _("Invitation updated."))
    else:
        messages.error(request, _("Choose a valid status."))
    return redirect("network:group", pk=invitation.group_id)
