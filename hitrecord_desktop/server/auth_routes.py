"""Accounts: register, sign in for a token, sign out, who am I."""

from __future__ import annotations

from datetime import UTC, datetime

from fastapi import APIRouter, Request, Response, status
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from .problems import ProblemError, conflict
from .schemas import ProblemOut, RegisterIn, TokenIn, TokenOut, UserOut
from .security import CurrentToken, CurrentUser, database, issue_token, verify_password
from .serializers import user_out
from .tables import AccessToken, User

router = APIRouter(tags=["accounts"], responses={422: {"model": ProblemOut}})


def _taken(username: str) -> ProblemError:
    return conflict(f"The username '{username}' is taken; choose another.")


@router.post(
    "/auth/register",
    status_code=status.HTTP_201_CREATED,
    response_model=UserOut,
    responses={409: {"model": ProblemOut}},
)
def register(body: RegisterIn, request: Request) -> UserOut:
    """Creates an account. The password is kept only as an Argon2id hash."""
    password_hash = request.app.state.hasher.hash(body.password)
    try:
        with database(request).session() as session:
            if session.scalar(select(User.id).where(User.username == body.username)):
                raise _taken(body.username)
            user = User(
                username=body.username,
                display_name=body.display_name or body.username,
                password_hash=password_hash,
            )
            session.add(user)
            session.flush()
            return user_out(user)
    except IntegrityError:
        raise _taken(body.username) from None


@router.post("/auth/token", response_model=TokenOut, responses={401: {"model": ProblemOut}})
def token(body: TokenIn, request: Request) -> TokenOut:
    """Exchanges a username and password for a bearer token."""
    hasher = request.app.state.hasher
    with database(request).session() as session:
        user = session.scalar(select(User).where(User.username == body.username.lower()))
        if user is None:
            # Spend the time of a real check so response times do not reveal usernames.
            verify_password(hasher, request.app.state.dummy_hash, body.password)
        if user is None or not verify_password(hasher, user.password_hash, body.password):
            raise ProblemError(
                401,
                "unauthorized",
                "Sign-in failed",
                "The username or password is wrong.",
                headers={"WWW-Authenticate": "Bearer"},
            )
        if hasher.check_needs_rehash(user.password_hash):
            user.password_hash = hasher.hash(body.password)
        raw, row = issue_token(session, user, request.app.state.settings.token_ttl_seconds)
        return TokenOut(access_token=raw, expires_at=row.expires_at)


@router.post(
    "/auth/logout", status_code=status.HTTP_204_NO_CONTENT, responses={401: {"model": ProblemOut}}
)
def logout(token_row: CurrentToken, request: Request) -> Response:
    """Revokes the token this request was made with."""
    with database(request).session() as session:
        session.execute(
            update(AccessToken)
            .where(AccessToken.id == token_row.id)
            .values(revoked_at=datetime.now(UTC))
        )
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/me", response_model=UserOut, responses={401: {"model": ProblemOut}})
def me(user: CurrentUser) -> UserOut:
    return user_out(user)
