"""The layer contracts hold without exceptions: import-linter (``make lint``) enforces
each contract, and this test keeps exceptions from being added to them quietly."""

from __future__ import annotations

import tomllib
from pathlib import Path

PYPROJECT = Path(__file__).resolve().parents[1] / "pyproject.toml"


def _contracts() -> dict[str, dict[str, object]]:
    config = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))
    return {c["name"]: c for c in config["tool"]["importlinter"]["contracts"]}


def test_the_base_app_and_the_acyclic_contract_list_no_exception() -> None:
    contracts = _contracts()
    people = contracts["The base app people imports no feature app"]
    acyclic = next(c for c in contracts.values() if c["type"] == "acyclic_siblings")
    assert "ignore_imports" not in people
    assert "ignore_imports" not in acyclic
    assert {"coltiva.events", "coltiva.agenda", "coltiva.referrals", "coltiva.web"} <= set(
        people["forbidden_modules"]  # type: ignore[arg-type]
    )
