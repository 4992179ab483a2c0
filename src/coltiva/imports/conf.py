"""The import settings, read from Django settings (``settings.py`` reads them from the
``COLTIVA_*`` environment variables documented in README.md)."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings


def max_bytes() -> int:
    return int(settings.IMPORT_MAX_BYTES)


def max_rows() -> int:
    """Rows (contacts) one import accepts."""
    return int(settings.IMPORT_MAX_ROWS)


def uploads_dir() -> Path:
    path = Path(settings.MEDIA_ROOT) / "imports"
    path.mkdir(parents=True, exist_ok=True)
    return path


def progress_dir() -> Path:
    configured = getattr(settings, "IMPORT_PROGRESS_DIR", None)
    return Path(configured) if configured else Path(settings.DATA_DIR) / "import-progress"


# The widest spreadsheet an import reads: address books export at most a few hundred
# columns (Outlook's has 90); 10,000 columns made a 12 MB mapping page.
MAX_COLUMNS = 500
# Deeper than any Coltiva export (five levels); a deeper file is refused before parsing on.
MAX_JSON_DEPTH = 32
