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
from coltiva.people.models import (
    HEALTH_CHOICES,
    PURPOSE_CHOICES,
    STAGE_CHOICES,
    Person,
    Relationship,
    Touch,
)
from coltiva.web import fragments, navigation, presenters
from coltiva.web.links import link, path

register = template.Library()

# Dates, times, amounts and codes in the user's language: the same filters as the
# Jinja2 fragments (coltiva.display).
for _name, _filter in display.FILTERS.items():
    register.filter(_name, _filter)

STAGE_LABELS = dict(STAGE_CHOICES)
HEALTH_LABELS = dict(HEALTH_CHOICES)
PURPOSE_LABELS = dict(PURPOSE_CHOICES)


def _partial(context: template.Context, name: str, **values: Any) -> SafeString:
    """The partial template ``name`` rendered inside the page's context, as
    ``{% include %}`` does: its ``{% csrf_token %}`` is the page's."""
    partial = context.template.engine.get_template(name) if context.template else None
    if partial is None:
        raise template.TemplateSyntaxError(f"{name} rendered outside a template")
    with context.push(**values):
        return partial.render(context)


def _jinja() -> bool:
    # MEASUREMENT ONLY (bench/render_compare.py): the other row-rendering path.
    return bool(settings.RENDER_PATH == "jinja2")


def _fragment(context: template.Context, name: str, **values: Any) -> SafeString:
    return fragments.render(name, request=context.get("request"), **values)


@register.simple_tag(takes_context=True)
def badge(
    context: template.Context, family: str, code: str, label: object, pinned: object = ""
) -> SafeString:
    """The one badge partial (``_badge.html``): a ``stage-``, ``health-`` ... coloured label;
    ``pinned`` is the title of a stage pinned by hand."""
    return _partial(context, "_badge.html", family=family, code=code, label=label, pinned=pinned)


@register.simple_tag(takes_context=True)
def stage_badge(context: template.Context, rel: Relationship) -> SafeString:
    label = STAGE_LABELS.get(rel.stage, rel.stage)
    pinned = _pinned_title(rel) if rel.pinned_stage else ""
    return badge(context, "stage", rel.stage, label, pinned)


@register.simple_tag(takes_context=True)
def health_badge(context: template.Context, rel: Relationship) -> SafeString:
    return badge(context, "health", rel.health, HEALTH_LABELS.get(rel.health, rel.health))


@register.simple_tag(takes_context=True)
def main_menu(context: template.Context) -> SafeString:
    return _partial(context, "_menu.html", links=navigation.links(), logout=navigation.logout_url())


@register.simple_tag(name="path")
def path_tag(name: str) -> str:
    """``{% url name %}`` for a URL without arguments, reversed once (web.links)."""
    return path(name)


@register.simple_tag(name="link")
def link_tag(name: str, pk: int) -> str:
    """``{% url name pk %}`` for rows of a list: the pattern is reversed once (web.links)."""
    return link(name, pk)


@register.simple_tag(takes_context=True)
def people_rows(
    context: template.Context, people: list[Person], family_first: bool = False
) -> SafeString:
    """The people list's table rows (people/_people_rows.html)."""
    if _jinja():
        return _fragment(
            context,
            "people/rows.html",
            people=people,
            family_first=family_first,
            link=link,
            stages={code: str(label) for code, label in STAGE_LABELS.items()},
            healths={code: str(label) for code, label in HEALTH_LABELS.items()},
            pinned_title=_pinned_title,
            never=_("never"),
        )
    return _partial(context, "people/_people_rows.html", people=people, family_first=family_first)


@register.simple_tag(takes_context=True, name="field")
def form_field(context: template.Context, field: Any) -> SafeString:
    """A form field with its label, help and errors (_field.html)."""
    if _jinja():
        return _fragment(context, "forms/field.html", field=field)
    return _partial(context, "_field.html", field=field)


@register.simple_tag(takes_context=True)
def timeline_rows(context: template.Context, touches: list[Touch]) -> SafeString:
    """A person's touches as timeline items (people/_timeline_rows.html)."""
    if _jinja():
        return _fragment(
            context,
            "people/timeline_rows.html",
            touches=touches,
            link=link,
            minutes=_minutes,
            note=lambda text: note(context, text),
            currency=_currency(context),
            edit=_("Edit"),
            delete=_("Delete"),
            confirm=_("Delete this touch?"),
        )
    return _partial(
        context, "people/_timeline_rows.html", touches=touches, currency=_currency(context)
    )


# A note longer than this (or than so many lines) shows its start and folds the rest.
NOTE_FOLD_CHARS = 400
NOTE_FOLD_LINES = 6


@register.simple_tag(takes_context=True)
def note(context: template.Context, text: str) -> SafeString:
    """A note, folded behind "Show more" when long (people/_note.html)."""
    lines = text.splitlines()
    preview = ""
    if len(text) > NOTE_FOLD_CHARS or len(lines) > NOTE_FOLD_LINES:
        start = "\n".join(lines[:NOTE_FOLD_LINES])[:NOTE_FOLD_CHARS]
        preview = start.rstrip() + "…"
    if _jinja():
        return _fragment(
            context,
            "people/note.html",
            text=text,
            preview=preview,
            more=_("Show more"),
            less=_("Show less"),
        )
    return _partial(context, "people/_note.html", text=text, preview=preview)


@register.simple_tag(takes_context=True)
def agenda_items(context: template.Context, agenda: Any, items: Any = None) -> SafeString:
    """Today's items (agenda/_item_rows.html)."""
    items = items if items is not None else agenda.items
    if not _jinja():
        return _partial(context, "agenda/_item_rows.html", items=items, day=agenda.day)
    return _fragment(
        context,
        "agenda/items.html",
        items=items,
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
