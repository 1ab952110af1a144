"""The one exception the API client raises, carrying the server's problem details.

The app catches a single type and switches on its `type` slug, so every failure - a problem
answer from the server, a broken connection, an answer the client cannot read - is turned into
an `ApiError` here, with a message a person can act on.
"""

from __future__ import annotations

import email.utils
import json
import time
from datetime import datetime
from typing import Any, NamedTuple
from urllib.parse import urlsplit

import requests
from urllib3.exceptions import ReadTimeoutError

# Slugs for failures that happen on our side of the wire (the server's own slugs are listed in
# resources/platform-api.md).
NETWORK_ERROR = "network-error"
TIMEOUT = "timeout"
BAD_RESPONSE = "bad-response"
CANCELLED = "cancelled"
CHECKSUM_MISMATCH = "checksum-mismatch"
FILE_CHANGED = "file-changed"

_GATEWAY_STATUSES = frozenset({502, 503, 504})

# What a status means when the server (or a proxy in front of it) sent no problem type.
_SLUG_BY_STATUS = {
    400: "malformed-json",
    401: "unauthorized",
    403: "forbidden",
    404: "not-found",
    405: "method-not-allowed",
    409: "conflict",
    410: "upload-expired",
    412: "precondition-failed",
    413: "payload-too-large",
    415: "unsupported-media-type",
    416: "range-not-satisfiable",
    422: "validation-error",
    429: "rate-limited",
    460: "checksum-mismatch",
}

_MAX_DETAIL_CHARS = 500


class FieldError(NamedTuple):
    """One rejected input field, as the server names it (e.g. `body.title`)."""

    field: str
    message: str


class ApiError(Exception):
    """A failed API call: the server's problem details, or what went wrong on the way."""

    def __init__(
        self,
        detail: str,
        *,
        status: int | None = None,
        title: str | None = None,
        type: str = "internal-error",
        errors: list[FieldError] | None = None,
        retry_after: float | None = None,
        instance: str | None = None,
    ) -> None:
        self.status = status
        self.title = title or detail
        self.detail = detail
        self.type = type
        self.errors: list[FieldError] = list(errors or [])
        self.retry_after = retry_after
        self.instance = instance
        super().__init__(self._sentence())

    # -- what the app switches on ----------------------------------------------------------

    @property
    def is_network_error(self) -> bool:
        """True when no answer came back (offline, refused, timed out, connection cut)."""
        return self.status is None and self.type in (NETWORK_ERROR, TIMEOUT)

    @property
    def is_unreachable(self) -> bool:
        """A network error, or a gateway in front of the server saying it cannot reach it
        (502/503/504): either way the server itself had nothing to say."""
        return self.is_network_error or self.status in _GATEWAY_STATUSES

    @property
    def is_auth_error(self) -> bool:
        """True when the person has to sign in (again) for this."""
        return self.status == 401 or (self.status is None and self.type == "unauthorized")

    @property
    def is_cancelled(self) -> bool:
        """True when the caller's cancel event stopped the transfer."""
        return self.type == CANCELLED

    def field_messages(self) -> dict[str, str]:
        """Field name -> message, for putting messages next to form inputs."""
        return {error.field: error.message for error in self.errors}

    def __repr__(self) -> str:
        return (
            f"ApiError(status={self.status!r}, type={self.type!r}, title={self.title!r}, "
            f"detail={self.detail!r})"
        )

    def _sentence(self) -> str:
        text = self.detail.strip() or self.title.strip()
        if self.errors and not any(error.field in text for error in self.errors):
            listed = "; ".join(f"{error.field}: {error.message}" for error in self.errors)
            text = f"{text.rstrip('.')} ({listed})."
        if self.retry_after and "try again" not in text.lower():
            text = f"{text.rstrip('.')}. Try again in {_seconds(self.retry_after)}."
        return text

    # -- builders ------------------------------------------------------------------------------

    @classmethod
    def from_response(cls, response: requests.Response) -> ApiError:
        """Read a problem+json answer, or make the best of an error page that is not one."""
        status = response.status_code
        retry_after = parse_retry_after(response.headers.get("Retry-After"))
        body = _json_object(response)
        if body is None:
            return cls(
                _detail_for_bare_status(status, response.reason, retry_after),
                status=status,
                title=response.reason or f"HTTP {status}",
                type=_SLUG_BY_STATUS.get(status, _fallback_slug(status)),
                retry_after=retry_after,
            )
        title = _short_text(body.get("title")) or response.reason or f"HTTP {status}"
        detail = _short_text(body.get("detail")) or _detail_for_bare_status(
            status, title, retry_after
        )
        return cls(
            detail,
            status=status,
            title=title,
            type=_slug(body.get("type"), status),
            errors=_field_errors(body.get("errors")),
            retry_after=retry_after,
            instance=_short_text(body.get("instance")),
        )

    @classmethod
    def from_exception(cls, exc: requests.RequestException, url: str | None = None) -> ApiError:
        """Turn a transport failure into words; the cause stays chained for the log."""
        where = _server_name(url or getattr(exc.request, "url", None))
        if isinstance(exc, requests.ConnectTimeout):
            return cls(
                f"Could not connect to {where} in time. Check your internet connection "
                "and try again.",
                title="Server not reachable",
                type=NETWORK_ERROR,
            )
        if isinstance(exc, requests.Timeout) or _gave_up_on_read_timeouts(exc):
            return cls(
                f"{where[0].upper()}{where[1:]} did not answer in time. Try again in a moment.",
                title="The server is slow to answer",
                type=TIMEOUT,
            )
        if isinstance(exc, requests.ConnectionError | requests.exceptions.ChunkedEncodingError):
            return cls(
                f"Could not reach {where}, or the connection broke. Check your internet "
                "connection and try again.",
                title="Server not reachable",
                type=NETWORK_ERROR,
            )
        return cls(
            f"Talking to {where} failed ({type(exc).__name__}). Try again; if it keeps "
            "happening, report it.",
            title="Request failed",
            type=NETWORK_ERROR,
        )

    @classmethod
    def bad_response(cls, what: str, *, status: int | None = None) -> ApiError:
        """The server answered, but not in the shape the contract promises."""
        return cls(
            f"The server sent an answer this version of HitRecord Desktop cannot read: {what}. "
            "Try again later, or update the app.",
            status=status,
            title="Unexpected answer from the server",
            type=BAD_RESPONSE,
        )

    @classmethod
    def cancelled(cls, what: str = "The transfer") -> ApiError:
        """The caller asked to stop; not a failure to show as an error."""
        return cls(f"{what} was cancelled.", title="Cancelled", type=CANCELLED)


class UnreachableWithCopy(ApiError):
    """The server could not be reached, but the client holds its last answer to the request.

    To a caller that only knows `ApiError` this is the same network error as before; a caller
    that can show old data (the offline browser) takes `copy` and says how old it is.
    """

    def __init__(self, cause: ApiError, copy: Any, fetched_at: datetime) -> None:
        super().__init__(
            cause.detail,
            status=cause.status,
            title=cause.title,
            type=cause.type,
            errors=cause.errors,
            retry_after=cause.retry_after,
            instance=cause.instance,
        )
        self.copy = copy
        self.fetched_at = fetched_at  # when the server last gave or confirmed `copy` (UTC)


def parse_retry_after(value: str | None) -> float | None:
    """Seconds to wait from a Retry-After header (delay-seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isascii() and value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def _gave_up_on_read_timeouts(exc: requests.RequestException) -> bool:
    """requests reports "retries used up on read timeouts" as a ConnectionError; it is a timeout."""
    reason = getattr(exc.args[0], "reason", None) if exc.args else None
    return isinstance(reason, ReadTimeoutError)


def _json_object(response: requests.Response) -> dict[str, Any] | None:
    content_type = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
    if not content_type.endswith("json"):
        return None
    try:
        body = json.loads(response.content)
    except ValueError:
        return None
    return body if isinstance(body, dict) else None


def _slug(problem_type: object, status: int) -> str:
    if isinstance(problem_type, str) and problem_type and problem_type != "about:blank":
        return problem_type.rstrip("/").rsplit("/", 1)[-1]
    return _SLUG_BY_STATUS.get(status, _fallback_slug(status))


def _fallback_slug(status: int) -> str:
    return "internal-error" if status >= 500 else "http-error"


def _field_errors(raw: object) -> list[FieldError]:
    if not isinstance(raw, list):
        return []
    found = []
    for item in raw:
        if isinstance(item, dict):
            field = _short_text(item.get("field")) or ""
            message = _short_text(item.get("message")) or ""
            found.append(FieldError(field, message))
    return found


def _short_text(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    return value[:_MAX_DETAIL_CHARS]


def _detail_for_bare_status(status: int, reason: str | None, retry_after: float | None) -> str:
    said = f"{status} {reason}".strip() if reason else str(status)
    when = f"Try again in {_seconds(retry_after)}." if retry_after else "Try again in a moment."
    if status >= 500:
        return f"The server had a problem (HTTP {said}). {when}"
    if status == 401:
        return "Please sign in again."
    if status == 429:
        return f"Too many requests for now. {when}"
    return f"The server refused the request (HTTP {said})."


def _server_name(url: str | None) -> str:
    if not url:
        return "the HitRecord server"
    host = urlsplit(url).netloc.rsplit("@", 1)[-1]
    return f"the HitRecord server at {host}" if host else "the HitRecord server"


def _seconds(value: float) -> str:
    whole = max(1, round(value))
    return "1 second" if whole == 1 else f"{whole} seconds"
