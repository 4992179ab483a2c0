"""Why a file, a row or a value was refused, as a code with parameters.

The readers know what went wrong but not the reader's language, so they say it as a
``Reason``; the import pages, the report and the CLI turn it into a sentence in the
user's language through one catalogue (``coltiva.imports.reasons``). A new code needs an
entry there and its Italian translation: a test scans the source for ``Reason("...")``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

Param = str | int


@dataclass(frozen=True)
class Reason:
    """``code`` names what happened ("birthday_not_understood"); ``params`` hold the
    values its sentence quotes ({"value": "31/02"}). Write the code as a literal at the
    call site, so the catalogue test can find it."""

    code: str
    params: Mapping[str, Param] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # A private copy: a frozen reason must not change under a caller's dict.
        object.__setattr__(self, "params", dict(self.params))

    def __hash__(self) -> int:
        return hash((self.code, tuple(sorted(self.params.items()))))

    def __str__(self) -> str:
        """For logs and tracebacks only: people read the catalogue's sentence."""
        if not self.params:
            return self.code
        values = ", ".join(f"{key}={value!r}" for key, value in sorted(self.params.items()))
        return f"{self.code} ({values})"

    def as_json(self) -> dict[str, Any]:
        return {"code": self.code, "params": dict(self.params)}

    @classmethod
    def from_json(cls, value: Mapping[str, Any]) -> Reason:
        params = value.get("params") or {}
        return cls(str(value["code"]), {str(k): v for k, v in params.items()})
