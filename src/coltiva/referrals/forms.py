from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from coltiva.accounts.models import User
from coltiva.domain.touches import Problem, day_problem
from coltiva.edge.limits import state_text_limits
from coltiva.edge.widgets import DateInput
from coltiva.people.models import Person
from coltiva.people.services import problem_message
from coltiva.referrals.models import Introduction, Referral

WARMTH_ERROR = _("Warmth goes from 1 to 5.")


class PersonPickField(forms.ModelChoiceField[Person]):
    """A person of the user's own book, chosen with the search picker."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("error_messages", {"invalid_choice": _("Choose a person of your book.")})
        super().__init__(queryset=Person.objects.none(), **kwargs)


def _scope(form: forms.BaseForm, owner: User, *names: str) -> None:
    for name in names:
        field = form.fields[name]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Person.objects.alive().filter(owner=owner)


class ReferralForm(forms.ModelForm[Referral]):
    person = PersonPickField(label=_("The other side"))

    class Meta:
        model = Referral
        fields = ["direction", "person", "prospect_description", "warmth", "status", "on", "note"]
        widgets = {
            "on": DateInput,
            "note": forms.Textarea(attrs={"rows": 2}),
            "warmth": forms.NumberInput(attrs={"min": 1, "max": 5}),
        }

    def __init__(self, *args: Any, owner: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.owner = owner
        _scope(self, owner, "person")
        self.fields["prospect_description"].required = True
        warmth = self.fields["warmth"]
        warmth.error_messages |= dict.fromkeys(["min_value", "max_value"], WARMTH_ERROR)
        state_text_limits(self)
        if not self.is_bound:
            self.initial.setdefault("on", owner.local_today())

    def clean_on(self) -> Any:
        on = self.cleaned_data["on"]
        problem = day_problem(on, self.owner.local_today())
        if problem is Problem.IN_THE_FUTURE:
            raise forms.ValidationError(_("A referral cannot be dated in the future."))
        if problem is not None:
            raise forms.ValidationError(problem_message(problem))
        return on


class ReferralStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Referral.STATUS_CHOICES)
    value = forms.DecimalField(
        label=_("Value of business closed"),
        required=False,
        min_value=0,
        max_digits=14,
        decimal_places=2,
    )


class IntroductionForm(forms.ModelForm[Introduction]):
    person_a = PersonPickField(label=_("Introduce"))
    person_b = PersonPickField(label=_("To"))

    class Meta:
        model = Introduction
        fields = ["person_a", "person_b", "why", "on"]
        widgets = {
            "on": DateInput,
            "why": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, owner: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.owner = owner
        _scope(self, owner, "person_a", "person_b")
        state_text_limits(self)
        if not self.is_bound:
            self.initial.setdefault("on", owner.local_today())

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        a, b = data.get("person_a"), data.get("person_b")
        if a and b and a == b:
            self.add_error("person_b", _("Choose two different people."))
        on = data.get("on")
        problem = day_problem(on, self.owner.local_today()) if on else None
        if problem is Problem.IN_THE_FUTURE:
            self.add_error("on", _("An introduction cannot be dated in the future."))
        elif problem is not None:
            self.add_error("on", problem_message(problem))
        return data


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=Introduction.OUTCOME_CHOICES)
    outcome_note = forms.CharField(
        label=_("Note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        state_text_limits(self)
