from __future__ import annotations

from datetime import date
from typing import Any
from urllib.parse import urlsplit

from django import template
from django.conf import settings
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from coltiva import display
from coltiva.agenda.presenters import shown
from coltiva.edge.links import link, path
from coltiva.people import presenters
from coltiva.people.models import (
    HEALTH_CHOICES,
    PURPOSE_CHOICES,
    STAGE_CHOICES,
    Person,
    Relationship,
    Touch,
)
from coltiva.web import fragments, navigation

register = template.Library()

# Dates, times, amounts and codes in the user's language: the same filters as the
# Jinja2 fragments (coltiva.display).
for _name, _filter in display.FILTERS.items():
    register.filter(_name, _filter)

STAGE_LABELS = dict(STAGE_CHOICES)
HEALTH_LABELS = dict(HEALTH_CHOICES)
PURPOSE_LABELS = dict(PURPOSE_CHOICES)


@register.simple_tag
def badge(family: str, code: str, label: object, pinned: str = "") -> SafeString:
    """The badge of every page (``fragments/badge.html``): ``family`` is ``stage`` or
    ``health``, ``code`` its value; ``pinned`` the title of a stage pinned by hand."""
    return fragments.badge(family, code, label, pinned)


@register.simple_tag
def stage_badge(rel: Relationship) -> SafeString:
    pinned = _pinned_title(rel) if rel.pinned_stage else ""
    return fragments.badge("stage", rel.stage, STAGE_LABELS.get(rel.stage, rel.stage), pinned)


@register.simple_tag
def health_badge(rel: Relationship) -> SafeString:
    return fragments.badge("health", rel.health, HEALTH_LABELS.get(rel.health, rel.health))


@register.simple_tag(takes_context=True)
def main_menu(context: template.Context) -> SafeString:
    """The main menu's items (fragments/menu.html), the page's entry marked current."""
    return fragments.render(
        "menu.html",
        request=context.get("request"),
        links=navigation.links(),
        logout=navigation.logout_url(),
        nav=str(context.get("nav", "")),
        log_out=_("Log out"),
    )


@register.simple_tag(name="path")
def path_tag(name: str) -> str:
    """``{% url name %}`` for a URL without arguments, reversed once (edge.links)."""
    return path(name)


@register.simple_tag(name="link")
def link_tag(name: str, pk: int) -> str:
    """``{% url name pk %}`` for rows of a list: the pattern is reversed once (edge.links)."""
    return link(name, pk)


@register.simple_tag
def people_rows(people: list[Person], family_first: bool = False) -> SafeString:
    """The people list's table rows (fragments/people/rows.html)."""
    return fragments.render(
        "people/rows.html",
        people=people,
        family_first=family_first,
        link=link,
        stages={code: str(label) for code, label in STAGE_LABELS.items()},
        healths={code: str(label) for code, label in HEALTH_LABELS.items()},
        pinned_title=_pinned_title,
        never=_("never"),
    )


@register.simple_tag(name="field")
def form_field(field: Any) -> SafeString:
    """A form field with its label, help and errors (fragments/forms/field.html)."""
    return fragments.render("forms/field.html", field=field)


@register.simple_tag(takes_context=True)
def timeline_rows(context: template.Context, touches: list[Touch]) -> SafeString:
    """A person's touches as timeline items (fragments/people/timeline_rows.html)."""
    return fragments.render(
        "people/timeline_rows.html",
        request=context.get("request"),
        touches=touches,
        link=link,
        minutes=_minutes,
        note=note,
        currency=_currency(context),
        edit=_("Edit"),
        delete=_("Delete"),
        confirm=_("Delete this touch?"),
    )


# A note longer than this (or than so many lines) shows its start and folds the rest.
NOTE_FOLD_CHARS = 400
NOTE_FOLD_LINES = 6


@register.simple_tag
def note(text: str) -> SafeString:
    """A note, folded behind "Show more" when long (fragments/people/note.html)."""
    lines = text.splitlines()
    preview = ""
    if len(text) > NOTE_FOLD_CHARS or len(lines) > NOTE_FOLD_LINES:
        start = "\n".join(lines[:NOTE_FOLD_LINES])[:NOTE_FOLD_CHARS]
        preview = start.rstrip() + "…"
    return fragments.render(
        "people/note.html",
        text=text,
        preview=preview,
        more=_("Show more"),
        less=_("Show less"),
    )


@register.simple_tag(takes_context=True)
def agenda_items(context: template.Context, agenda: Any, items: Any = None) -> SafeString:
    """Today's items (fragments/agenda/items.html), worded at the edge."""
    zone = getattr(context.get("user"), "time_zone", "") or settings.TIME_ZONE
    return fragments.render(
        "agenda/items.html",
        request=context.get("request"),
        items=shown(items if items is not None else agenda.items, zone),
        day=agenda.day,
        overdue=_overdue,
        note_for=_note_for,
        t={
            "optional_note": _("Optional note"),
            "more": _("Why, note, snooze"),  # the row's disclosure; short: it shares a line
            "done_with_note": _("Done, with this note"),
            "note": _("Note"),
            "done": _("Done"),
            "no_show": _("No-show"),
            "cancel_plan": _("Cancel plan"),
            "snooze_day": _("Snooze a day"),
            "snooze_week": _("Snooze a week"),
            "dismiss": _("Dismiss"),
        },
    )


def _overdue(day: date) -> str:
    return _("overdue since %(due)s") % {"due": display.short_day(day)}


def _currency(context: template.Context) -> str:
    """The signed-in user's currency (the default when the page has no user)."""
    return getattr(context.get("user"), "currency", "") or display.DEFAULT_CURRENCY


def _note_for(name: str) -> str:
    return _("Note for %(name)s") % {"name": name}


def _minutes(m: int) -> str:
    return ngettext("%(m)s minute", "%(m)s minutes", m) % {"m": m}


def _pinned_title(rel: Relationship) -> str:
    return _("Pinned by you; computed: %(computed)s") % {
        "computed": STAGE_LABELS.get(rel.computed_stage, rel.computed_stage)
    }


@register.simple_tag
def headline(person: Person) -> str:
    """Job title, company and trade, with a separator only between those written."""
    parts = (person.job_title, person.company, person.profession)
    return " · ".join(part.strip() for part in parts if part and part.strip())


@register.simple_tag
def stage_name(code: str) -> object:
    return STAGE_LABELS.get(code, code)


@register.simple_tag
def chart_rows(chart: dict[str, Any]) -> list[list[object]]:
    """A chart's data as table rows: label, then one value per series."""
    columns = [s["data"] for s in chart["series"]]
    return [[label, *(col[i] for col in columns)] for i, label in enumerate(chart["labels"])]


@register.simple_tag
def purpose_label(code: str) -> object:
    return PURPOSE_LABELS.get(code, code)


@register.simple_tag
def next_step_sentence(rel: Relationship, person: Person) -> str:
    return presenters.next_step_sentence(rel, person)


@register.simple_tag
def warning_sentences(rel: Relationship, person: Person) -> list[str]:
    return presenters.warning_sentences(rel, person)


@register.simple_tag(takes_context=True)
def evidence_sentences(context: template.Context, rel: Relationship) -> list[str]:
    return presenters.evidence_sentences(rel, _currency(context))


@register.simple_tag(takes_context=True)
def query_with(context: dict[str, Any], **changes: Any) -> str:
    """The current query string with some parameters replaced (for pagination links)."""
    params = context["request"].GET.copy()
    for key, value in changes.items():
        params[key] = value
    return str(params.urlencode())


@register.filter
def safe_url(value: str) -> str:
    """Only http(s) links become hrefs: a ``javascript:`` link typed into a card must not run."""
    raw = value.strip()
    if "://" not in raw:
        raw = "https://" + raw
    return raw if urlsplit(raw).scheme in ("http", "https") else "#"
