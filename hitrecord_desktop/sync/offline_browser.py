"""Challenge browsing that keeps working without the server.

Online, every call asks the server with If-None-Match (a 304 costs no body); when the server
cannot be reached, the last answer the client kept (in memory, or on disk through
`ChallengeCache`) is served marked offline, with when the server last gave or confirmed it.
With nothing kept, the network error is raised as before.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Generic, TypeVar

from ..api.client import PlatformClient
from ..api.errors import ApiError, UnreachableWithCopy
from ..api.models import Challenge, Contribution, Page

T = TypeVar("T")


@dataclass(frozen=True)
class Browsed(Generic[T]):
    """An answer, and whether it is a kept copy shown because the server is unreachable."""

    value: T
    offline: bool = False
    saved_at: datetime | None = None  # offline only: when the server last gave or confirmed it


class OfflineBrowser:
    """The browsing calls of `PlatformClient`, each answering a `Browsed`."""

    def __init__(self, client: PlatformClient) -> None:
        self.client = client

    def challenges(self, **query: Any) -> Browsed[Page[Challenge]]:
        """One page of challenges; `query` takes `PlatformClient.list_challenges`' arguments."""
        return _browse(lambda: self.client.list_challenges(**query))

    def challenge(self, challenge_id: int) -> Browsed[Challenge]:
        return _browse(lambda: self.client.get_challenge(challenge_id))

    def contributions(self, challenge_id: int) -> Browsed[list[Contribution]]:
        """Every contribution of a challenge; offline when any page was a kept copy."""
        items: list[Contribution] = []
        saved: list[datetime] = []
        cursor: str | None = None
        seen: set[str] = set()
        while True:
            page = _browse(lambda c=cursor: self.client.list_contributions(challenge_id, c))
            items.extend(page.value.items)
            if page.saved_at is not None:
                saved.append(page.saved_at)
            cursor = page.value.next_cursor
            if cursor is None:
                return Browsed(items, bool(saved), min(saved) if saved else None)
            if cursor in seen:
                raise ApiError.bad_response("the list's next_cursor went round in a circle")
            seen.add(cursor)


def _browse(call: Callable[[], T]) -> Browsed[T]:
    try:
        return Browsed(call())
    except UnreachableWithCopy as unreachable:
        return Browsed(unreachable.copy, offline=True, saved_at=unreachable.fetched_at)
