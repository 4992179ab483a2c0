"""Imports run as background tasks: here they run at once (ImmediateBackend), with the
uploads and the progress files in a temporary folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytest_django.fixtures import Settings as SettingsWrapper


@pytest.fixture(autouse=True)
def import_settings(settings: SettingsWrapper, tmp_path: Path) -> SettingsWrapper:
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.MEDIA_ROOT = tmp_path / "uploads"
    settings.IMPORT_PROGRESS_DIR = str(tmp_path / "progress")
    return settings


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Playwright's sync API runs once per process, and the shared browser tests
    (tests/browser/) hold it for the whole session: when they run too, the import
    journey is left out here and runs with ``pytest tests/imports -m browser``.
    Moving test_imports_in_browser.py into tests/browser/ would let it share theirs."""
    if not any("tests/browser/" in item.nodeid for item in items):
        return
    ours = [
        item
        for item in items
        if item.nodeid.startswith("tests/imports/") and item.get_closest_marker("browser")
    ]
    if ours:
        config.hook.pytest_deselected(items=ours)
        items[:] = [item for item in items if item not in ours]
