from __future__ import annotations

from datetime import date, time
from typing import Any

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from coltiva.agenda.models import Plan
from coltiva.domain.bounds import latest_plan_day
from coltiva.edge.limits import LengthLimit, state_text_limits
from coltiva.edge.widgets import DateInput, TimeInput
from coltiva.people.models import KIND_CHOICES


class PlanForm(forms.Form):
    kind = forms.ChoiceField(label=_("What"), choices=Plan.KIND_CHOICES, initial="coffee")
    on = forms.DateField(label=_("Day"), widget=DateInput)
    at = forms.TimeField(label=_("Time"), required=False, widget=TimeInput)
    minutes = forms.IntegerField(label=_("Minutes"), required=False, min_value=5, max_value=600)
    place = forms.CharField(label=_("Where"), required=False, max_length=200)
    note = forms.CharField(
        label=_("Note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, today: date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today
        self.fields["on"].initial = today
        state_text_limits(self)

    def clean_on(self) -> date:
        day: date = self.cleaned_data["on"]
        if day < self.today:
            raise forms.ValidationError(
                _("A plan is for today or later; log what already happened as a touch.")
            )
        latest = latest_plan_day(self.today)
        if day > latest:
            raise forms.ValidationError(
                _("A plan is for the next five years: choose a day up to %(latest)s.")
                % {"latest": date_format(latest, "DATE_FORMAT")}
            )
        return day

    def plan_fields(self) -> dict[str, Any]:
        data = self.cleaned_data
        at: time | None = data.get("at")
        return {
            "kind": data["kind"],
            "on": data["on"],
            "at": at,
            "minutes": data.get("minutes"),
            "place": data.get("place", ""),
            "note": data.get("note", ""),
        }


class DoneForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What happened"),
        choices=KIND_CHOICES,
        required=False,
        error_messages={"invalid_choice": _("Choose a valid kind of touch.")},
    )
    # The touch's note: its limit, said as the touch form says it.
    note = forms.CharField(label=_("Note"), required=False, validators=[LengthLimit(5000)])


class SnoozeForm(forms.Form):
    days = forms.TypedChoiceField(
        choices=[(1, _("a day")), (7, _("a week"))], coerce=int, label=_("Snooze for")
    )


class CloseForm(forms.Form):
    status = forms.ChoiceField(
        choices=[
            (Plan.DONE, _("Done")),
            (Plan.CANCELLED, _("Cancelled")),
            (Plan.NO_SHOW, _("No-show")),
        ]
    )
    note = forms.CharField(required=False, max_length=2000)
