"""One spelling per server URL, so `HTTP://Host:80/` and `http://host` are the same server."""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

API_PREFIX = "/api/v1"

_DEFAULT_PORTS = {"http": 80, "https": 443}


def normalise_server_url(url: str) -> str:
    """Scheme and host lower-case, default port, credentials, query and trailing slash dropped.

    A trailing `/api/v1` is dropped too: people paste either the site or the API address.
    """
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS or not parts.hostname:
        raise ValueError(f"not an http(s) server address: {url!r}")
    host = parts.hostname.lower()
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    port = parts.port
    netloc = host if port in (None, _DEFAULT_PORTS[scheme]) else f"{host}:{port}"
    path = parts.path.rstrip("/")
    if path.endswith(API_PREFIX):
        path = path[: -len(API_PREFIX)]
    return urlunsplit((scheme, netloc, path.rstrip("/"), "", ""))
