"""Double opt-in introduction messages, in the user's language.

Double opt-in: ask each person first whether they would like the introduction, then,
when both said yes, introduce them in one message to both. Nobody receives a stranger's
details they did not ask for. The drafts are plain text to copy or open in the mail app.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from django.utils import translation
from django.utils.translation import gettext as _

from coltiva.accounts.models import User
from coltiva.domain.professions import taxonomy
from coltiva.people.models import ContactPoint, Person
from coltiva.referrals.models import Introduction


@dataclass(frozen=True)
class Message:
    to: list[str]
    subject: str
    body: str

    @property
    def mailto(self) -> str:
        """A mailto: link with every known address; empty when none is known."""
        if not self.to:
            return ""
        query = f"subject={quote(self.subject)}&body={quote(self.body)}"
        return f"mailto:{','.join(quote(a, safe='@') for a in self.to)}?{query}"


@dataclass(frozen=True)
class Drafts:
    ask_a: Message
    ask_b: Message
    together: Message


def _email(person: Person) -> list[str]:
    found = (
        ContactPoint.objects.filter(person=person, kind=ContactPoint.EMAIL)
        .order_by("id")
        .values_list("value", flat=True)
        .first()
    )
    return [found] if found else []


def _about(person: Person, language: str) -> str:
    """ "Paolo Greco, HR manager at Greco Valvole: selection and welfare" in a few words."""
    profession = taxonomy().professions.get(person.profession_code)
    trade = profession.label(language) if profession else person.profession or person.job_title
    text = person.display_name
    if trade and person.company:
        text += ", " + _("%(trade)s at %(company)s") % {"trade": trade, "company": person.company}
    elif trade or person.company:
        text += ", " + (trade or person.company)
    offers = " ".join(person.offers.split()).rstrip(" .;")
    if offers:
        text += ": " + (offers if len(offers) <= 160 else offers[:160].rsplit(" ", 1)[0] + "…")
    return text


def _ask(asked: Person, other: Person, why: str, sender: str, language: str) -> Message:
    values = {
        "name": asked.first_name,
        "other": _about(other, language),
        "other_name": other.first_name,
        "why": why,
        "sender": sender,
    }
    body = _("Hi %(name)s,\n\nI would like to introduce you to %(other)s.") % values
    if why:
        body += "\n\n" + _("Why I think you should meet: %(why)s") % values
    body += (
        "\n\n"
        + _(
            "Would you like me to put you in touch? If you would rather not, just say so: "
            "%(other_name)s will not know I asked.\n\n%(sender)s"
        )
        % values
    )
    subject = _("Would you like to meet %(other_name)s?") % values
    return Message(_email(asked), subject, body)


def _together(a: Person, b: Person, why: str, sender: str, language: str) -> Message:
    values = {
        "a": a.first_name,
        "b": b.first_name,
        "about_a": _about(a, language),
        "about_b": _about(b, language),
        "why": why,
        "sender": sender,
    }
    body = (
        _(
            "Hi %(a)s, hi %(b)s,\n\nas promised, I am introducing you to each other, "
            "with both your permission.\n\n%(a)s, meet %(about_b)s.\n\n%(b)s, meet %(about_a)s."
        )
        % values
    )
    if why:
        body += "\n\n" + _("Why I think you should meet: %(why)s") % values
    body += (
        "\n\n"
        + _("I leave it to you to set up a coffee. Let me know how it goes!\n\n%(sender)s") % values
    )
    subject = _("Introduction: %(a)s, meet %(b)s") % values
    return Message(_email(a) + _email(b), subject, body)


def language_of(user: User) -> str:
    return user.language or (translation.get_language() or "en")[:2]


def drafts(user: User, intro: Introduction) -> Drafts:
    """The three messages of a recorded introduction."""
    return drafts_for(user, intro.person_a, intro.person_b, intro.why)


def drafts_for(user: User, a: Person, b: Person, why: str) -> Drafts:
    """The three messages of a double opt-in introduction, in the user's language."""
    language = language_of(user)
    why = why.strip()
    sender = user.name or user.email
    with translation.override(language):
        return Drafts(
            ask_a=_ask(a, b, why, sender, language),
            ask_b=_ask(b, a, why, sender, language),
            together=_together(a, b, why, sender, language),
        )
