"""People and challenges on a live server, for the UI tests that need a name and a password."""

from __future__ import annotations

from hitrecord_desktop.api import Challenge, PlatformClient
from tests.api.helpers import unique_name
from tests.uploads.conftest import sign_up


def sign_up_with_challenge(server_url: str) -> tuple[str, PlatformClient, Challenge]:
    """A new person (password tests.api.helpers.PASSWORD), signed in, with an open challenge."""
    name, client = sign_up(server_url)
    challenge = client.create_challenge(
        f"Vocals wanted {unique_name('song')}", "Sing over it.", ["vocals"], "audio"
    )
    return name, client, challenge
