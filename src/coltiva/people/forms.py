from __future__ import annotations

from datetime import date, timedelta
from functools import cache
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from coltiva.accounts.models import User
from coltiva.domain.touches import MAX_MINUTES
from coltiva.edge.limits import state_text_limits
from coltiva.edge.widgets import DateInput, QuickSelect
from coltiva.people import services
from coltiva.people.contacts import is_phone_number
from coltiva.people.models import (
    KIND_CHOICES,
    PURPOSE_CHOICES,
    STAGE_CHOICES,
    ContactPoint,
    Person,
    Touch,
)

PERSON_FIELDS = [
    "given_name",
    "family_name",
    "company",
    "job_title",
    "profession",
    "city",
    "country",
    "language",
    "how_met",
    "where_met",
    "offers",
    "looks_for",
    "target_market",
    "goals",
    "accomplishments",
    "interests",
    "networks",
    "skills",
    "notes",
    "birthday",
]
SHORT_TEXT = {"rows": 2}


class PersonForm(forms.ModelForm[Person]):
    tags = forms.CharField(
        label=_("Tags"),
        required=False,
        max_length=500,
        help_text=_("Separate tags with commas."),
    )

    class Meta:
        model = Person
        fields = PERSON_FIELDS
        widgets = {
            name: forms.Textarea(attrs=SHORT_TEXT)
            for name in (
                "offers",
                "looks_for",
                "target_market",
                "goals",
                "accomplishments",
                "interests",
                "networks",
                "skills",
            )
        } | {
            "notes": forms.Textarea(attrs={"rows": 4}),
            "birthday": forms.TextInput(attrs={"placeholder": "1980-05-17 / --05-17"}),
        }
        help_texts = {
            "looks_for": _("What a good referral for them looks like."),
            "offers": _("What they do and sell, in their words."),
        }

    def __init__(self, *args: Any, today: date | None = None, **kwargs: Any) -> None:
        """``today``: the owner's day, the latest birthday (the server's when omitted)."""
        super().__init__(*args, **kwargs)
        self.today = today or date.today()
        state_text_limits(self)

    def clean_birthday(self) -> str:
        raw: str = self.cleaned_data.get("birthday", "").strip()
        return services.check_birthday(raw, self.today) if raw else ""

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not any((data.get(f) or "").strip() for f in ("given_name", "family_name", "company")):
            raise ValidationError({"given_name": _("Give at least a name.")})
        return data

    def person_fields(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in PERSON_FIELDS}

    def tag_names(self) -> list[str]:
        return services.parse_tags(self.cleaned_data.get("tags", ""))


class ContactPointForm(forms.ModelForm[ContactPoint]):
    def __init__(self, *args: Any, region: str = "", **kwargs: Any) -> None:
        """``region``: the owner's phone region, for numbers written without +."""
        super().__init__(*args, **kwargs)
        self.region = region

    class Meta:
        model = ContactPoint
        fields = ["kind", "label", "value"]
        widgets = {"label": forms.TextInput(attrs={"placeholder": _("work, home, LinkedIn…")})}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind, value = data.get("kind"), (data.get("value") or "").strip()
        if kind == ContactPoint.EMAIL and value:
            try:
                forms.EmailField().clean(value)
            except ValidationError:
                self.add_error("value", _("Enter a valid e-mail address."))
        if kind == ContactPoint.PHONE and value and not is_phone_number(value, self.region):
            self.add_error("value", PHONE_ERROR)
        if kind == ContactPoint.URL and value:
            try:
                forms.URLField(assume_scheme="https").clean(value)
            except ValidationError:
                self.add_error("value", _("Enter a valid web address."))
        return data


ContactPointFormSet = forms.inlineformset_factory(
    Person,
    ContactPoint,
    form=ContactPointForm,
    extra=2,
    can_delete=True,
    max_num=30,
    validate_max=True,
)


def contacts_from_formset(formset: Any) -> list[services.ContactInput]:
    items = []
    for form in formset.forms:
        data = getattr(form, "cleaned_data", None)
        if not data or data.get("DELETE") or not (data.get("value") or "").strip():
            continue
        items.append(services.ContactInput(data["kind"], data["value"], data.get("label", "")))
    return items


EVENT_CHOICE_DAYS = 120
PHONE_ERROR = _(
    "Enter a phone number, with its country code if it is from abroad (+44 20 7946 0958)."
)


@cache
def _kind_choices(language: str) -> list[tuple[str, str]]:
    """The kinds with their labels translated once per language: the form copies its
    choices on every instance and the select renders each label, and lazy labels made
    that a translation lookup per option per page."""
    del language  # the cache key: the labels below are translated into it
    return [(value, str(label)) for value, label in KIND_CHOICES]


class TouchForm(forms.ModelForm[Touch]):
    """Log or edit a touch; the method's rules come from ``services.check_touch``."""

    # Bounds are the domain's (services.check_touch): no field validator of its own to
    # say them differently.
    minutes = forms.IntegerField(label=_("minutes"), required=False)

    class Meta:
        model = Touch
        fields = ["kind", "on", "minutes", "direction", "value", "event", "note"]
        widgets = {
            "kind": QuickSelect,
            "direction": QuickSelect,
            "event": QuickSelect,
            "on": DateInput,
            "note": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(
        self,
        *args: Any,
        owner: User,
        event_choices: list[tuple[int, str]] | None = None,
        **kwargs: Any,
    ) -> None:
        """``event_choices``: the recent events as (id, name), when the caller has read
        them already (the person page reads them with the rest of its rows)."""
        super().__init__(*args, **kwargs)
        self.owner = owner
        kind, event = self.fields["kind"], self.fields["event"]
        assert isinstance(kind, forms.ChoiceField)
        assert isinstance(event, forms.ModelChoiceField)
        kind.choices = _kind_choices(get_language() or "")
        assert event.queryset is not None  # a relation's select starts with its model's rows
        event.queryset = self._events(event.queryset, owner)
        if not self.is_bound:
            # The select needs ids and names only: no Event instances built per render.
            if event_choices is None or self.instance.event_id:
                event_choices = list(event.queryset.values_list("pk", "name"))
            event.widget.choices = [("", event.empty_label or ""), *event_choices]
        self.fields["minutes"].widget.attrs.update(min=1, max=MAX_MINUTES)
        state_text_limits(self)
        if not self.instance.pk and not self.is_bound:
            self.initial.setdefault("on", owner.local_today())
            self.initial.setdefault("kind", "coffee")

    def _events(self, events: QuerySet[Any], owner: User) -> QuerySet[Any]:
        """The events to choose from: the select lists the recent ones (a book keeps years
        of events, and rendering every one made the person page grow with the book); a
        posted form still accepts any event of the book. ``events``: every event, as the
        touch's relation offers them (the base app names no feature app's model)."""
        events = events.filter(owner=owner).order_by("-on", "-id")
        if self.is_bound:
            return events
        recent = Q(on__gte=owner.local_today() - timedelta(days=EVENT_CHOICE_DAYS))
        if self.instance.event_id:
            recent |= Q(pk=self.instance.event_id)
        return events.filter(recent)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.errors:
            return data
        try:
            services.check_touch(
                kind=data["kind"],
                on=data["on"],
                today=self.owner.local_today(),
                direction=data.get("direction") or "",
                value=data.get("value"),
                minutes=data.get("minutes"),
            )
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                self.add_error(field if field in self.fields else None, errors)
        return data

    def touch_fields(self) -> dict[str, Any]:
        data = self.cleaned_data
        event = data.get("event")
        return {
            "kind": data["kind"],
            "on": data["on"],
            "minutes": data.get("minutes"),
            "note": data.get("note", ""),
            "direction": data.get("direction") or "",
            "value": data.get("value"),
            "event_id": event.pk if event else None,
        }


class RelationshipForm(forms.Form):
    purposes = forms.MultipleChoiceField(
        label=_("Purposes"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=PURPOSE_CHOICES,
    )
    cadence_days = forms.IntegerField(
        label=_("Own cadence (days)"),
        required=False,
        min_value=1,
        max_value=730,
        help_text=_("Leave empty to use the stage's cadence."),
    )
    pinned_stage = forms.ChoiceField(
        label=_("Pinned stage"),
        required=False,
        choices=[("", _("Not pinned: computed from touches")), *STAGE_CHOICES],
    )


# "name" sorts by the name as shown (search_key begins with it, folded); "family" by family
# name, and the list then shows "Rossi, Anna".
SORTS = {
    "name": ("search_key", "id"),
    "family": ("sort_name", "id"),
    "-last": ("-relationship__last_contact_on", "sort_name", "id"),
    "last": ("relationship__last_contact_on", "sort_name", "id"),
    "stage": ("-relationship__stage_rank", "sort_name", "id"),
}
