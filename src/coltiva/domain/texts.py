"""An assessment in sentences a person understands, in any language.

Framework-free but translatable: every function takes ``gettext`` and ``ngettext``
(English identity by default; pass Django's to translate) and calls them with literal
strings, so ``makemessages`` finds every message. Placeholders are %-style and named, so
translators may reorder them. Sentences never open with the person's name (it may be
lower-case, like "this person") and use "them" rather than a gendered pronoun.

A next step's params may carry a ``match`` from the matcher: a mapping with ``name`` (the
person to introduce them to) and optionally ``looks_for`` (what the person being
assessed looks for, which the match fits) and ``offers`` (what the match offers).
"""

from __future__ import annotations

from collections.abc import Mapping

from coltiva.domain.assessment import (
    Flag,
    Health,
    NextStep,
    NextStepCode,
    Stage,
    WarningCode,
)
from coltiva.domain.evidence_texts import evidence_summary, evidence_text
from coltiva.domain.phrases import (
    DateFormat,
    Gettext,
    Ngettext,
    Values,
    english,
    english_plural,
    iso,
    window_phrase,
)
from coltiva.domain.touches import Kind

__all__ = [
    "evidence_summary",
    "evidence_text",
    "health_label",
    "next_step_action",
    "next_step_text",
    "stage_label",
    "warning_text",
]


def stage_label(stage: Stage, gettext: Gettext = english) -> str:
    match stage:
        case Stage.VISIBILITY:
            return gettext("Visibility")
        case Stage.CREDIBILITY:
            return gettext("Credibility")
        case Stage.PROFITABILITY:
            return gettext("Profitability")
    return gettext("Not visible")


def health_label(health: Health, gettext: Gettext = english) -> str:
    match health:
        case Health.SEED:
            return gettext("Seed")
        case Health.THRIVING:
            return gettext("Thriving")
        case Health.NEEDS_TENDING:
            return gettext("Needs tending")
        case Health.WITHERING:
            return gettext("Withering")
    return gettext("Dormant")


# -- warnings -------------------------------------------------------------------------


def warning_text(
    flag: Flag,
    name: str,
    gettext: Gettext = english,
    ngettext: Ngettext = english_plural,
    *,
    format_date: DateFormat = iso,
) -> str:
    """One sentence saying what the guardrail caught and why it matters."""
    values = Values(flag.params, name, format_date)
    values["date"] = format_date(flag.since)
    count = values.count()
    match flag.code:
        case WarningCode.ASKED_TOO_EARLY:
            text = ngettext(
                "You asked %(name)s for business before credibility was there: "
                "build trust before asking again.",
                "You asked %(name)s for business %(count)d times before credibility "
                "was there: build trust before asking again.",
                count,
            )
        case WarningCode.HARVESTING_TOO_OFTEN:
            text = ngettext(
                "You asked %(name)s for business %(count)d time in the last %(days)d "
                "days: harvesting too often leaves nothing to harvest.",
                "You asked %(name)s for business %(count)d times in the last %(days)d "
                "days: harvesting too often leaves nothing to harvest.",
                count,
            )
        case WarningCode.TAKING_MORE_THAN_GIVING:
            text = gettext(
                "In the last %(days)d days you asked for or received more from %(name)s "
                "(%(taken)d) than you gave (%(given)d): give before you get."
            )
        case WarningCode.UNTHANKED:
            text = _unthanked(values, count, gettext, ngettext)
        case WarningCode.PROMISE_OPEN:
            text = ngettext(
                "You promised %(name)s something on %(date)s and the promise is still open.",
                "You have %(count)d open promises to %(name)s, the oldest from %(date)s.",
                count,
            )
        case _:
            text = _follow_up_warning(values, gettext, ngettext)
    return text % values


def _unthanked(values: Values, count: int, gettext: Gettext, ngettext: Ngettext) -> str:
    if count > 1:
        return ngettext(
            "You have %(count)d referral or deal from %(name)s without a thank-you, "
            "the oldest from %(date)s.",
            "You have %(count)d referrals or deals from %(name)s without a thank-you, "
            "the oldest from %(date)s.",
            count,
        )
    if values.get("kind") == Kind.REFERRAL_RECEIVED:
        return gettext(
            "You received a referral from %(name)s on %(date)s and have not said thank you yet."
        )
    return gettext(
        "You closed business thanks to %(name)s on %(date)s and have not said thank you yet."
    )


def _follow_up_warning(values: Values, gettext: Gettext, ngettext: Ngettext) -> str:
    days = values.count("days")
    if values.get("overdue"):
        return ngettext(
            "You met %(name)s at %(event)s %(days)d day ago and have not followed up; "
            "it was due on %(due)s.",
            "You met %(name)s at %(event)s %(days)d days ago and have not followed up; "
            "it was due on %(due)s.",
            days,
        )
    return ngettext(
        "You met %(name)s at %(event)s %(days)d day ago: follow up by %(due)s.",
        "You met %(name)s at %(event)s %(days)d days ago: follow up by %(due)s.",
        days,
    )


# -- next step ------------------------------------------------------------------------


def next_step_text(
    step: NextStep,
    name: str,
    gettext: Gettext = english,
    ngettext: Ngettext = english_plural,
    *,
    format_date: DateFormat = iso,
    planned: str | None = None,
) -> str:
    """A sentence naming the person, the reason and what to do. ``planned``: when the
    next meeting with them is already planned (formatted); advice to meet then says so
    instead of suggesting one."""
    values = Values(step.params, name, format_date)
    values["window"] = window_phrase(values.count("days"), gettext, ngettext)
    values["planned"] = planned or ""
    sentence = _planned_sentence(step.code, values, gettext, ngettext) if planned else None
    text = (sentence or _step_sentence(step.code, values, gettext, ngettext)) % values
    match = _match(step)
    if match is not None:
        text = f"{text} {_introduction(match, name, gettext)}"
    return text


def _step_sentence(code: NextStepCode, values: Values, gettext: Gettext, ngettext: Ngettext) -> str:
    match code:
        case NextStepCode.KEEP_PROMISE:
            return ngettext(
                "You promised %(name)s something on %(made_on)s and it is still open: "
                "keep your word, or say plainly that you cannot.",
                "You have %(count)d open promises to %(name)s, the oldest from "
                "%(made_on)s: keep your word, or say plainly that you cannot.",
                values.count(),
            )
        case NextStepCode.SAY_THANK_YOU:
            if values.get("kind") == Kind.REFERRAL_RECEIVED:
                return gettext(
                    "You received a referral from %(name)s on %(on)s and have not "
                    "thanked them yet: say thank you now, it keeps referrals coming."
                )
            return gettext(
                "You closed business thanks to %(name)s on %(on)s and have not thanked "
                "them yet: say thank you now, it keeps referrals coming."
            )
        case NextStepCode.FOLLOW_UP:
            return ngettext(
                "You met %(name)s at %(event)s %(days)d day ago and have not followed "
                "up: suggest a coffee while the meeting is fresh.",
                "You met %(name)s at %(event)s %(days)d days ago and have not followed "
                "up: suggest a coffee while the meeting is fresh.",
                values.count("days"),
            )
        case NextStepCode.RECONNECT:
            return _reconnect(values, ngettext)
    return _stage_sentence(code, values, gettext, ngettext)


def _planned_sentence(
    code: NextStepCode, values: Values, gettext: Gettext, ngettext: Ngettext
) -> str | None:
    """The advice of the steps that propose a meeting, once one is planned."""
    match code:
        case NextStepCode.GET_TO_KNOW:
            return gettext(
                "You have had no real contact with %(name)s yet, and a meeting is planned "
                "for %(planned)s: ask about their business then."
            )
        case NextStepCode.FOLLOW_UP:
            return ngettext(
                "You met %(name)s at %(event)s %(days)d day ago and a meeting is planned "
                "for %(planned)s: confirm it while the meeting is fresh.",
                "You met %(name)s at %(event)s %(days)d days ago and a meeting is planned "
                "for %(planned)s: confirm it while the meeting is fresh.",
                values.count("days"),
            )
        case NextStepCode.MEET_AGAIN if not values.count("meeting_days"):
            return gettext(
                "You have not met %(name)s for a coffee, a meal or a one-to-one %(window)s; "
                "one is planned for %(planned)s: a first step towards credibility."
            )
        case NextStepCode.MEET_AGAIN:
            return ngettext(
                "You have met %(name)s for a coffee, a meal or a one-to-one on "
                "%(meeting_days)d day %(window)s, and the next meeting is planned for "
                "%(planned)s: it builds credibility.",
                "You have met %(name)s for a coffee, a meal or a one-to-one on "
                "%(meeting_days)d different days %(window)s, and the next meeting is "
                "planned for %(planned)s: it builds credibility.",
                values.count("meeting_days"),
            )
    return None


def _reconnect(values: Values, ngettext: Ngettext) -> str:
    if values.get("health") == Health.WITHERING:
        return ngettext(
            "Your last contact with %(name)s was %(days)d day ago and the relationship "
            "is withering: get in touch before it goes dormant.",
            "Your last contact with %(name)s was %(days)d days ago and the relationship "
            "is withering: get in touch before it goes dormant.",
            values.count("days"),
        )
    return ngettext(
        "Your last contact with %(name)s was %(days)d day ago: reconnect, a dormant tie "
        "is cheap to revive and often valuable.",
        "Your last contact with %(name)s was %(days)d days ago: reconnect, a dormant tie "
        "is cheap to revive and often valuable.",
        values.count("days"),
    )


def _stage_sentence(
    code: NextStepCode, values: Values, gettext: Gettext, ngettext: Ngettext
) -> str:
    match code:
        case NextStepCode.MEET_AGAIN:
            return _meet_again(values, gettext, ngettext)
        case NextStepCode.REBUILD_TRUST:
            return gettext(
                "Promises broken and missed meetings with %(name)s (%(negative)d) are not "
                "outweighed by what you gave (%(giving)d) %(window)s: keep your word, and "
                "give before anything else."
            )
        case NextStepCode.GIVE_FIRST:
            return _give_first(values, gettext, ngettext)
        case NextStepCode.GIVE_REFERRAL:
            return gettext(
                "You and %(name)s trust each other, but you have passed no business to "
                "them %(window)s: give a referral before asking for one."
            )
        case NextStepCode.ASK_FOR_REFERRAL:
            return gettext(
                "You have built credibility with %(name)s and sent business their way: "
                "now, and not before, is the time to ask. Tell them what a good referral "
                "for you looks like."
            )
        case NextStepCode.NURTURE:
            return gettext(
                "Business flows both ways with %(name)s: keep it flowing with thanks, "
                "testimonials and referrals in both directions."
            )
    return gettext(
        "You have had no real contact with %(name)s yet: invite them for a coffee and "
        "ask about their business."
    )


def _meet_again(values: Values, gettext: Gettext, ngettext: Ngettext) -> str:
    meetings = values.count("meeting_days")
    if not meetings:
        return gettext(
            "You have not met %(name)s for a coffee, a meal or a one-to-one %(window)s: "
            "invite them to one to start building credibility."
        )
    return ngettext(
        "You have met %(name)s for a coffee, a meal or a one-to-one on %(meeting_days)d "
        "day %(window)s: meet again to build credibility.",
        "You have met %(name)s for a coffee, a meal or a one-to-one on %(meeting_days)d "
        "different days %(window)s: meet again to build credibility.",
        meetings,
    )


def _give_first(values: Values, gettext: Gettext, ngettext: Ngettext) -> str:
    if values.count("giving"):
        return gettext(
            "Keep giving to %(name)s before asking for anything: help them, introduce "
            "them to someone useful, invite them to your group."
        )
    return ngettext(
        "You have met %(name)s on %(meeting_days)d day and given them nothing yet: "
        "help them, introduce them to someone useful, invite them to your group.",
        "You have met %(name)s on %(meeting_days)d different days and given them nothing "
        "yet: help them, introduce them to someone useful, invite them to your group.",
        values.count("meeting_days"),
    )


def _match(step: NextStep) -> Mapping[str, object] | None:
    if step.code not in (NextStepCode.GIVE_FIRST, NextStepCode.GIVE_REFERRAL):
        return None
    match = step.params.get("match")
    if isinstance(match, Mapping) and isinstance(match.get("name"), str) and match["name"]:
        return match
    return None


def _introduction(match: Mapping[str, object], name: str, gettext: Gettext) -> str:
    values = {
        "name": name,
        "match": match["name"],
        "looks_for": match.get("looks_for"),
        "offers": match.get("offers"),
    }
    if values["looks_for"] and values["offers"]:
        text = gettext(
            "Introduce %(name)s, who looks for %(looks_for)s, to %(match)s, who offers %(offers)s."
        )
    elif values["looks_for"]:
        text = gettext("Introduce %(name)s, who looks for %(looks_for)s, to %(match)s.")
    elif values["offers"]:
        text = gettext("Introduce %(name)s to %(match)s, who offers %(offers)s.")
    else:
        text = gettext("Introduce %(name)s to %(match)s.")
    return text % values


_MEETING_STEPS = (NextStepCode.GET_TO_KNOW, NextStepCode.FOLLOW_UP, NextStepCode.MEET_AGAIN)


def next_step_action(
    step: NextStep,
    gettext: Gettext = english,
    *,
    name: str | None = None,
    planned: str | None = None,
) -> str:
    """A short imperative for a button or an agenda line: "Invite Anna for a coffee"."""
    values: dict[str, object] = {"name": name if name is not None else gettext("this person")}
    if planned and step.code in _MEETING_STEPS:
        values["planned"] = planned
        return gettext("Meet %(name)s as planned, %(planned)s") % values
    match = _match(step)
    if match is not None:
        values["match"] = match["name"]
        return gettext("Introduce %(name)s to %(match)s") % values
    return _action(step.code, gettext) % values


def _action(code: NextStepCode, gettext: Gettext) -> str:
    match code:
        case NextStepCode.KEEP_PROMISE:
            return gettext("Keep your promise to %(name)s")
        case NextStepCode.SAY_THANK_YOU:
            return gettext("Thank %(name)s")
        case NextStepCode.FOLLOW_UP:
            return gettext("Follow up with %(name)s")
        case NextStepCode.RECONNECT:
            return gettext("Reconnect with %(name)s")
        case NextStepCode.MEET_AGAIN:
            return gettext("Meet %(name)s again")
        case NextStepCode.REBUILD_TRUST:
            return gettext("Rebuild trust with %(name)s")
        case NextStepCode.GIVE_FIRST:
            return gettext("Help %(name)s first")
        case NextStepCode.GIVE_REFERRAL:
            return gettext("Send %(name)s a referral")
        case NextStepCode.ASK_FOR_REFERRAL:
            return gettext("Ask %(name)s for a referral")
        case NextStepCode.NURTURE:
            return gettext("Keep referrals flowing with %(name)s")
    return gettext("Invite %(name)s for a coffee")
