"""`PlatformClient`: typed calls to the platform API v1 (resources/platform-api.md).

Blocking and Qt-free: the app calls it from worker threads. Every failure comes out as `ApiError`.
The bearer token is sent only on requests that need it (writes, /me, uploads) so a stale token
cannot break browsing, and it is never logged, shown in `repr` or put into an error message.
"""

from __future__ import annotations

import dataclasses
import ipaddress
import json
import logging
import re
import threading
from collections.abc import Callable, Collection, Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any, Self, TypeVar
from urllib.parse import urlencode, urlsplit

import requests

from hitrecord_desktop import __version__
from hitrecord_desktop.api.errors import BAD_RESPONSE, ApiError, UnreachableWithCopy
from hitrecord_desktop.api.etag_cache import AnswerStore, EtagCache, KeptAnswer
from hitrecord_desktop.api.media_download import Progress, download_verified
from hitrecord_desktop.api.models import (
    Challenge,
    Contribution,
    Credits,
    LineageRef,
    Page,
    ServerInfo,
    TokenGrant,
    User,
)
from hitrecord_desktop.api.sessions import retrying_session, single_shot_session
from hitrecord_desktop.api.tus_client import TusUploader
from hitrecord_desktop.api.urls import API_PREFIX, normalise_server_url

log = logging.getLogger(__name__)

T = TypeVar("T")

DEFAULT_TIMEOUT = (3.05, 30.0)
DEFAULT_USER_AGENT = f"HitRecordDesktop/{__version__} python-requests/{requests.__version__}"

_ACCEPT_JSON = "application/json, application/problem+json"
_IDEMPOTENCY_KEY = re.compile(r"[\x21-\x7e]{1,200}")
_CHALLENGE_FIELDS = frozenset(
    {"title", "brief", "roles", "kind", "deadline", "status", "reference_contribution_id"}
)


class PlatformClient:
    """A connection to one platform server, optionally signed in as one person."""

    def __init__(
        self,
        base_url: str,
        token: str | None = None,
        *,
        timeout: float | tuple[float, float] = DEFAULT_TIMEOUT,
        retries: int = 3,
        backoff: float = 0.3,
        user_agent: str = DEFAULT_USER_AGENT,
        etag_cache_size: int = 64,
    ) -> None:
        self.server_url = normalise_server_url(base_url)
        self.api_url = self.server_url + API_PREFIX
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self._token = token
        self._token_lock = threading.Lock()
        self._retrying = retrying_session(retries, backoff, user_agent)
        self._single_shot = single_shot_session(user_agent)
        if _is_loopback(self.server_url):
            # requests honours http_proxy even for 127.0.0.1 unless no_proxy says otherwise:
            # the local community would be unreachable and its token would go to the proxy.
            for session in (self._retrying, self._single_shot):
                session.trust_env = False
        self._etags = EtagCache(etag_cache_size)
        self._answers: AnswerStore | None = None

    # -- the client itself ------------------------------------------------------------------

    @property
    def token(self) -> str | None:
        return self._token

    @token.setter
    def token(self, value: str | None) -> None:
        with self._token_lock:
            self._token = value or None

    @property
    def signed_in(self) -> bool:
        return self._token is not None

    @property
    def plain_session(self) -> requests.Session:
        """The session that never retries by itself, for callers with their own resumption."""
        return self._single_shot

    def use_answer_store(self, store: AnswerStore | None) -> None:
        """Keep browsing answers (challenge lists, details, contribution lists) in `store` as well
        as in memory: a restarted app then still gets 304s, and when the server cannot be reached
        those calls raise `UnreachableWithCopy` carrying the last answer."""
        self._answers = store

    def __repr__(self) -> str:
        return f"PlatformClient({self.api_url!r}, signed_in={self.signed_in})"

    def close(self) -> None:
        self._retrying.close()
        self._single_shot.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # -- server and account -----------------------------------------------------------------

    def health(self) -> ServerInfo:
        response = self._send("GET", "/health")
        return self._decode(response, ServerInfo.from_json)

    def register(self, username: str, password: str, display_name: str | None = None) -> User:
        """Create an account (does not sign in). Never retried: a repeat would find it taken."""
        body: dict[str, Any] = {"username": username, "password": password}
        if display_name is not None:
            body["display_name"] = display_name
        response = self._send("POST", "/auth/register", json=body, retry=False, expect=(201,))
        return self._decode(response, User.from_json)

    def login(self, username: str, password: str) -> TokenGrant:
        """Sign in; the client keeps the token for later calls (store it with TokenStore)."""
        body = {"username": username, "password": password}
        response = self._send("POST", "/auth/token", json=body, retry=False)
        grant = self._decode(response, TokenGrant.from_json)
        self.token = grant.access_token
        return grant

    def logout(self) -> None:
        """Revoke the token on the server and forget it here.

        The token is forgotten even when the server cannot be told (the error is raised after),
        because a person who signs out expects this computer to stop acting for them. A 401 means
        the token was already dead, which is what signing out wants, so it is not an error.
        """
        if self._token is None:
            return
        try:
            self._send("POST", "/auth/logout", auth=True, retry=False, expect=(204,))
        except ApiError as error:
            if not error.is_auth_error:
                raise
        finally:
            self.token = None

    def me(self) -> User:
        response = self._send("GET", "/me", auth=True)
        return self._decode(response, User.from_json)

    # -- challenges -------------------------------------------------------------------------

    def list_challenges(
        self,
        q: str | None = None,
        role: str | None = None,
        kind: str | None = None,
        status: str | None = "open",
        sort: str | None = "newest",
        cursor: str | None = None,
        limit: int = 50,
    ) -> Page[Challenge]:
        """One page of challenges; asking again for the same page costs a 304 and no body."""
        params = {
            "q": q or None,
            "role": role,
            "kind": kind,
            "status": status,
            "sort": sort,
            "cursor": cursor,
            "limit": limit,
        }
        return self._get_cached("/challenges", params, _page_of(Challenge.from_json))

    def iter_challenges(self, **filters: Any) -> Iterator[Challenge]:
        """Every challenge matching `filters` (those of `list_challenges`), page after page."""
        cursor = filters.pop("cursor", None)
        return self._iterate(lambda c: self.list_challenges(**filters, cursor=c), cursor)

    def get_challenge(self, challenge_id: int) -> Challenge:
        return self._get_cached(f"/challenges/{int(challenge_id)}", None, Challenge.from_json)

    def create_challenge(
        self,
        title: str,
        brief: str,
        roles: Sequence[str],
        kind: str,
        *,
        deadline: datetime | None = None,
        status: str | None = None,
    ) -> Challenge:
        """Post a new challenge; never retried, since a repeat would post it twice."""
        body: dict[str, Any] = {"title": title, "brief": brief, "roles": list(roles), "kind": kind}
        if deadline is not None:
            body["deadline"] = _iso(deadline)
        if status is not None:
            body["status"] = status
        response = self._send(
            "POST", "/challenges", json=body, auth=True, retry=False, expect=(201,)
        )
        return self._decode(response, Challenge.from_json)

    def update_challenge(self, challenge_id: int, **fields: Any) -> Challenge:
        """Change some fields (author only); `deadline=None` clears the deadline."""
        unknown = set(fields) - _CHALLENGE_FIELDS
        if unknown:
            raise TypeError(f"update_challenge() cannot change {', '.join(sorted(unknown))}")
        body = dict(fields)
        if isinstance(body.get("deadline"), datetime):
            body["deadline"] = _iso(body["deadline"])
        if "roles" in body:
            body["roles"] = list(body["roles"])
        response = self._send(
            "PATCH", f"/challenges/{int(challenge_id)}", json=body, auth=True, retry=False
        )
        return self._decode(response, Challenge.from_json)

    # -- contributions ----------------------------------------------------------------------

    def list_contributions(
        self, challenge_id: int, cursor: str | None = None, limit: int = 50
    ) -> Page[Contribution]:
        """One page of a challenge's contributions, oldest first."""
        params = {"cursor": cursor, "limit": limit}
        path = f"/challenges/{int(challenge_id)}/contributions"
        return self._get_cached(path, params, _page_of(Contribution.from_json))

    def iter_contributions(self, challenge_id: int) -> Iterator[Contribution]:
        return self._iterate(lambda c: self.list_contributions(challenge_id, cursor=c), None)

    def get_contribution(self, contribution_id: int) -> Contribution:
        response = self._send("GET", f"/contributions/{int(contribution_id)}")
        return self._decode(response, Contribution.from_json)

    def get_credits(self, contribution_id: int) -> Credits:
        response = self._send("GET", f"/contributions/{int(contribution_id)}/credits")
        return self._decode(response, Credits.from_json)

    def download_media(
        self,
        contribution: Contribution,
        dest: Path,
        *,
        progress: Progress | None = None,
        cancel: threading.Event | None = None,
    ) -> Path:
        """Fetch the media into `dest` via `dest.part`, resuming it, verified by sha256."""
        return download_verified(
            self._retrying,
            contribution.media_url,
            Path(dest),
            sha256=contribution.sha256,
            size=contribution.size,
            timeout=self.timeout,
            progress=progress,
            cancel=cancel,
            attempts=self.retries,
            backoff=self.backoff,
        )

    def uploader(self, **options: Any) -> TusUploader:
        """A tus uploader for this server, signed in as this client (options: TusUploader's)."""
        if self._token is None:
            raise ApiError("Sign in before uploading.", status=None, type="unauthorized")
        return TusUploader(self, f"{self.api_url}/uploads/", self._token, **options)

    def create_contribution(
        self,
        upload_id: str,
        challenge_id: int,
        title: str,
        role: str,
        built_on: Sequence[LineageRef],
        *,
        idempotency_key: str,
        kind: str | None = None,
    ) -> Contribution:
        """Turn a finished upload into a contribution.

        Retried on network trouble: the `Idempotency-Key` (use the upload job's own id) makes the
        server answer a repeat with the contribution it already made.
        """
        if not _IDEMPOTENCY_KEY.fullmatch(idempotency_key):
            raise ValueError("idempotency_key must be 1-200 visible ASCII characters")
        body: dict[str, Any] = {
            "upload_id": upload_id,
            "challenge_id": int(challenge_id),
            "title": title,
            "role": role,
            "built_on": [ref.to_json() for ref in built_on],
        }
        if kind is not None:
            body["kind"] = kind
        response = self._send(
            "POST",
            "/contributions",
            json=body,
            auth=True,
            retry=True,
            expect=(200, 201),
            headers={"Idempotency-Key": idempotency_key},
        )
        return self._decode(response, Contribution.from_json)

    # -- plumbing ---------------------------------------------------------------------------

    def _send(
        self,
        method: str,
        path_or_url: str,
        *,
        auth: bool = False,
        retry: bool = True,
        expect: Collection[int] = (200,),
        headers: dict[str, str] | None = None,
        **kwargs: Any,
    ) -> requests.Response:
        url = path_or_url if "://" in path_or_url else self.api_url + path_or_url
        headers = {"Accept": _ACCEPT_JSON, **(headers or {})}
        token = self._token
        if auth and token is not None:
            headers["Authorization"] = f"Bearer {token}"
        session = self._retrying if retry else self._single_shot
        try:
            response = session.request(method, url, headers=headers, timeout=self.timeout, **kwargs)
        except requests.RequestException as exc:
            log.info("%s %s failed: %s", method, _path(url), type(exc).__name__)
            raise ApiError.from_exception(exc, url) from exc
        log.debug("%s %s -> %s", method, _path(url), response.status_code)
        if response.status_code not in expect:
            raise ApiError.from_response(response)
        return response

    def _decode(self, response: requests.Response, parse: Callable[..., T]) -> T:
        try:
            data = response.json()
        except ValueError:
            raise ApiError.bad_response(
                "the answer is not JSON", status=response.status_code
            ) from None
        try:
            return parse(data)  # each model names its fields from its own name: challenge.id
        except ApiError as error:
            if error.type == BAD_RESPONSE:
                error.status = response.status_code
            raise

    def _get_cached(self, path: str, params: dict[str, Any] | None, parse: Callable[..., T]) -> T:
        """GET with If-None-Match from the answer kept in memory or in the answer store.

        When the server cannot be reached and an answer is kept, `UnreachableWithCopy` carries it.
        """
        key = _resource_key(path, params)
        url = requests.Request("GET", self.api_url + path, params=params).prepare().url
        assert url is not None
        kept = self._etags.get(key) or self._load_kept(key, parse)
        headers = {"If-None-Match": kept.etag} if kept else {}
        try:
            response = self._send("GET", url, headers=headers, expect=(200, 304))
        except ApiError as error:
            if kept is not None and error.is_unreachable:
                raise UnreachableWithCopy(error, kept.value, kept.fetched_at) from error
            raise
        now = datetime.now(UTC)
        if response.status_code == 304:
            if kept is None:
                raise ApiError.bad_response(
                    "304 Not Modified to a request without an ETag", status=304
                )
            self._etags.put(key, dataclasses.replace(kept, fetched_at=now))
            if self._answers is not None:
                self._answers.confirm(key, now)
            return kept.value
        value = self._decode(response, parse)
        etag = response.headers.get("ETag")
        if etag:
            self._etags.put(key, KeptAnswer(etag, value, now))
            if self._answers is not None:
                self._answers.save(key, etag, response.content, now)
        else:
            self._etags.discard(key)
            if self._answers is not None:
                self._answers.discard(key)
        return value

    def _load_kept(self, key: str, parse: Callable[..., T]) -> KeptAnswer | None:
        """The answer store's copy, parsed again; one that no longer parses is dropped."""
        stored = self._answers.load(key) if self._answers is not None else None
        if stored is None:
            return None
        try:
            value = parse(json.loads(stored.body))
        except (ValueError, ApiError) as exc:
            log.warning("dropped a kept answer for %s that does not parse: %s", _path(key), exc)
            if self._answers is not None:
                self._answers.discard(key)
            return None
        kept = KeptAnswer(stored.etag, value, stored.fetched_at)
        self._etags.put(key, kept)
        return kept

    @staticmethod
    def _iterate(fetch: Callable[[str | None], Page[T]], cursor: str | None) -> Iterator[T]:
        seen: set[str] = set()
        while True:
            page = fetch(cursor)
            yield from page.items
            cursor = page.next_cursor
            if cursor is None:
                return
            if cursor in seen:
                raise ApiError.bad_response("the list's next_cursor went round in a circle")
            seen.add(cursor)


def _page_of(parse_item: Callable[[object, str], T]) -> Callable[..., Page[T]]:
    return lambda data, where="page": Page.from_json(data, parse_item, where)


def _resource_key(path: str, params: dict[str, Any] | None) -> str:
    """The path and sorted query under the API root: the same on every port a server gets."""
    query = urlencode(sorted((k, str(v)) for k, v in (params or {}).items() if v is not None))
    return f"{path}?{query}" if query else path


def _is_loopback(server_url: str) -> bool:
    host = urlsplit(server_url).hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _iso(moment: datetime) -> str:
    """UTC ISO 8601 with a Z, as the contract writes times; a naive time is a caller bug."""
    if moment.tzinfo is None:
        raise ValueError("give an aware datetime (with a time zone), not a naive one")
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def _path(url: str) -> str:
    """The part of a URL worth logging (no host, no query: queries may hold search words)."""
    return requests.utils.urlparse(url).path
