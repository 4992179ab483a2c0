"""The group pages: form -> service -> redirect. Every page of a group goes through
``get_group_for_member``; a member named in the address goes through
``get_membership_in`` (another group's id: 404)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from coltiva.accounts.access import user_of
from coltiva.domain import groups as rules
from coltiva.domain.professions import taxonomy
from coltiva.groups import emails, services
from coltiva.groups.access import MemberAccess, get_group_for_member, get_membership_in
from coltiva.groups.forms import (
    ROLE_LABELS,
    ClassificationForm,
    EndForm,
    GroupForm,
    InvitedSignupForm,
    InviteForm,
    NewGroupForm,
    RolesForm,
)
from coltiva.groups.models import Invitation, Membership

Right = rules.Right


def _posted(request: HttpRequest) -> Any:
    # Not ``request.POST or None``: a roles form with every box unticked posts nothing,
    # and must still be read as a post.
    return request.POST if request.method == "POST" else None


def problem_text(err: rules.RosterError) -> str:
    if err.problem is rules.Problem.CLASSIFICATION_TAKEN:
        return _("%(name)s already holds this classification in the group.") % {"name": err.holder}
    return {
        rules.Problem.PERIOD_EMPTY: _(
            "The first day off the roster must come after the day they joined."
        ),
        rules.Problem.PERIODS_OVERLAP: _("These dates overlap another period on the roster."),
        rules.Problem.NO_PRESIDENT: _(
            "A group always has at least one president: name another first."
        ),
        rules.Problem.CLASSIFICATION_EMPTY: _("Give a classification."),
    }[err.problem]


def invitation_text(err: services.InvitationError) -> str:
    return {
        services.InvitationProblem.INVALID: _(
            "This invitation link has expired or was already answered."
        ),
        services.InvitationProblem.WRONG_USER: _(
            "This invitation is for another e-mail address. Log out and open the link again."
        ),
        services.InvitationProblem.ALREADY_MEMBER: _(
            "This person is already a member of the group."
        ),
        services.InvitationProblem.HAS_ACCOUNT: _(
            "An account with this e-mail already exists: log in to answer the invitation."
        ),
    }[err.problem]


@dataclass(frozen=True)
class RosterRow:
    member: Membership
    name: str
    classification: str
    roles: list[str]
    since: Any


def _rows(members: list[Membership], access: MemberAccess) -> list[RosterRow]:
    rows = []
    for m in members:
        on = [p for p in m.periods.all() if rules.on_roster(p.to_domain(), access.today)]
        roles = [
            str(ROLE_LABELS[r])
            for r in rules.Role
            if r in m.role_set() and r is not rules.Role.MEMBER
        ]
        rows.append(
            RosterRow(
                m, services.member_name(m), m.classification, roles, on[0].joined_on if on else None
            )
        )
    return rows


def _context(access: MemberAccess, **extra: Any) -> dict[str, Any]:
    return {
        "group": access.group,
        "me": access.member,
        "may_invite": access.can(Right.INVITE_MEMBERS),
        "may_set_roles": access.can(Right.SET_ROLES),
        "may_change": access.can(Right.CHANGE_CLASSIFICATIONS),
        "may_remove": access.can(Right.REMOVE_MEMBERS),
        "may_settings": access.can(Right.SETTINGS),
    } | extra


@login_required
def group_list(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    return render(request, "groups/list.html", {"groups": services.my_groups(user)})


@login_required
def group_add(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    initial = {"time_zone": user.time_zone, "currency": "EUR", "lock_classifications": True}
    form = NewGroupForm(_posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            group = services.create_group(
                user, form.settings(), form.cleaned_data["classification"]
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request, _("Group created: you are its president. Invite its members.")
            )
            return redirect("groups:overview", pk=group.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "groups/form.html", {"form": form}, status=status)


@login_required
def group_overview(request: HttpRequest, pk: int) -> HttpResponse:
    access = get_group_for_member(request, pk, Right.SEE_GROUP)
    seen = services.overview(access.group, access.today)
    tax, language = taxonomy(), get_language() or "en"
    teams = [
        (tax.spheres[s].label(language), [tax.professions[c].label(language) for c in codes])
        for s, codes in sorted(seen.teams.items())
    ]
    lacking = sorted(tax.professions[c].label(language) for c in seen.lacking)
    context = _context(access, rows=_rows(seen.members, access), teams=teams, lacking=lacking)
    return render(request, "groups/overview.html", context)


@login_required
def group_roster(request: HttpRequest, pk: int) -> HttpResponse:
    access = get_group_for_member(request, pk, Right.SEE_GROUP)
    members = services.roster(access.group, access.today)
    invitations = (
        services.pending_invitations(access.group) if access.can(Right.INVITE_MEMBERS) else []
    )
    context = _context(access, rows=_rows(members, access), invitations=invitations)
    return render(request, "groups/roster.html", context)


@login_required
def group_invite(request: HttpRequest, pk: int) -> HttpResponse:
    access = get_group_for_member(request, pk, Right.INVITE_MEMBERS)
    form = InviteForm(_posted(request), may_set_roles=access.can(Right.SET_ROLES))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            invitation = services.invite(
                access.group,
                access.member,
                data["email"],
                data["classification"],
                data.get("roles", []),
            )
        except rules.RosterError as err:
            form.add_error("classification", problem_text(err))
        except services.InvitationError as err:
            form.add_error("email", invitation_text(err))
        else:
            emails.send_invitation(invitation, get_language() or "")
            messages.success(
                request, _("Invitation sent to %(email)s.") % {"email": invitation.email}
            )
            return redirect("groups:roster", pk=pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "groups/invite.html", _context(access, form=form), status=status)


@login_required
def group_settings(request: HttpRequest, pk: int) -> HttpResponse:
    access = get_group_for_member(request, pk, Right.SETTINGS)
    group = access.group
    initial = {f: getattr(group, f) for f in GroupForm.base_fields}
    form = GroupForm(_posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_settings(group, access.member, form.settings())
        except rules.RosterError as err:
            form.add_error("lock_classifications", problem_text(err))
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Settings saved."))
            return redirect("groups:overview", pk=pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "groups/settings.html", _context(access, form=form), status=status)


def _member_page(
    request: HttpRequest, access: MemberAccess, member: Membership, form: Any, title: str
) -> HttpResponse:
    status = 400 if request.method == "POST" else 200
    context = _context(
        access, form=form, member=member, name=services.member_name(member), title=title
    )
    return render(request, "groups/member_form.html", context, status=status)


@login_required
def member_roles(request: HttpRequest, pk: int, member: int) -> HttpResponse:
    access = get_group_for_member(request, pk, Right.SET_ROLES)
    target = get_membership_in(access, member)
    form = RolesForm(_posted(request), initial={"roles": target.roles})
    if request.method == "POST" and form.is_valid():
        try:
            services.set_roles(access.group, access.member, target, form.cleaned_data["roles"])
        except rules.RosterError as err:
            form.add_error(None, problem_text(err))
        else:
            messages.success(request, _("Roles saved."))
            return redirect("groups:roster", pk=pk)
    return _member_page(request, access, target, form, _("Roles"))


def _own_or(access: MemberAccess, target: Membership, right: rules.Right) -> None:
    if target.pk != access.member.pk and not access.can(right):
        raise PermissionDenied


@login_required
def member_classification(request: HttpRequest, pk: int, member: int) -> HttpResponse:
    access = get_group_for_member(request, pk)
    target = get_membership_in(access, member)
    _own_or(access, target, Right.CHANGE_CLASSIFICATIONS)
    form = ClassificationForm(
        request.POST or None, initial={"classification": target.classification}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.change_classification(
                access.group, access.member, target, form.cleaned_data["classification"]
            )
        except rules.RosterError as err:
            form.add_error("classification", problem_text(err))
        else:
            messages.success(request, _("Classification saved."))
            return redirect("groups:roster", pk=pk)
    return _member_page(request, access, target, form, _("Classification"))


@login_required
def member_end(request: HttpRequest, pk: int, member: int) -> HttpResponse:
    """A member leaves (their own row) or is removed, on a date; their history stays."""
    access = get_group_for_member(request, pk)
    target = get_membership_in(access, member)
    _own_or(access, target, Right.REMOVE_MEMBERS)
    form = EndForm(_posted(request), initial={"left_on": access.today})
    if request.method == "POST" and form.is_valid():
        try:
            services.end_membership(
                access.group, access.member, target, form.cleaned_data["left_on"]
            )
        except rules.RosterError as err:
            form.add_error(
                "left_on" if err.problem is rules.Problem.PERIOD_EMPTY else None, problem_text(err)
            )
        else:
            if target.pk == access.member.pk:
                messages.success(request, _("You have left the group."))
                return redirect("groups:list")
            messages.success(request, _("Member removed from the roster."))
            return redirect("groups:roster", pk=pk)
    title = _("Leave the group") if target.pk == access.member.pk else _("Remove from the roster")
    return _member_page(request, access, target, form, title)


# --- invitations: reached by the signed link, signed in or not -------------------------


def _invitation_or_gone(request: HttpRequest, token: str) -> Invitation | HttpResponse:
    invitation = services.invitation_for_token(token)
    if invitation is None:
        text = invitation_text(services.InvitationError(services.InvitationProblem.INVALID))
        return render(request, "groups/invitation_gone.html", {"text": text}, status=404)
    return invitation


@require_http_methods(["GET", "POST"])
def invitation(request: HttpRequest, token: str) -> HttpResponse:
    found = _invitation_or_gone(request, token)
    if isinstance(found, HttpResponse):
        return found
    context: dict[str, Any] = {"invitation": found, "token": token}
    if request.method == "POST" and request.user.is_authenticated:
        user = user_of(request)
        try:
            if request.POST.get("answer") == "accept":
                services.accept(found, user)
                messages.success(request, _("Welcome to %(group)s.") % {"group": found.group.name})
                return redirect("groups:overview", pk=found.group_id)
            services.decline(found, user)
        except rules.RosterError as err:
            context["error"] = problem_text(err)
        except services.InvitationError as err:
            context["error"] = invitation_text(err)
        else:
            messages.info(request, _("Invitation declined."))
            return redirect("web:home")
        return render(request, "groups/invitation.html", context, status=400)
    return render(request, "groups/invitation.html", context)


@require_http_methods(["GET", "POST"])
def invitation_signup(request: HttpRequest, token: str) -> HttpResponse:
    found = _invitation_or_gone(request, token)
    if isinstance(found, HttpResponse):
        return found
    if request.user.is_authenticated:
        return redirect("groups:invitation", token=token)
    form = InvitedSignupForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.sign_up_and_accept(
                found,
                name=data["name"],
                password=data["password1"],
                language=request.LANGUAGE_CODE if request.LANGUAGE_CODE in ("en", "it") else "",
                time_zone=data["time_zone"] or found.group.time_zone,
            )
        except services.InvitationError as err:
            form.add_error(None, invitation_text(err))
        except rules.RosterError as err:
            form.add_error(None, problem_text(err))
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request, _("Your account is ready and you have joined the group: log in.")
            )
            return redirect("accounts:login")
    status = 400 if request.method == "POST" else 200
    context = {"invitation": found, "form": form, "token": token}
    return render(request, "groups/invitation_signup.html", context, status=status)
