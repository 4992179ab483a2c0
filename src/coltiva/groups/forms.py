from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.password_validation import validate_password
from django.utils.translation import gettext_lazy as _

from coltiva.accounts.forms import TIME_ZONES
from coltiva.domain.groups import Role
from coltiva.edge.widgets import DateInput, QuickSelect, TimeInput
from coltiva.groups.models import WEEKDAYS
from coltiva.groups.services import CURRENCIES, GroupSettings

ROLE_LABELS = {
    Role.PRESIDENT: _("President"),
    Role.VICE_PRESIDENT: _("Vice president"),
    Role.SECRETARY_TREASURER: _("Secretary-treasurer"),
    Role.MEMBERSHIP_COMMITTEE: _("Membership committee"),
    Role.VISITOR_HOST: _("Visitor host"),
    Role.EDUCATION_COORDINATOR: _("Education coordinator"),
    Role.MENTOR: _("Mentor"),
    Role.MEMBER: _("Member"),
}
# "member" is everyone's and is not chosen.
ROLE_CHOICES = [(r.value, ROLE_LABELS[r]) for r in Role if r is not Role.MEMBER]


class GroupForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    time_zone = forms.ChoiceField(
        label=_("Time zone"), choices=[(z, z) for z in TIME_ZONES], widget=QuickSelect
    )
    currency = forms.ChoiceField(label=_("Currency"), choices=[(c, c) for c in CURRENCIES])
    meeting_weekday = forms.TypedChoiceField(
        label=_("Meeting day"),
        choices=[("", "—"), *WEEKDAYS],
        coerce=int,
        empty_value=None,
        required=False,
    )
    meeting_time = forms.TimeField(label=_("Meeting time"), required=False, widget=TimeInput)
    place = forms.CharField(label=_("Place"), max_length=300, required=False)
    lock_classifications = forms.BooleanField(
        label=_("One member per classification"),
        required=False,
        help_text=_("No two members on the roster on the same day share a classification."),
    )

    def settings(self) -> GroupSettings:
        return GroupSettings(**self.cleaned_data)


class NewGroupForm(GroupForm):
    classification = forms.CharField(
        label=_("Your classification"),
        max_length=200,
        required=False,
        help_text=_("What you do, as the group will know you (for example: wedding photographer)."),
    )

    def settings(self) -> GroupSettings:
        data = {k: v for k, v in self.cleaned_data.items() if k != "classification"}
        return GroupSettings(**data)


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("E-mail"), max_length=254)
    classification = forms.CharField(label=_("Classification"), max_length=200)
    roles = forms.MultipleChoiceField(
        label=_("Roles"),
        choices=ROLE_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Only the president sets roles."),
    )

    def __init__(self, *args: Any, may_set_roles: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not may_set_roles:
            del self.fields["roles"]


class RolesForm(forms.Form):
    roles = forms.MultipleChoiceField(
        label=_("Roles"), choices=ROLE_CHOICES, required=False, widget=forms.CheckboxSelectMultiple
    )


class ClassificationForm(forms.Form):
    classification = forms.CharField(label=_("Classification"), max_length=200)


class EndForm(forms.Form):
    left_on = forms.DateField(label=_("First day off the roster"), widget=DateInput)


class InvitedSignupForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=150)
    password1 = forms.CharField(label=_("Password"), widget=forms.PasswordInput, strip=False)
    password2 = forms.CharField(label=_("Password again"), widget=forms.PasswordInput, strip=False)
    time_zone = forms.CharField(
        required=False,
        max_length=64,
        widget=forms.HiddenInput(attrs={"data-browser-time-zone": ""}),
    )

    def clean_time_zone(self) -> str:
        zone: str = self.cleaned_data["time_zone"]
        return zone if zone in TIME_ZONES else ""  # the browser's guess; unknown: ignored

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("password1") and data.get("password1") != data.get("password2"):
            self.add_error("password2", _("The two passwords differ."))
        elif data.get("password1"):
            try:
                validate_password(data["password1"])
            except forms.ValidationError as exc:
                self.add_error("password1", exc)
        return data
