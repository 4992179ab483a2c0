"""Map the professions of people written in bulk before the import writer set their
code (matching used to map them when it read them; now every writer sets the code)."""

from typing import Any

from django.db import migrations

from coltiva.domain.professions import profession_code


def fill_codes(apps: Any, schema_editor: Any) -> None:
    Person = apps.get_model("people", "Person")
    rows = (
        Person.objects.filter(profession_code="", profession_code_manual=False)
        .exclude(profession="", job_title="")
        .only("pk", "profession", "job_title", "profession_code")
    )
    changed = []
    for person in rows.iterator(chunk_size=2000):
        person.profession_code = profession_code(person.profession, person.job_title)
        if person.profession_code:
            changed.append(person)
        if len(changed) >= 1000:
            Person.objects.bulk_update(changed, ["profession_code"])
            changed = []
    Person.objects.bulk_update(changed, ["profession_code"])


class Migration(migrations.Migration):
    dependencies = [("people", "0005_person_staged_by")]

    operations = [migrations.RunPython(fill_codes, migrations.RunPython.noop)]
