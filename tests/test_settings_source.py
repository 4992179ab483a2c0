"""Every ``COLTIVA_*`` variable is read in one place: ``settings.py``, through the typed
readers of ``coltiva/config.py``. Code elsewhere reads ``django.conf.settings``, so a test
(or a deployment) sets a value once and every reader sees it."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from coltiva import config

SOURCE = Path(__file__).resolve().parents[1] / "src" / "coltiva"
ALLOWED = {SOURCE / "settings.py", SOURCE / "config.py"}
READERS = {"env", "env_bool", "env_int", "env_list", "env_choice"}
RAW_READ = re.compile(r"""(os\.environ|getenv)\W.*["']COLTIVA_""")


def _reads(source: str) -> list[str]:
    """Where ``source`` reads a COLTIVA_ variable: ``line: code`` for each read."""
    found = [
        f"{number}: {line.strip()}"
        for number, line in enumerate(source.splitlines(), 1)
        if RAW_READ.search(line)
    ]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and node.module == "coltiva.config":
            found += [f"{node.lineno}: imports {a.name}" for a in node.names if a.name in READERS]
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id == "config"
            and node.func.attr in READERS
        ):
            found.append(f"{node.lineno}: config.{node.func.attr}(...)")
    return found


def test_no_module_but_settings_reads_a_coltiva_variable() -> None:
    offenders = {
        str(path.relative_to(SOURCE)): reads
        for path in sorted(SOURCE.rglob("*.py"))
        if path not in ALLOWED and (reads := _reads(path.read_text()))
    }
    assert offenders == {}


@pytest.mark.parametrize(
    "source",
    [
        'import os\nworkers = int(os.environ.get("COLTIVA_WORKERS", "2"))\n',
        'import os\nworkers = os.environ["COLTIVA_WORKERS"]\n',
        'import os\nworkers = os.getenv("COLTIVA_WORKERS")\n',
        'from coltiva import config\nrows = config.env_int("IMPORT_MAX_ROWS", 10)\n',
        "from coltiva.config import env_bool\n",
    ],
    ids=["environ.get", "environ[]", "getenv", "config.env_int", "imported reader"],
)
def test_the_check_catches_each_way_of_reading_a_variable(source: str) -> None:
    assert _reads(source)


def test_the_check_leaves_other_variables_and_settings_alone() -> None:
    source = (
        "import os\nfrom django.conf import settings\n"
        'os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coltiva.settings")\n'
        "workers = settings.WORKERS\n"
    )
    assert _reads(source) == []


@pytest.mark.parametrize(
    ("raw", "expected"),
    [(None, "credibility"), ("", "credibility"), (" Visibility ", "visibility"), ("none", "none")],
)
def test_a_choice_is_read_whatever_its_case(
    monkeypatch: pytest.MonkeyPatch, raw: str | None, expected: str
) -> None:
    if raw is None:
        monkeypatch.delenv("COLTIVA_VOUCH_MIN_STAGE", raising=False)
    else:
        monkeypatch.setenv("COLTIVA_VOUCH_MIN_STAGE", raw)
    stages = ["none", "visibility", "credibility", "profitability"]
    assert config.env_choice("VOUCH_MIN_STAGE", stages, "credibility") == expected


def test_a_choice_outside_the_list_names_the_variable_and_the_choices(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("COLTIVA_VOUCH_MIN_STAGE", "friends")
    with pytest.raises(config.ConfigError) as error:
        config.env_choice("VOUCH_MIN_STAGE", ["none", "credibility"], "credibility")
    assert str(error.value) == (
        "COLTIVA_VOUCH_MIN_STAGE must be one of none, credibility, not 'friends'"
    )
