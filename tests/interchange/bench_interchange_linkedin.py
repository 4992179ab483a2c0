"""Speed check by hand (not collected by pytest): read a generated 20,000-row LinkedIn
Connections.csv the way the import does, detection included.

    .venv/bin/python tests/interchange/bench_interchange_linkedin.py
"""

from __future__ import annotations

import time

from coltiva.interchange import ContactRecord, detect_format, read

ROWS = 20_000


def connections_csv(rows: int) -> bytes:
    lines = [
        "Notes:",
        '"When exporting your connection data, you may notice that some of the email '
        'addresses are missing."',
        "",
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On",
    ]
    for i in range(rows):
        email = f"p{i}@example.com" if i % 7 == 0 else ""
        lines.append(
            f'Näme{i},"Surname{i}, PhD",https://www.linkedin.com/in/person-{i}-%C3%A9,{email},'
            f'"Company {i}, Inc.","Head of ""Sales""",{i % 28 + 1:02d} Oct 2024'
        )
    return ("\n".join(lines) + "\n").encode()


def main() -> None:
    data = connections_csv(ROWS)
    wall, cpu = [], []
    for _ in range(5):
        start, start_cpu = time.perf_counter(), time.process_time()
        records = sum(isinstance(item, ContactRecord) for item in read(data, detect_format(data)))
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    # CPU time as well as wall time: on a shared machine the wall clock includes waiting.
    print(
        f"{len(data) / 1e6:.1f} MB, {records} records: wall best {min(wall):.2f} s "
        f"(worst {max(wall):.2f} s), CPU best {min(cpu):.2f} s"
    )


if __name__ == "__main__":
    main()
