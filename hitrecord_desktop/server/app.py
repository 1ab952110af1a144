"""Builds the platform's FastAPI application from its settings."""

from __future__ import annotations

import logging
import secrets
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import APIRouter, FastAPI, Request
from sqlalchemy import select, update

from .. import __version__
from .auth_routes import router as auth_router
from .body_limit import BodyLimitMiddleware
from .challenge_routes import router as challenge_router
from .contribution_routes import router as contribution_router
from .database import Database
from .media_store import MediaStore
from .problems import document_problems, install_problem_handlers
from .schemas import HealthOut
from .security import issue_token, password_hasher, token_digest
from .server_timing import ServerTimingMiddleware
from .settings import ServerSettings
from .tables import AccessToken, User, utcnow
from .tus_routes import purge_expired_uploads
from .tus_routes import router as tus_router

API_PREFIX = "/api/v1"
log = logging.getLogger(__name__)

_DESCRIPTION = """The HitRecord platform: challenges, contributions with lineage and credits,
and resumable uploads (tus 1.0.0). Errors are RFC 9457 problem details. See
resources/platform-api.md for the rules behind the fields."""


def _install_bootstrap_token(db: Database, settings: ServerSettings, hasher_hash: str) -> None:
    """Signs in the desktop's local user with the token its parent process handed over."""
    if not settings.bootstrap_token:
        return
    with db.session() as session:
        user = session.scalar(select(User).where(User.username == settings.bootstrap_username))
        if user is None:
            user = User(
                username=settings.bootstrap_username,
                display_name="Me",
                password_hash=hasher_hash,
            )
            session.add(user)
            session.flush()
        # Tokens of earlier runs die with those runs.
        session.execute(
            update(AccessToken)
            .where(AccessToken.user_id == user.id, AccessToken.revoked_at.is_(None))
            .values(revoked_at=utcnow())
        )
        existing = session.scalar(
            select(AccessToken).where(
                AccessToken.token_sha256 == token_digest(settings.bootstrap_token)
            )
        )
        if existing is None:
            issue_token(session, user, settings.token_ttl_seconds, settings.bootstrap_token)


def create_app(settings: ServerSettings) -> FastAPI:
    """The application, with its database opened and schema ensured."""
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    settings.uploads_dir.mkdir(parents=True, exist_ok=True)
    db = Database(settings.effective_database_url)
    hasher = password_hasher(settings)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        db.dispose()

    app = FastAPI(
        title="HitRecord platform API",
        version=__version__,
        description=_DESCRIPTION,
        openapi_url=f"{API_PREFIX}/openapi.json",
        docs_url=f"{API_PREFIX}/docs",
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.db = db
    app.state.store = MediaStore(settings.media_dir)
    app.state.hasher = hasher
    # Compared against when a username is unknown, so both paths cost one Argon2 check.
    app.state.dummy_hash = hasher.hash(secrets.token_urlsafe(16))
    app.state.tus_states = {}

    _install_bootstrap_token(db, settings, hasher.hash(secrets.token_urlsafe(32)))
    purged = purge_expired_uploads(db, settings)
    if purged:
        log.info("purged %d expired uploads", purged)

    install_problem_handlers(app)

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = document_problems(FastAPI.openapi(app))
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
    app.add_middleware(
        BodyLimitMiddleware,
        limit=settings.max_json_bytes,
        exempt_prefix=f"{API_PREFIX}/uploads",
    )
    app.add_middleware(ServerTimingMiddleware)

    api = APIRouter(prefix=API_PREFIX)

    @api.get("/health", response_model=HealthOut, tags=["service"])
    def health(request: Request) -> HealthOut:
        return HealthOut(version=__version__, community=request.app.state.settings.community_name)

    api.include_router(auth_router)
    api.include_router(challenge_router)
    api.include_router(contribution_router)
    api.include_router(tus_router)
    app.include_router(api)
    return app
