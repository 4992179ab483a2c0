from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from coltiva.accounts.models import User
from coltiva.network.models import Invitation, Link, NetworkingGroup
from coltiva.network.professions import choices
from coltiva.people.models import Person
from coltiva.referrals.forms import PersonPickField

AUTOMATIC = "__auto__"
NONE = "__none__"


def _scope_people(form: forms.BaseForm, owner: User, *names: str) -> None:
    for name in names:
        field = form.fields[name]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Person.objects.alive().filter(owner=owner)


class LinkForm(forms.Form):
    other = PersonPickField(label=_("Knows"))
    kind = forms.ChoiceField(label=_("They are"), choices=Link.KIND_CHOICES)
    note = forms.CharField(label=_("Note"), required=False, max_length=300)

    def __init__(
        self, *args: Any, owner: User, person: Person | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        _scope_people(self, owner, "other")
        if person is not None:
            field = self.fields["other"]
            assert isinstance(field, forms.ModelChoiceField)
            field.queryset = Person.objects.alive().filter(owner=owner).exclude(pk=person.pk)


class ProfessionForm(forms.Form):
    code = forms.ChoiceField(label=_("Profession"))

    def __init__(self, *args: Any, language: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["code"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [
            (AUTOMATIC, _("Map it from what they wrote")),
            (NONE, _("None of these")),
            *choices(language),
        ]


class PairForm(forms.Form):
    """Two people to introduce, picked by hand or from a suggestion."""

    person_a = PersonPickField(label=_("Introduce"))
    person_b = PersonPickField(label=_("To"))
    why = forms.CharField(
        label=_("Why they should meet"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, owner: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _scope_people(self, owner, "person_a", "person_b")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        a, b = data.get("person_a"), data.get("person_b")
        if a and b and a == b:
            self.add_error("person_b", _("Choose two different people."))
        return data


class GroupForm(forms.ModelForm[NetworkingGroup]):
    class Meta:
        model = NetworkingGroup
        fields = ["name", "meets"]


class SeatForm(forms.Form):
    profession = forms.CharField(label=_("Profession seated"), max_length=200)
    member = forms.CharField(label=_("Member"), required=False, max_length=200)


class InviteForm(forms.Form):
    person = PersonPickField(label=_("Invite"))
    note = forms.CharField(label=_("Note"), required=False, max_length=500)

    def __init__(self, *args: Any, owner: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _scope_people(self, owner, "person")


class InvitationStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Invitation.STATUS_CHOICES)


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=[
            ("met", _("They met")),
            ("business", _("Business came of it")),
            ("no_response", _("Nothing came of it")),
            ("pending", _("Waiting")),
        ],
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=2000)
