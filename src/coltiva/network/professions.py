"""A person's free-text profession mapped onto the taxonomy, shown and correctable.

The code is stored on the person (``profession_code``) so matching never re-reads free
text; a code the user chose (``profession_code_manual``) is never overwritten by the
automatic mapping.
"""

from __future__ import annotations

from dataclasses import dataclass

from coltiva.domain.professions import map_profession, taxonomy
from coltiva.people.models import Person

# Below this a mapping is a guess we would rather not act on.
MIN_CONFIDENCE = 0.5


@dataclass(frozen=True)
class ProfessionView:
    code: str
    label: str
    sphere: str
    manual: bool
    guessed: bool


def mapped_code(text: str) -> str:
    match = map_profession(text) if text.strip() else None
    if match is None or match.confidence < MIN_CONFIDENCE:
        return ""
    return match.profession_id


def profession_text(profession: str, job_title: str) -> str:
    """What the person does in their words: the profession, else the job title."""
    return profession.strip() or job_title.strip()


def apply_mapping(person: Person) -> None:
    """Set the code from the free text, unless the user chose it by hand."""
    if not person.profession_code_manual:
        person.profession_code = mapped_code(profession_text(person.profession, person.job_title))


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
    apply_mapping(person)
    person.save(update_fields=["profession_code", "profession_code_manual", "updated_at"])


def effective_code(code: str, manual: bool, profession: str, job_title: str) -> str:
    """The code matching uses: the stored one, else (rows written in bulk, which skip the
    mapping on save) the free text mapped now."""
    if code or manual:
        return code
    return mapped_code(profession_text(profession, job_title))


def view(person: Person, language: str) -> ProfessionView | None:
    code = effective_code(
        person.profession_code, person.profession_code_manual, person.profession, person.job_title
    )
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


def fill_codes(user_id: int) -> int:
    """Map the professions of people written in bulk (imports skip ``save``)."""
    rows = list(
        Person.objects.filter(owner_id=user_id, profession_code="", profession_code_manual=False)
        .exclude(profession="", job_title="")
        .only("pk", "profession", "job_title", "profession_code")
    )
    changed = []
    for person in rows:
        code = mapped_code(profession_text(person.profession, person.job_title))
        if code:
            person.profession_code = code
            changed.append(person)
    Person.objects.bulk_update(changed, ["profession_code"], batch_size=1000)
    return len(changed)
