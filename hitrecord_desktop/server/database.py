"""Engine and sessions: SQLite in WAL mode by default, any SQLAlchemy URL (PostgreSQL) by choice."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.orm import Session, sessionmaker

from .search import POSTGRES_DOCUMENT
from .tables import Base

# Full-text search is dialect specific: SQLite gets an FTS5 index kept in step by triggers,
# PostgreSQL an expression GIN index over a tsvector. Both are created idempotently.
_SQLITE_FTS = [
    """CREATE VIRTUAL TABLE IF NOT EXISTS challenges_fts USING fts5(
        title, brief, content='challenges', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2')""",
    """CREATE TRIGGER IF NOT EXISTS challenges_fts_ai AFTER INSERT ON challenges BEGIN
        INSERT INTO challenges_fts(rowid, title, brief) VALUES (new.id, new.title, new.brief);
    END""",
    """CREATE TRIGGER IF NOT EXISTS challenges_fts_ad AFTER DELETE ON challenges BEGIN
        INSERT INTO challenges_fts(challenges_fts, rowid, title, brief)
        VALUES ('delete', old.id, old.title, old.brief);
    END""",
    """CREATE TRIGGER IF NOT EXISTS challenges_fts_au AFTER UPDATE OF title, brief ON challenges
    BEGIN
        INSERT INTO challenges_fts(challenges_fts, rowid, title, brief)
        VALUES ('delete', old.id, old.title, old.brief);
        INSERT INTO challenges_fts(rowid, title, brief) VALUES (new.id, new.title, new.brief);
    END""",
]
_POSTGRES_FTS = [
    # The first version indexed the raw text, which search no longer asks about.
    "DROP INDEX IF EXISTS ix_challenges_fts",
    "CREATE INDEX IF NOT EXISTS ix_challenges_fts_words ON challenges "
    f"USING gin (({POSTGRES_DOCUMENT.format(table='')}))",
]


def _tune_sqlite(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def make_engine(url: str) -> Engine:
    """An engine for url, with SQLite tuned for a server that several threads write to."""
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})
        event.listen(engine, "connect", _tune_sqlite)
    else:
        engine = create_engine(url, pool_pre_ping=True)
    return engine


def create_schema(engine: Engine) -> None:
    """Creates missing tables and search indexes; safe to call on every start."""
    Base.metadata.create_all(engine)
    statements = _SQLITE_FTS if engine.dialect.name == "sqlite" else _POSTGRES_FTS
    if engine.dialect.name not in ("sqlite", "postgresql"):
        statements = []
    with engine.begin() as conn:
        for statement in statements:
            conn.execute(text(statement))


class Database:
    """Owns the engine and hands out sessions that commit on success and roll back on error."""

    def __init__(self, url: str) -> None:
        self.engine = make_engine(url)
        create_schema(self.engine)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @contextmanager
    def session(self) -> Iterator[Session]:
        session = self._sessions()
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def dispose(self) -> None:
        self.engine.dispose()
