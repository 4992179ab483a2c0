"""Today's sentence about what else is due: "12 more: 7 thank-yous, 5 to reconnect"."""

from __future__ import annotations

from collections.abc import Mapping

from django import template
from django.utils.translation import ngettext

from coltiva.domain import agenda
from coltiva.domain.assessment import NextStepCode as Code

register = template.Library()


def _kind(code: str, n: int) -> str:
    # One literal pair per kind, so makemessages finds each.
    phrases = {
        Code.KEEP_PROMISE.value: ngettext("%(n)d promise to keep", "%(n)d promises to keep", n),
        Code.SAY_THANK_YOU.value: ngettext("%(n)d thank-you", "%(n)d thank-yous", n),
        Code.FOLLOW_UP.value: ngettext("%(n)d follow-up", "%(n)d follow-ups", n),
        agenda.PLAN: ngettext("%(n)d planned meeting", "%(n)d planned meetings", n),
        Code.RECONNECT.value: ngettext("%(n)d to reconnect", "%(n)d to reconnect", n),
        Code.GIVE_REFERRAL.value: ngettext("%(n)d referral to give", "%(n)d referrals to give", n),
        Code.ASK_FOR_REFERRAL.value: ngettext(
            "%(n)d referral to ask for", "%(n)d referrals to ask for", n
        ),
        Code.GIVE_FIRST.value: ngettext("%(n)d to give to first", "%(n)d to give to first", n),
        Code.REBUILD_TRUST.value: ngettext(
            "%(n)d to rebuild trust with", "%(n)d to rebuild trust with", n
        ),
        Code.MEET_AGAIN.value: ngettext("%(n)d to meet again", "%(n)d to meet again", n),
        Code.NURTURE.value: ngettext("%(n)d to nurture", "%(n)d to nurture", n),
        Code.GET_TO_KNOW.value: ngettext("%(n)d to get to know", "%(n)d to get to know", n),
    }
    phrase = phrases.get(code) or ngettext("%(n)d other", "%(n)d others", n)
    return phrase % {"n": n}


@register.simple_tag
def more_summary(more: Mapping[str, int]) -> str:
    """What is due and not shown, kind by kind in the agenda's order."""
    total = sum(more.values())
    kinds = ", ".join(_kind(code, n) for code, n in more.items())
    return ngettext("%(total)d more: %(kinds)s", "%(total)d more: %(kinds)s", total) % {
        "total": total,
        "kinds": kinds,
    }
