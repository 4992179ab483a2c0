"""The address a request came from, trusting a forwarding header only from our proxy.

Behind the reverse proxy the README recommends every request arrives from the proxy's
address; the client's is in ``X-Forwarded-For``. Anyone can send that header, so it is
read only when the request comes from an address in ``COLTIVA_TRUSTED_PROXIES``.
``python-ipware`` parses the header; from its right end (the hop our proxy appended) we
step over any further trusted proxies to the first address that is not one.
"""

from __future__ import annotations

import ipaddress
from functools import lru_cache

from django.conf import settings
from django.http import HttpRequest
from python_ipware import IpWare

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
# A chain longer than this is not a real route through proxies: stop stepping.
MAX_HOPS = 10


@lru_cache(maxsize=8)
def _networks(entries: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(entry, strict=False) for entry in entries)


def _trusted(address: str) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in net for net in _networks(tuple(settings.TRUSTED_PROXIES)))


def _forwarded_hop(meta: dict[str, str], hops_from_right: int) -> str | None:
    ware = IpWare(precedence=("HTTP_X_FORWARDED_FOR",), proxy_count=hops_from_right)
    ip, _route = ware.get_client_ip(meta)
    return str(ip) if ip is not None else None


def client_address(request: HttpRequest) -> str | None:
    """The client's address, or None when the request names none (a test client)."""
    remote = request.META.get("REMOTE_ADDR") or None
    if remote is None or not _trusted(remote):
        return remote
    meta = {"HTTP_X_FORWARDED_FOR": request.META.get("HTTP_X_FORWARDED_FOR", "")}
    client = remote
    for hops in range(MAX_HOPS):
        hop = _forwarded_hop(meta, hops)
        if hop is None:
            break
        client = hop
        if not _trusted(hop):
            break
    return client
