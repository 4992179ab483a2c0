"""The words for a stored code: the one way a row's kind, status or direction is named."""

from __future__ import annotations

from collections.abc import Mapping


def label(labels: Mapping[str, object], code: str) -> str:
    """``code``'s label in ``labels`` (a choices table), translated now; the code itself
    when the table no longer has it (a row stored before a kind was retired)."""
    return str(labels.get(code, code))
