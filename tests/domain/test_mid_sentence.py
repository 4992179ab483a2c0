"""A label placed inside a sentence loses its first capital, never its acronyms."""

from __future__ import annotations

import pytest

from coltiva.domain.match_texts import _profession_label
from coltiva.domain.phrases import mid_sentence


@pytest.mark.parametrize(
    ("label", "inside"),
    [
        ("Wedding photographer", "wedding photographer"),
        ("B&B and holiday rental host", "B&B and holiday rental host"),
        ("B&B e casa vacanze", "B&B e casa vacanze"),
        ("HR consultant", "HR consultant"),
        ("PMI del territorio", "PMI del territorio"),
        ("Couples getting married", "couples getting married"),
        ("iOS developer", "iOS developer"),
        ("", ""),
    ],
)
def test_a_label_inside_a_sentence_keeps_its_acronyms(label: str, inside: str) -> None:
    assert mid_sentence(label) == inside


@pytest.mark.parametrize(
    ("lang", "label"), [("en", "B&B and holiday rental host"), ("it", "B&B e casa vacanze")]
)
def test_a_bed_and_breakfast_is_not_written_b_and_capital_b(lang: str, label: str) -> None:
    assert _profession_label("bed_and_breakfast", "", str, lang) == label
