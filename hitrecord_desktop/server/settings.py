"""Settings of one running platform server, fixed at start-up."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

GIB = 1024**3


@dataclass(frozen=True)
class ServerSettings:
    """Where the server keeps its data and the limits it enforces."""

    data_dir: Path
    # None means SQLite (WAL) in data_dir; a SQLAlchemy URL selects another database.
    database_url: str | None = None
    community_name: str = "Local community"
    max_upload_bytes: int = 4 * GIB
    max_json_bytes: int = 256 * 1024
    token_ttl_seconds: int = 30 * 24 * 3600
    upload_expiry_seconds: int = 24 * 3600
    # Passwords are hashed with Argon2id; tests may lower the cost, never production.
    argon2_time_cost: int = 3
    argon2_memory_kib: int = 64 * 1024
    # The embedded server signs in the desktop's local user with a token that the app hands over
    # on stdin at start; it lives only in memory, so the local community needs no stored secret.
    bootstrap_token: str | None = field(default=None, repr=False)
    bootstrap_username: str = "me"

    @property
    def media_dir(self) -> Path:
        return self.data_dir / "media"

    @property
    def uploads_dir(self) -> Path:
        return self.data_dir / "uploads"

    @property
    def effective_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{self.data_dir / 'platform.sqlite3'}"
