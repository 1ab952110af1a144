"""Challenge pages from the answers kept on disk, without asking any server: what the browser
shows the moment the app starts, while the local community (a child process that takes seconds
to start) or a remote server is still being reached; replaced as soon as the server answers.
"""

from __future__ import annotations

import json

from ..api.client import _resource_key  # the key PlatformClient keeps each answer under
from ..api.errors import ApiError
from ..api.etag_cache import AnswerStore
from ..api.models import Challenge, Page
from ..api.urls import normalise_server_url
from ..user_settings import LOCAL
from .challenge_query import PAGE_SIZE, ChallengeQuery
from .offline_browser import Browsed


class NothingKept(LookupError):
    """No answer of this query was kept (a first start, or a search never made)."""


def server_key_for(current_server: str) -> str:
    """The key the answers of a server are kept under (`Connection.server_key`), known before
    connecting: "local" for the local community, else the server's normalised URL."""
    return LOCAL if current_server == LOCAL else normalise_server_url(current_server)


def kept_challenges(
    store: AnswerStore, query: ChallengeQuery, cursor: str | None = None, limit: int = PAGE_SIZE
) -> Browsed[Page[Challenge]]:
    """The kept page of this query, marked offline with when the server last gave it."""
    params = query.params(cursor, limit)  # the same names and values list_challenges sends
    stored = store.load(_resource_key("/challenges", params))
    if stored is None:
        raise NothingKept(f"no kept challenges for {query}")
    try:
        page = Page.from_json(json.loads(stored.body), Challenge.from_json)
    except (ValueError, ApiError) as exc:
        raise NothingKept(f"the kept challenges do not parse: {exc}") from exc
    return Browsed(page, offline=True, saved_at=stored.fetched_at)
