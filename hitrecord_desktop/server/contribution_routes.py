"""Contributions: detail, media download with Range, lineage credits, idempotent creation."""

from __future__ import annotations

import hashlib
import json
import re
from typing import Annotated

from fastapi import APIRouter, Header, Path, Request, Response, status
from fastapi.responses import FileResponse
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from .challenge_routes import api_base
from .http_cache import if_none_match_hits
from .problems import ProblemError, conflict, invalid, not_found
from .schemas import (
    MAX_ID,
    ContributionIn,
    ContributionOut,
    ContributorOut,
    CreditOut,
    CreditsOut,
    ProblemOut,
)
from .security import CurrentUser, database
from .serializers import contribution_out, user_out
from .tables import Challenge, Contribution, IdempotencyRecord, LineageEdge, Upload, User

router = APIRouter(tags=["contributions"], responses={422: {"model": ProblemOut}})

ContributionId = Annotated[int, Path(ge=1, le=MAX_ID)]
IdempotencyKey = Annotated[
    str,
    Header(
        alias="Idempotency-Key",
        min_length=1,
        max_length=200,
        pattern=r"^[\x21-\x7e]+$",
        description="Any unique string per intended contribution; a retry sends the same one.",
    ),
]
MAX_CREDIT_DEPTH = 64
# Media goes out as the type its upload declared (application/octet-stream if none).
_MEDIA_CONTENT = {
    media_type: {"schema": {"type": "string", "format": "binary"}}
    for media_type in ("audio/*", "video/*", "application/octet-stream")
}


def _load(session: Session, contribution_id: int) -> Contribution:
    contribution = session.get(Contribution, contribution_id)
    if contribution is None:
        raise not_found("contribution", contribution_id)
    return contribution


@router.get(
    "/contributions/{contribution_id}",
    response_model=ContributionOut,
    responses={404: {"model": ProblemOut}},
)
def get_contribution(contribution_id: ContributionId, request: Request) -> ContributionOut:
    with database(request).session() as session:
        return contribution_out(_load(session, contribution_id), api_base(request))


# Longer numbers than these are no real range, and int() refuses past 4300 digits.
_SINGLE_RANGE = re.compile(r"bytes=[ \t]*([0-9]{0,100})-([0-9]{0,100})[ \t]*", re.ASCII)


def _check_range(header: str | None, size: int) -> bool:
    """Whether to serve header's range: a 416 problem if the file cannot satisfy it; False for
    a malformed or multi-part Range, which RFC 9110 lets us ignore (whole file, 200)."""
    match = _SINGLE_RANGE.fullmatch(header or "")
    if match is None:
        return False
    start_text, end_text = match.groups()
    if start_text:
        if end_text and int(end_text) < int(start_text):
            return False  # last-pos before first-pos: invalid, so ignored
        satisfiable = int(start_text) < size
    elif end_text:
        satisfiable = int(end_text) > 0 and size > 0
    else:
        return False
    if not satisfiable:
        raise ProblemError(
            416,
            "range-not-satisfiable",
            "Range not satisfiable",
            f"The file is {size} bytes long; the requested range starts past its end.",
            headers={"Content-Range": f"bytes */{size}"},
        )
    return True


@router.get(
    "/contributions/{contribution_id}/media",
    response_class=FileResponse,
    responses={
        200: {"content": _MEDIA_CONTENT, "description": "The media file, as its media_type."},
        206: {"content": _MEDIA_CONTENT, "description": "The requested byte range."},
        304: {"description": "Not modified (If-None-Match matched the ETag)."},
        404: {"model": ProblemOut},
        416: {"model": ProblemOut},
    },
)
def download_media(contribution_id: ContributionId, request: Request) -> Response:
    """The contribution's file; resumable with Range, cacheable by its ETag (the SHA-256)."""
    with database(request).session() as session:
        contribution = _load(session, contribution_id)
        sha256, media_type = contribution.sha256, contribution.media_type
        filename, size = contribution.filename, contribution.size
    etag = f'"{sha256}"'
    if if_none_match_hits(request, etag):
        return Response(status_code=304, headers={"ETag": etag})
    path = request.app.state.store.path_for(sha256)
    if not path.is_file():
        raise ProblemError(
            404,
            "not-found",
            "Media missing",
            f"The file of contribution {contribution_id} is missing on this server.",
        )
    if not _check_range(request.headers.get("range"), size):
        # Starlette would answer such a Range with a plain-text 400 or 416 of its own.
        request.scope["headers"] = [
            (name, value) for name, value in request.scope["headers"] if name != b"range"
        ]
    headers = {"ETag": etag, "Cache-Control": "public, max-age=31536000, immutable"}
    return FileResponse(
        path,
        media_type=media_type,
        filename=filename,
        headers=headers,
        content_disposition_type="attachment",
    )


@router.get(
    "/contributions/{contribution_id}/credits",
    response_model=CreditsOut,
    responses={404: {"model": ProblemOut}},
)
def credits(contribution_id: ContributionId, request: Request) -> CreditsOut:
    """Everyone behind a contribution: a breadth-first walk of its lineage, nearest first."""
    with database(request).session() as session:
        root = _load(session, contribution_id)
        seen: dict[int, tuple[Contribution, int]] = {root.id: (root, 0)}
        frontier = [root.id]
        depth = 0
        while frontier and depth < MAX_CREDIT_DEPTH:
            depth += 1
            parents = session.scalars(
                select(LineageEdge.built_on_id)
                .where(LineageEdge.contribution_id.in_(frontier))
                .order_by(LineageEdge.contribution_id, LineageEdge.position)
            ).all()
            fresh = [p for p in dict.fromkeys(parents) if p not in seen]
            rows = session.scalars(select(Contribution).where(Contribution.id.in_(fresh))).all()
            by_id = {row.id: row for row in rows}
            for ident in fresh:
                if ident in by_id:
                    seen[ident] = (by_id[ident], depth)
            frontier = [ident for ident in fresh if ident in by_id]
        ordered = sorted(seen.values(), key=lambda item: (item[1], item[0].id))
        contributors: dict[int, tuple[User, list[str]]] = {}
        for contribution, _depth in ordered:
            _, roles = contributors.setdefault(contribution.author_id, (contribution.author, []))
            if contribution.role not in roles:
                roles.append(contribution.role)
        return CreditsOut(
            contribution_id=root.id,
            credits=[
                CreditOut(
                    contribution_id=c.id,
                    title=c.title,
                    role=c.role,
                    author=user_out(c.author),
                    depth=d,
                )
                for c, d in ordered
            ],
            contributors=[
                ContributorOut(user=user_out(user), roles=roles)
                for user, roles in contributors.values()
            ],
        )


def _request_digest(body: ContributionIn) -> str:
    canonical = json.dumps(body.model_dump(mode="json"), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def _replay(session: Session, user_id: int, key: str, digest: str) -> Contribution | None:
    record = session.scalar(
        select(IdempotencyRecord).where(
            IdempotencyRecord.user_id == user_id, IdempotencyRecord.key == key
        )
    )
    if record is None:
        return None
    if record.request_sha256 != digest:
        raise ProblemError(
            422,
            "idempotency-conflict",
            "Idempotency-Key reused",
            "This Idempotency-Key was already used for a different contribution; "
            "send a new key for a new contribution.",
        )
    return _load(session, record.contribution_id)


def _check_upload(session: Session, body: ContributionIn, user_id: int) -> Upload:
    upload = session.get(Upload, body.upload_id)
    if upload is None or upload.owner_id != user_id:
        raise invalid("body.upload_id", f"there is no upload {body.upload_id} of yours")
    if upload.state == "failed":
        raise conflict(
            f"Upload {upload.id} failed: {upload.failure}; upload the file again.",
            slug="checksum-mismatch",
        )
    if upload.state != "complete":
        raise conflict(
            f"Upload {upload.id} has {upload.offset} of {upload.length} bytes; "
            "finish it before creating the contribution.",
            slug="upload-incomplete",
        )
    used = session.scalar(select(Contribution.id).where(Contribution.upload_id == upload.id))
    if used is not None:
        raise _UploadUsed(f"Upload {upload.id} already became contribution {used}.")
    return upload


class _UploadUsed(ProblemError):
    """409: the upload is a contribution already (perhaps made by a retry of this request)."""

    def __init__(self, detail: str) -> None:
        super().__init__(409, "conflict", "Conflict", detail)


def _check_lineage(session: Session, body: ContributionIn) -> None:
    wanted = {ref.contribution_id for ref in body.built_on}
    found = set(session.scalars(select(Contribution.id).where(Contribution.id.in_(wanted))))
    for index, ref in enumerate(body.built_on):
        if ref.contribution_id not in found:
            raise invalid(
                f"body.built_on.{index}.contribution_id",
                f"there is no contribution {ref.contribution_id}",
            )


@router.post(
    "/contributions",
    status_code=status.HTTP_201_CREATED,
    response_model=ContributionOut,
    responses={
        200: {"model": ContributionOut, "description": "Replayed: this key made it before."},
        401: {"model": ProblemOut},
        404: {"model": ProblemOut},
        409: {"model": ProblemOut},
    },
)
def create_contribution(
    body: ContributionIn,
    user: CurrentUser,
    request: Request,
    response: Response,
    idempotency_key: IdempotencyKey,
) -> ContributionOut:
    """Turns a finished upload into a contribution, with its lineage.

    Retrying with the same Idempotency-Key returns the first result instead of a duplicate.
    """
    digest = _request_digest(body)
    db = database(request)
    base = api_base(request)
    try:
        with db.session() as session:
            existing = _replay(session, user.id, idempotency_key, digest)
            if existing is not None:
                response.status_code = status.HTTP_200_OK
                response.headers["Idempotent-Replayed"] = "true"
                return contribution_out(existing, base)
            challenge = session.get(Challenge, body.challenge_id)
            if challenge is None:
                raise invalid("body.challenge_id", f"there is no challenge {body.challenge_id}")
            if challenge.status != "open":
                raise conflict(f"Challenge {challenge.id} is closed to new contributions.")
            upload = _check_upload(session, body, user.id)
            _check_lineage(session, body)
            kind = body.kind or ("video" if upload.filetype.startswith("video/") else "audio")
            contribution = Contribution(
                challenge_id=challenge.id,
                author_id=user.id,
                title=body.title,
                role=body.role,
                kind=kind,
                sha256=upload.sha256 or "",
                size=upload.length,
                media_type=upload.filetype,
                filename=upload.filename,
                upload_id=upload.id,
                lineage=[
                    LineageEdge(
                        position=i,
                        built_on_id=ref.contribution_id,
                        offset_samples=ref.offset_samples,
                        sample_rate=ref.sample_rate,
                    )
                    for i, ref in enumerate(body.built_on)
                ],
            )
            session.add(contribution)
            session.flush()
            session.add(
                IdempotencyRecord(
                    user_id=user.id,
                    key=idempotency_key,
                    request_sha256=digest,
                    contribution_id=contribution.id,
                )
            )
            session.execute(
                update(Challenge)
                .where(Challenge.id == challenge.id)
                .values(contribution_count=Challenge.contribution_count + 1)
            )
            session.flush()
            session.refresh(contribution)
            return contribution_out(contribution, base)
    except (IntegrityError, _UploadUsed) as error:
        # A concurrent request with the same key or upload won the race (it committed after
        # this one looked for the key): answer as it did.
        with db.session() as session:
            existing = _replay(session, user.id, idempotency_key, digest)
            if existing is None:
                if isinstance(error, _UploadUsed):
                    raise
                raise conflict(f"Upload {body.upload_id} already became a contribution.") from None
            response.status_code = status.HTTP_200_OK
            response.headers["Idempotent-Replayed"] = "true"
            return contribution_out(existing, base)
