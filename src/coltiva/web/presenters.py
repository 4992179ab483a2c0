"""Stored assessments back into the domain's words, in the user's language.

The relationship stores codes and parameters, never sentences, so the same row reads
correctly in English and Italian; the domain's ``texts`` module holds the sentences.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.utils.formats import date_format
from django.utils.translation import gettext, ngettext

from coltiva.domain import evidence_texts, texts
from coltiva.domain.vcp import Evidence, Flag, NextStep, NextStepCode, WarningCode
from coltiva.people.models import Person, Relationship


def _date(raw: Any) -> date | None:
    return date.fromisoformat(raw) if raw else None


def next_step_of(rel: Relationship) -> NextStep | None:
    if not rel.next_step:
        return None
    return NextStep(
        code=NextStepCode(rel.next_step),
        params=rel.next_step_params or {},
        waiting_since=rel.next_step_since,
    )


def flags_of(rel: Relationship) -> list[Flag]:
    return [
        Flag(
            code=WarningCode(item["code"]),
            since=_date(item["since"]) or date.min,
            params=item.get("params") or {},
        )
        for item in rel.warnings or []
    ]


def evidence_of(rel: Relationship) -> list[Evidence]:
    return [
        Evidence(code=item["code"], count=item["count"], params=item.get("params") or {})
        for item in rel.evidence or []
    ]


def local_date(day: date) -> str:
    return date_format(day, "SHORT_DATE_FORMAT")


def next_step_sentence(rel: Relationship, person: Person) -> str:
    step = next_step_of(rel)
    if step is None:
        return ""
    return texts.next_step_text(step, person.first_name, gettext, ngettext, format_date=local_date)


def next_step_action(rel: Relationship, person: Person) -> str:
    step = next_step_of(rel)
    if step is None:
        return ""
    return texts.next_step_action(step, gettext, name=person.first_name)


def warning_sentences(rel: Relationship, person: Person) -> list[str]:
    return [
        texts.warning_text(f, person.first_name, gettext, ngettext, format_date=local_date)
        for f in flags_of(rel)
    ]


def evidence_sentences(rel: Relationship) -> list[str]:
    return [
        evidence_texts.evidence_text(e, gettext, ngettext, format_date=local_date)
        for e in evidence_of(rel)
    ]
