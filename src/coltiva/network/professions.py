"""A person's free-text profession mapped onto the taxonomy, shown and correctable.

The code is stored on the person (``profession_code``) so matching never re-reads free
text; a code the user chose (``profession_code_manual``) is never overwritten by the
automatic mapping.
"""

from __future__ import annotations

from dataclasses import dataclass

from coltiva.domain.professions import map_profession, profession_text, taxonomy
from coltiva.people.models import Person
from coltiva.people.services import map_profession_code


@dataclass(frozen=True)
class ProfessionView:
    code: str
    label: str
    sphere: str
    manual: bool
    guessed: bool


def correct(person: Person, code: str) -> None:
    """The user's own choice: a taxonomy code, "" for "none of these", or None to go back
    to the automatic mapping."""
    if code and code not in taxonomy().professions:
        raise ValueError(f"unknown profession code {code!r}")
    person.profession_code = code
    person.profession_code_manual = True
    person.save(update_fields=["profession_code", "profession_code_manual", "updated_at"])


def reset(person: Person) -> None:
    person.profession_code_manual = False
    map_profession_code(person)
    person.save(update_fields=["profession_code", "profession_code_manual", "updated_at"])


def view(person: Person, language: str) -> ProfessionView | None:
    code = person.profession_code
    profession = taxonomy().professions.get(code)
    if profession is None:
        return None
    match = map_profession(profession_text(person.profession, person.job_title) or "-")
    guessed = not person.profession_code_manual and (match is None or match.method != "exact")
    sphere = taxonomy().spheres[profession.sphere].label(language)
    return ProfessionView(
        code, profession.label(language), sphere, person.profession_code_manual, guessed
    )


def choices(language: str) -> list[tuple[str, list[tuple[str, str]]]]:
    """Professions grouped by contact sphere, labelled in ``language``, for a select."""
    tax = taxonomy()
    groups: dict[str, list[tuple[str, str]]] = {s: [] for s in tax.spheres}
    for p in tax.professions.values():
        groups[p.sphere].append((p.id, p.label(language)))
    return [
        (tax.spheres[s].label(language), sorted(items, key=lambda item: item[1].casefold()))
        for s, items in sorted(groups.items(), key=lambda g: tax.spheres[g[0]].label(language))
    ]
