"""Readers stream: memory used while reading does not grow with the file."""

from __future__ import annotations

import tracemalloc
from collections.abc import Callable

from coltiva.interchange import detect_format, read


def linkedin_file(rows: int) -> bytes:
    header = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    body = "".join(
        f'Name{i},Surname{i},https://www.linkedin.com/in/p-{i},,"Co {i}, Inc.",CEO,09 Oct 2024\n'
        for i in range(rows)
    )
    return ('Notes:\n"When exporting..."\n\n' + header + body).encode()


def vcard_file(cards: int) -> bytes:
    card = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Person {0}\r\nEMAIL:p{0}@example.com\r\nEND:VCARD\r\n"
    return "".join(card.format(i) for i in range(cards)).encode()


def peak_while_reading(data: bytes) -> int:
    tracemalloc.start()
    try:
        count = sum(1 for _ in read(data, detect_format(data)))
        assert count > 0
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def grows_flat(make: Callable[[int], bytes]) -> tuple[int, int, int]:
    """Peaks for a file just past the 64 KB sniffing sample and one 8 times larger."""
    small, large = make(1_500), make(12_000)
    return peak_while_reading(small), peak_while_reading(large), len(large)


def test_reading_a_large_linkedin_file_takes_no_more_memory_than_a_small_one() -> None:
    small_peak, large_peak, size = grows_flat(linkedin_file)
    assert large_peak < small_peak * 1.5 + 50_000
    assert large_peak < size // 2


def test_reading_a_large_vcard_file_takes_no_more_memory_than_a_small_one() -> None:
    small_peak, large_peak, size = grows_flat(vcard_file)
    assert large_peak < small_peak * 1.5 + 50_000
    assert large_peak < size // 2
