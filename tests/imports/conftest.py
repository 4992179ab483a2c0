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
