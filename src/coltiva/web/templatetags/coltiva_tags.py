from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from coltiva.people.models import (
    HEALTH_CHOICES,
    PURPOSE_CHOICES,
    STAGE_CHOICES,
    Person,
    Relationship,
)
from coltiva.web import navigation, presenters
from coltiva.web.links import link

register = template.Library()

STAGE_LABELS = dict(STAGE_CHOICES)
HEALTH_LABELS = dict(HEALTH_CHOICES)
PURPOSE_LABELS = dict(PURPOSE_CHOICES)


@register.simple_tag
def stage_badge(rel: Relationship) -> SafeString:
    label = STAGE_LABELS.get(rel.stage, rel.stage)
    if rel.pinned_stage:
        title = _("Pinned by you; computed: %(computed)s") % {
            "computed": STAGE_LABELS.get(rel.computed_stage, rel.computed_stage)
        }
        return format_html(
            '<span class="badge pinned stage-{}" title="{}">📌 {}</span>', rel.stage, title, label
        )
    return format_html('<span class="badge stage-{}">{}</span>', rel.stage, label)


@register.simple_tag(takes_context=True)
def main_menu(context: template.Context) -> SafeString:
    return navigation.menu(str(context.get("nav", "")), str(context.get("csrf_token", "")))


@register.simple_tag(name="link")
def link_tag(name: str, pk: int) -> str:
    """``{% url name pk %}`` for rows of a list: the pattern is reversed once (web.links)."""
    return link(name, pk)


@register.simple_tag
def stage_name(code: str) -> object:
    return STAGE_LABELS.get(code, code)


@register.simple_tag
def chart_rows(chart: dict[str, Any]) -> list[list[object]]:
    """A chart's data as table rows: label, then one value per series."""
    columns = [s["data"] for s in chart["series"]]
    return [[label, *(col[i] for col in columns)] for i, label in enumerate(chart["labels"])]


@register.simple_tag
def health_badge(rel: Relationship) -> SafeString:
    label = HEALTH_LABELS.get(rel.health, rel.health)
    return format_html('<span class="badge health-{}">{}</span>', rel.health, label)


@register.simple_tag
def purpose_label(code: str) -> object:
    return PURPOSE_LABELS.get(code, code)


@register.simple_tag
def next_step_sentence(rel: Relationship, person: Person) -> str:
    return presenters.next_step_sentence(rel, person)


@register.simple_tag
def warning_sentences(rel: Relationship, person: Person) -> list[str]:
    return presenters.warning_sentences(rel, person)


@register.simple_tag
def evidence_sentences(rel: Relationship) -> list[str]:
    return presenters.evidence_sentences(rel)


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
