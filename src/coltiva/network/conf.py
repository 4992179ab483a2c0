"""Settings of matching and introductions: a Django setting when a deployment (or a
test) sets one, else the ``COLTIVA_*`` environment variable (documented in README.md)."""

from __future__ import annotations

from typing import Any

from django.conf import settings

from coltiva import config
from coltiva.domain.vcp import Stage

# Introductions and matches a page shows at most.
BOOK_SUGGESTIONS = 20
PERSON_SUGGESTIONS = 10


def _setting(name: str, default: Any) -> Any:
    return getattr(settings, name, default)


def vouch_min_rank() -> int:
    """The lowest stage at which the user vouches for someone in an introduction.

    The method: you vouch only for people you know to be reliable, so credibility.
    """
    raw = _setting("NETWORK_VOUCH_MIN_STAGE", None) or config.env(
        "VOUCH_MIN_STAGE", Stage.CREDIBILITY.value
    )
    try:
        return Stage(raw.strip().lower()).rank
    except ValueError:
        raise config.ConfigError(
            f"COLTIVA_VOUCH_MIN_STAGE must be none, visibility, credibility or profitability, "
            f"not {raw!r}"
        ) from None


def inline_max() -> int:
    """Books up to this size rebuild their introduction index during the request."""
    configured = _setting("NETWORK_MATCH_INLINE_MAX", None)
    if configured is not None:
        return int(configured)
    return config.env_int("MATCH_INLINE_MAX", 2000)


def follow_up_days() -> int:
    """Days after an introduction before Coltiva asks how it went."""
    configured = _setting("NETWORK_FOLLOW_UP_DAYS", None)
    if configured is not None:
        return int(configured)
    return config.env_int("INTRODUCTION_FOLLOW_UP_DAYS", 14)
