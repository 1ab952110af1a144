"""What the challenge browser asks the server for: search words, filters and order.

Kept apart from the widgets so the CLI, the tests and the browser build the same request; the
values are the server's own (`server/challenge_routes.py`: role, kind, status open/closed/any,
sort newest/oldest/most_contributed/deadline).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

PAGE_SIZE = 100  # the server's largest page: fewest round trips while scrolling far


@dataclass(frozen=True)
class ChallengeQuery:
    q: str | None = None
    role: str | None = None  # None: any role
    kind: str | None = None  # "audio", "video" or None for both
    status: str = "open"  # "open", "closed" or "any"
    sort: str = "newest"

    def params(self, cursor: str | None = None, limit: int = PAGE_SIZE) -> dict[str, Any]:
        """Keyword arguments of `PlatformClient.list_challenges` / `OfflineBrowser.challenges`."""
        return {
            "q": (self.q or "").strip() or None,
            "role": self.role,
            "kind": self.kind,
            "status": self.status,
            "sort": self.sort,
            "cursor": cursor,
            "limit": limit,
        }
