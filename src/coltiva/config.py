"""Typed readers for the ``COLTIVA_*`` environment variables.

Every variable is listed in README.md; ``tests/test_docs.py`` fails when one is not.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Sequence
from pathlib import Path

PREFIX = "COLTIVA_"

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


class ConfigError(ValueError):
    """A COLTIVA_* variable holds a value we cannot use."""


def env(name: str, default: str = "") -> str:
    return os.environ.get(PREFIX + name, default)


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(PREFIX + name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ConfigError(f"{PREFIX}{name} must be true or false, not {raw!r}")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(PREFIX + name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ConfigError(f"{PREFIX}{name} must be a whole number, not {raw!r}") from None


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(PREFIX + name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_choice(name: str, choices: Sequence[str], default: str) -> str:
    """One of ``choices`` (case and surrounding spaces ignored)."""
    raw = os.environ.get(PREFIX + name)
    if raw is None or raw.strip() == "":
        return default
    value = raw.strip().lower()
    if value not in choices:
        allowed = ", ".join(choices)
        raise ConfigError(f"{PREFIX}{name} must be one of {allowed}, not {raw!r}")
    return value


def data_dir() -> Path:
    path = Path(env("DATA_DIR", "./var")).expanduser().resolve()
    path.mkdir(parents=True, exist_ok=True)
    return path


def secret_key(directory: Path) -> str:
    """The configured key, else one generated once and kept in the data directory.

    Keeping it on disk means sessions and password-reset links survive a restart
    without the user ever having to configure anything.
    """
    configured = env("SECRET_KEY")
    if configured:
        return configured
    key_file = directory / "secret_key"
    if key_file.exists():
        return key_file.read_text().strip()
    key = secrets.token_urlsafe(50)
    # Write-then-rename so two processes starting at once never read half a key.
    tmp = key_file.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_text(key)
    tmp.chmod(0o600)
    os.replace(tmp, key_file)
    return key_file.read_text().strip()
