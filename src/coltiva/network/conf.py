"""Settings of matching and introductions, read from Django settings (``settings.py``
reads them from the ``COLTIVA_*`` environment variables documented in README.md)."""

from __future__ import annotations

from django.conf import settings

from coltiva.domain.vcp import Stage

# Introductions and matches a page shows at most.
BOOK_SUGGESTIONS = 20
PERSON_SUGGESTIONS = 10


def vouch_min_rank() -> int:
    """The lowest stage at which the user vouches for someone in an introduction."""
    return Stage(settings.NETWORK_VOUCH_MIN_STAGE).rank


def inline_max() -> int:
    """Books up to this size rebuild their introduction index during the request."""
    return int(settings.NETWORK_MATCH_INLINE_MAX)


def follow_up_days() -> int:
    """Days after an introduction before Coltiva asks how it went."""
    return int(settings.NETWORK_FOLLOW_UP_DAYS)
