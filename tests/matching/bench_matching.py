"""Speed of mapping and matching on synthetic books, measured by hand (not a test).

Run:  .venv/bin/python tests/matching/bench_matching.py [size] [eligible_share]
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from matching_synthetic_book import synthetic_book, synthetic_known_pairs

from coltiva.domain import professions
from coltiva.domain.introducers import who_can_introduce
from coltiva.domain.matching import MatchIndex


def timed(label: str, fn):  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    result = fn()
    print(f"{label}: {time.perf_counter() - start:.3f} s")
    return result


def bench_mapping(book) -> None:  # type: ignore[no-untyped-def]
    texts = [c.offers for c in book] + [c.looks_for for c in book]
    professions.map_profession.cache_clear()
    start = time.perf_counter()
    for text in texts:
        professions.map_profession(text)
    cold = len(texts) / (time.perf_counter() - start)
    start = time.perf_counter()
    for text in texts:
        professions.map_profession(text)
    warm = len(texts) / (time.perf_counter() - start)
    typos = [t[:3] + t[4] + t[3] + t[5:] for t in texts[:2000] if len(t) > 6]
    start = time.perf_counter()
    for text in typos:
        professions.map_profession(text)
    fuzzy = len(typos) / (time.perf_counter() - start)
    print(
        f"map_profession: {cold:,.0f}/s distinct texts, {warm:,.0f}/s cached, {fuzzy:,.0f}/s typos"
    )


def main() -> None:
    size = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
    share = float(sys.argv[2]) if len(sys.argv) > 2 else 0.5
    professions.taxonomy()
    book = synthetic_book(size, eligible_share=share)
    known = synthetic_known_pairs(book, size)
    print(f"book: {size} people, {sum(c.stage_rank >= 2 for c in book)} at credibility or better")
    bench_mapping(book)
    index = timed("MatchIndex.build", lambda: MatchIndex.build(book, known))
    eligible = [c for c in book if c.stage_rank >= 2]
    timed(
        "first suggest_for (filters postings by rank once)",
        lambda: index.suggest_for(eligible[0].id),
    )
    times = []
    for person in eligible[1:201]:
        start = time.perf_counter()
        index.suggest_for(person.id)
        times.append(time.perf_counter() - start)
    print(
        f"suggest_for: median {statistics.median(times) * 1000:.1f} ms, "
        f"max {max(times) * 1000:.1f} ms over {len(times)} people at credibility or better"
    )
    timed("suggest_all(limit=50)", lambda: index.suggest_all())
    links = {c.id: {k.id for k in book[c.id % 97 :: 997]} for c in book[:2000]}
    timed("who_can_introduce('notaio')", lambda: who_can_introduce("notaio", book, links))
    timed("who_can_introduce(company)", lambda: who_can_introduce(book[5].company, book, links))


if __name__ == "__main__":
    main()
