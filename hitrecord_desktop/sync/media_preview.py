"""What a player should open to preview a contribution: its cached file when the whole file is
here, otherwise its media URL, which libVLC streams (the server answers Range requests, so it can
seek without downloading everything first).

No token is needed or sent: the server's media route (`GET /contributions/{id}/media`) is public,
like the challenge lists, so a player can open the URL as it is and no secret ends up in a
player's log or its list of recent media. The URL is the one the server gave in the contribution,
so it points at the server (and port) that answered.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..api.models import Contribution
from .media_cache import MediaCache


@dataclass(frozen=True)
class PreviewSource:
    location: str  # a file path when cached, else an http(s) URL
    cached: bool

    @property
    def mrl(self) -> str:
        """What libVLC's `media_new` takes: a file:// URI or the URL."""
        return Path(self.location).as_uri() if self.cached else self.location


def preview_source(cache: MediaCache, contribution: Contribution) -> PreviewSource:
    cached = cache.path_for(contribution)
    if cached is not None:
        return PreviewSource(str(cached.resolve()), True)
    return PreviewSource(contribution.media_url, False)
