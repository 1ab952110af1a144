"""Passwords (Argon2id), bearer tokens (stored as SHA-256) and the auth dependencies."""

from __future__ import annotations

import hashlib
import secrets
from datetime import UTC, datetime, timedelta
from typing import Annotated

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import select
from sqlalchemy.orm import Session

from .database import Database
from .problems import ProblemError
from .settings import ServerSettings
from .tables import AccessToken, User

_bearer = HTTPBearer(auto_error=False, description="A token from POST /api/v1/auth/token.")


def password_hasher(settings: ServerSettings) -> PasswordHasher:
    return PasswordHasher(
        time_cost=settings.argon2_time_cost, memory_cost=settings.argon2_memory_kib
    )


def verify_password(hasher: PasswordHasher, stored_hash: str, password: str) -> bool:
    try:
        return hasher.verify(stored_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_token() -> str:
    return secrets.token_urlsafe(32)


def issue_token(
    session: Session, user: User, ttl_seconds: int, token: str | None = None
) -> tuple[str, AccessToken]:
    """Creates a token for user; only its digest is kept."""
    token = token or new_token()
    row = AccessToken(
        user_id=user.id,
        token_sha256=token_digest(token),
        expires_at=datetime.now(UTC) + timedelta(seconds=ttl_seconds),
    )
    session.add(row)
    session.flush()
    return token, row


def database(request: Request) -> Database:
    """The app's database. Handlers open their own session so the commit happens before the
    answer is sent (a yield dependency may commit after it, and a client's next request would
    race it)."""
    return request.app.state.db


def _unauthorized(detail: str) -> ProblemError:
    return ProblemError(
        401, "unauthorized", "Sign-in required", detail, headers={"WWW-Authenticate": "Bearer"}
    )


def find_token(session: Session, token: str) -> AccessToken | None:
    row = session.scalar(select(AccessToken).where(AccessToken.token_sha256 == token_digest(token)))
    if row is None or row.revoked_at is not None:
        return None
    if row.expires_at <= datetime.now(UTC):
        return None
    return row


def current_token(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> AccessToken:
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise _unauthorized("This needs a sign-in: send 'Authorization: Bearer <token>'.")
    with database(request).session() as session:
        row = find_token(session, credentials.credentials)
    if row is None:
        raise _unauthorized("The sign-in token is unknown, revoked or expired; sign in again.")
    return row


def current_user(token: Annotated[AccessToken, Depends(current_token)]) -> User:
    return token.user


CurrentUser = Annotated[User, Depends(current_user)]
CurrentToken = Annotated[AccessToken, Depends(current_token)]
