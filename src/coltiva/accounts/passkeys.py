"""Passkeys (WebAuthn) through django-otp-webauthn, scoped to the address in use.

A passkey is bound to a relying party: the host name the browser shows. Taking it from
the request (whose host ALLOWED_HOSTS has already vetted) lets one installation serve
``localhost`` in development and its public name behind a proxy without a setting.
"""

from __future__ import annotations

from django.http import HttpRequest
from django_otp_webauthn.helpers import WebAuthnHelper


def relying_party(request: HttpRequest) -> str:
    host = request.get_host()
    # "[::1]:8000" -> "::1"; "example.com:8443" -> "example.com".
    if host.startswith("["):
        return host[1 : host.index("]")]
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


class PasskeyHelper(WebAuthnHelper):
    def get_allowed_origins(self) -> list[str]:
        return [f"{self.request.scheme}://{self.request.get_host()}"]
