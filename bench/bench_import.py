"""Benchmark (not a test): a 20,000-row LinkedIn Connections.csv imported into a book of
20,000 people, duplicate detection included. Target: under 15 s on a 2-core machine.

    .venv/bin/python bench/bench_import.py            # SQLite in a temporary data dir
    COLTIVA_DATABASE_URL=postgres://... .venv/bin/python bench/bench_import.py

Prints the seconds for the whole import as the CLI runs it (detection, the preview pass
that counts the rows, the import in one transaction, near-duplicate detection).
"""

from __future__ import annotations

import os
import sys
import tempfile
import time

ROWS = int(os.environ.get("BENCH_ROWS", "20000"))
BOOK = int(os.environ.get("BENCH_BOOK", "20000"))


def setup() -> None:
    if "COLTIVA_DATA_DIR" not in os.environ:
        os.environ["COLTIVA_DATA_DIR"] = tempfile.mkdtemp(prefix="coltiva-bench-")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coltiva.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def build_book(email: str) -> object:
    from coltiva.accounts.models import User
    from coltiva.imports.fields import prepare
    from coltiva.imports.writer import new_relationship_values
    from coltiva.people.models import ContactPoint, Person, Relationship

    User.objects.filter(email=email).delete()
    user = User.objects.create_user(email, "bench-password-1234")
    people = Person.objects.bulk_create(
        prepare(
            Person(
                owner=user,
                given_name=f"Given{i}",
                family_name=f"Family{i}",
                company=f"Company {i}",
            )
        )
        for i in range(BOOK)
    )
    values = new_relationship_values(user, user.local_today())
    Relationship.objects.bulk_create(Relationship(person=p, owner=user, **values) for p in people)
    points = []
    for i, person in enumerate(people):
        points.append(
            ContactPoint(
                owner=user,
                person=person,
                kind="email",
                value=f"given{i}@example.com",
                normalized=f"given{i}@example.com",
            )
        )
        points.append(
            ContactPoint(
                owner=user,
                person=person,
                kind="url",
                value=f"https://www.linkedin.com/in/given-{i}",
                normalized=f"linkedin.com/in/given-{i}",
            )
        )
    ContactPoint.objects.bulk_create(points, batch_size=2000)
    return user


def connections_csv(rows: int) -> bytes:
    """A quarter of the rows are already in the book (by profile link or e-mail), one in
    twenty is a near-namesake of someone in it, the rest are new."""
    lines = [
        "Notes:",
        '"When exporting your connection data, you may notice that some of the email '
        'addresses are missing."',
        "",
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On",
    ]
    for i in range(rows):
        if i % 8 == 0:
            given, family, url, email = f"Given{i}", f"Family{i}", f"given-{i}", ""
        elif i % 8 == 1:
            given, family, url, email = f"Given{i}", f"Family{i}", f"x-{i}", f"given{i}@example.com"
        elif i % 20 == 2:
            given, family, url, email = f"Givem{i}", f"Family{i}", f"near-{i}", ""
        else:
            given, family, url, email = f"New{i}", f"Person{i}", f"new-{i}", ""
        lines.append(
            f'{given},"{family}",https://www.linkedin.com/in/{url},{email},'
            f'"Company {i}, Inc.",Head of Sales,{i % 28 + 1:02d} Oct 2024'
        )
    return ("\n".join(lines) + "\n").encode()


def main() -> None:
    setup()
    from coltiva.imports import services

    user = build_book("bench@coltiva.local")
    data = connections_csv(ROWS)
    start, start_cpu = time.perf_counter(), time.process_time()
    report = services.import_file(user, data, "Connections.csv")  # type: ignore[arg-type]
    seconds = time.perf_counter() - start
    cpu = time.process_time() - start_cpu
    print(
        f"import_20k: {seconds:.2f} s (CPU {cpu:.2f} s) for {ROWS} rows into a book of {BOOK}: "
        f"{report.created} created, {report.merged} merged, {report.skipped} skipped, "
        f"{report.duplicates} possible duplicates"
    )
    sys.exit(0 if seconds < 15 else 1)


if __name__ == "__main__":
    main()
