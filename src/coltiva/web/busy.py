"""A write that meets a database busy with someone's long import is answered in words
(503, "try again in a moment"), never with a 500 and a traceback."""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from coltiva.dbkit.busy import is_busy
from coltiva.web.errors import database_busy

log = logging.getLogger(__name__)


class BusyDatabaseMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not is_busy(exception):
            return None
        # The path only: query strings may hold personal data (a search).
        log.warning("database busy: %s %s answered 503", request.method, request.path)
        return database_busy(request)
