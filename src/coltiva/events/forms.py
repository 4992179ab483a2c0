from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from coltiva.accounts.models import User
from coltiva.events.models import Event


class EventForm(forms.ModelForm[Event]):
    class Meta:
        model = Event
        fields = ["name", "on", "place", "notes"]
        widgets = {
            "on": forms.DateInput(attrs={"type": "date"}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, owner: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.owner = owner
        if not self.instance.pk and not self.is_bound:
            self.initial.setdefault("on", owner.local_today())

    def clean_name(self) -> str:
        name: str = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError(_("Give the event a name."))
        return name
