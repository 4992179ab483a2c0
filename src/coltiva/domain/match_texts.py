"""Why two people should meet, or who can open a door, in one sentence in the reader's
language.

Matching stores a reason as a code and plain string parameters; this module builds
those parameters from people and turns them into words.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Protocol

from coltiva.domain.candidates import Candidate
from coltiva.domain.phrases import mid_sentence
from coltiva.domain.professions import taxonomy


class Reasoned(Protocol):
    """A suggestion or an introducer: anything with a reason code and its parameters."""

    @property
    def reason_code(self) -> str: ...

    @property
    def reason_params(self) -> dict[str, str]: ...


def role(name: str, c: Candidate) -> dict[str, str]:
    return {f"{name}_profession": c.profession_id or "", f"{name}_does": quote(c.offers)}


def looks_for_params(looker: Candidate, other: Candidate) -> dict[str, str]:
    return {
        "looker": looker.name,
        "looks_for": quote(looker.looks_for),
        "other": other.name,
        "company": other.company.strip(),
        **role("other", other),
    }


_WISH_PREFIXES = (
    "i am looking for", "i'm looking for", "we are looking for", "looking for", "seeking",
    "introductions to", "sto cercando", "cerchiamo", "cerco", "vorrei conoscere",
    "mi piacerebbe conoscere", "presentazioni a",
)  # fmt: skip
_MAX_QUOTE = 100


def quote(text: str) -> str:
    """User text fit to quote inside a sentence: no "cerco" twice, no final stop."""
    text = " ".join(text.split()).rstrip(" .;!")
    lowered = text.casefold()
    for prefix in _WISH_PREFIXES:
        if lowered.startswith(prefix + " "):
            text = text[len(prefix) + 1 :]
            break
    if len(text) > _MAX_QUOTE:
        text = text[:_MAX_QUOTE].rsplit(" ", 1)[0] + "…"
    # "Couples getting married" is quoted mid-sentence; "PMI" keeps its capitals.
    return mid_sentence(text)


def _identity(message: str) -> str:
    return message


def reason_text(
    item: Reasoned, gettext: Callable[[str], str] = _identity, language: str = "en"
) -> str:
    """One sentence explaining a suggestion or an introducer, in ``language``.

    Templates are literals passed to ``gettext`` so that makemessages extracts them;
    profession and sphere names come from the taxonomy.
    """
    values = _localised(item.reason_params, gettext, language)
    code = item.reason_code
    if code == "looks_for" and values.get("company"):
        code = "looks_for_at"
    text = _templates(gettext)[code] % values
    return text[:-1] if text.endswith("..") else text  # "... S.p.A.."


def _templates(_: Callable[[str], str]) -> dict[str, str]:
    return {
        "looks_for_at": _(
            "%(looker)s looks for %(looks_for)s; "
            "%(other)s fits: %(other_profession)s at %(company)s."
        ),
        "looks_for": _("%(looker)s looks for %(looks_for)s; %(other)s fits: %(other_profession)s."),
        "mutual": _(
            "%(a)s (%(a_profession)s) and %(b)s (%(b_profession)s) "
            "each look for what the other does."
        ),
        "same_clients": _(
            "%(a)s (%(a_profession)s) and %(b)s (%(b_profession)s) serve the same clients "
            "without competing: %(market)s."
        ),
        "contact_sphere": _(
            "%(a)s (%(a_profession)s) and %(b)s (%(b_profession)s) are in the same contact "
            "sphere, %(sphere)s: same clients, no competition."
        ),
        "feeds": _(
            "Clients of %(source)s (%(source_profession)s) often need "
            "%(target)s (%(target_profession)s)."
        ),
        "feeds_both": _(
            "Clients of %(a)s (%(a_profession)s) and of %(b)s (%(b_profession)s) "
            "often need each other."
        ),
        "common_ground": _("%(a)s and %(b)s have enough in common to be worth an introduction."),
        "works_at": _("%(name)s works at %(company)s."),
        "knows_person": _("%(name)s knows %(target)s."),
        "in_network": _("%(name)s is in %(network)s."),
        "knows_profession": _("%(name)s knows %(contacts)s (%(profession)s)."),
        # "(gym)", never "works as gym": a profession may be a place or a business.
        "in_sphere": _(
            "%(name)s (%(own_profession)s) is in the same contact sphere as %(profession)s."
        ),
        "sphere_feeds": _(
            "%(name)s (%(own_profession)s) is in a trade that often works with %(profession)s."
        ),
    }


def _localised(
    params: Mapping[str, str], gettext: Callable[[str], str], lang: str
) -> dict[str, str]:
    values = dict(params)
    for key, value in params.items():
        if key.endswith("profession"):
            does = params.get(key.removesuffix("profession") + "does", "")
            values[key] = _profession_label(value, does, gettext, lang)
        elif key == "sphere" and value in taxonomy().spheres:
            values[key] = taxonomy().spheres[value].label(lang)
    return values


def _profession_label(pid: str, does: str, gettext: Callable[[str], str], lang: str) -> str:
    profession = taxonomy().professions.get(pid)
    if profession is None:
        return does or gettext("their trade")
    label = profession.label(lang)
    return mid_sentence(label)
