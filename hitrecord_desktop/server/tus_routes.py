"""Resumable uploads by the tus 1.0.0 protocol (core, creation, checksum, termination, expiration).

Written here rather than taken from a library: no maintained tus server for FastAPI keeps its
state in our database, checks the whole file's SHA-256 or ties uploads to our accounts.
"""

from __future__ import annotations

import asyncio
import hashlib
import secrets
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request, Response
from fastapi.concurrency import run_in_threadpool
from sqlalchemy import select
from starlette.requests import ClientDisconnect

from .challenge_routes import api_base
from .chunk_sink import ChunkSink
from .media_store import MediaStore
from .problems import ProblemError, not_found
from .schemas import ProblemOut
from .security import current_token, database
from .settings import ServerSettings
from .tables import AccessToken, Contribution, Upload
from .tus_protocol import (
    CHECKSUM_ALGORITHMS,
    EXTENSIONS,
    OFFSET_CONTENT_TYPE,
    TUS_VERSION,
    bad_request,
    clean_filename,
    clean_filetype,
    clean_sha256,
    http_date,
    parse_checksum,
    parse_metadata,
    parse_non_negative,
)

router = APIRouter(prefix="/uploads", tags=["uploads (tus 1.0.0)"])

_UPLOAD_ID_CHARS = set("0123456789abcdef")
_TUS_HEADERS = {"Tus-Resumable": TUS_VERSION}
_ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ProblemOut} for code in (400, 401, 404, 409, 410, 412, 413, 415, 422, 423, 460)
}
_ERRORS[460]["description"] = "Checksum mismatch (the chunk, or the whole file's sha256)"


# The tus headers, for the OpenAPI document only: the handlers read and check them themselves,
# to answer with tus's own status codes (412, 409, 460) rather than FastAPI's 422.
def _header(name: str, description: str, schema: dict[str, Any], required: bool = False) -> dict:
    return {
        "name": name,
        "in": "header",
        "required": required,
        "description": description,
        "schema": schema,
    }


def _headers(**described: tuple[str, str]) -> dict[str, Any]:
    """Response headers: name (underscores for dashes) -> (JSON type, description)."""
    return {
        name.replace("_", "-"): {"description": text, "schema": {"type": kind}}
        for name, (kind, text) in described.items()
    }


_TUS_RESUMABLE = _header(
    "Tus-Resumable",
    f"The tus version of the request; this server speaks only {TUS_VERSION} (412 otherwise).",
    {"type": "string", "enum": [TUS_VERSION]},
    required=True,
)
_UPLOAD_LENGTH = _header(
    "Upload-Length",
    "The whole file's size in bytes; more than Tus-Max-Size is refused with 413.",
    {"type": "integer", "minimum": 0},
    required=True,
)
_UPLOAD_METADATA = _header(
    "Upload-Metadata",
    "Comma-separated `key base64(value)` pairs. The server reads `filename` (a plain file name, "
    "no path), `filetype` (a MIME type) and `sha256` (64 hex: the whole file's digest, checked "
    "when the last byte arrives).",
    {"type": "string"},
)
_UPLOAD_OFFSET = _header(
    "Upload-Offset",
    "Where this chunk starts: the offset HEAD reported (409 otherwise).",
    {"type": "integer", "minimum": 0},
    required=True,
)
_UPLOAD_CHECKSUM = _header(
    "Upload-Checksum",
    "`<algorithm> <base64 digest>` of this chunk, the algorithm one of "
    f"{', '.join(CHECKSUM_ALGORITHMS)}; on a mismatch the chunk is discarded (460).",
    {"type": "string", "pattern": f"^({'|'.join(CHECKSUM_ALGORITHMS)}) [A-Za-z0-9+/]+=*$"},
)
_RESUMABLE_OUT = ("string", f"Always {TUS_VERSION}.")
_OFFSET_OUT = ("integer", "How many bytes of the upload the server has.")
_EXPIRES_OUT = ("string", "When the unfinished upload expires (an HTTP date).")
_CHUNK_BODY = {OFFSET_CONTENT_TYPE: {"schema": {"type": "string", "format": "binary"}}}


async def require_tus_version(request: Request) -> None:
    # async: a plain function would cost every tus request a trip through the thread pool.
    if request.headers.get("tus-resumable") != TUS_VERSION:
        raise ProblemError(
            412,
            "precondition-failed",
            "Unsupported tus version",
            f"Send 'Tus-Resumable: {TUS_VERSION}'; it is the only version this server speaks.",
            headers={"Tus-Version": TUS_VERSION, **_TUS_HEADERS},
        )


TusVersion = Depends(require_tus_version)
Token = Annotated[AccessToken, Depends(current_token)]


class UploadState:
    """What the server holds in memory per upload: a lock against parallel PATCHes and the
    running SHA-256, so finishing needs no second read of the whole file."""

    def __init__(self) -> None:
        self.lock = asyncio.Lock()
        self.hashed_offset = 0
        self.hasher = hashlib.sha256()


def _states(request: Request) -> dict[str, UploadState]:
    return request.app.state.tus_states


def _settings(request: Request) -> ServerSettings:
    return request.app.state.settings


def _file(request: Request, upload_id: str) -> Path:
    return _settings(request).uploads_dir / upload_id


def _upload_url(request: Request, upload_id: str) -> str:
    return f"{api_base(request)}/uploads/{upload_id}"


def _load_owned(request: Request, upload_id: str, user_id: int) -> Upload:
    """The upload if it exists and belongs to user_id; otherwise 404 (never reveal others')."""
    if len(upload_id) != 32 or not set(upload_id) <= _UPLOAD_ID_CHARS:
        raise not_found("upload", upload_id)
    with database(request).session() as session:
        upload = session.get(Upload, upload_id)
    if upload is None or upload.owner_id != user_id:
        raise not_found("upload", upload_id)
    if upload.state == "receiving" and upload.expires_at <= datetime.now(UTC):
        raise ProblemError(
            410,
            "upload-expired",
            "Upload expired",
            f"Upload {upload_id} expired unfinished; start the upload again.",
            headers=_TUS_HEADERS,
        )
    return upload


def _offset_headers(upload: Upload) -> dict[str, str]:
    headers = {**_TUS_HEADERS, "Upload-Offset": str(upload.offset)}
    if upload.state == "receiving":
        headers["Upload-Expires"] = http_date(upload.expires_at)
    return headers


@router.options(
    "/",
    status_code=204,
    responses={
        204: {
            "description": "Capabilities.",
            "headers": _headers(
                Tus_Resumable=_RESUMABLE_OUT,
                Tus_Version=("string", "The tus versions this server speaks."),
                Tus_Extension=("string", "The tus extensions it supports, comma-separated."),
                Tus_Max_Size=("integer", "The largest Upload-Length it takes, in bytes."),
                Tus_Checksum_Algorithm=("string", "Upload-Checksum algorithms, comma-separated."),
            ),
        }
    },
)
def options(request: Request) -> Response:
    """What this tus server supports."""
    return Response(
        status_code=204,
        headers={
            **_TUS_HEADERS,
            "Tus-Version": TUS_VERSION,
            "Tus-Extension": EXTENSIONS,
            "Tus-Max-Size": str(_settings(request).max_upload_bytes),
            "Tus-Checksum-Algorithm": ",".join(CHECKSUM_ALGORITHMS),
        },
    )


@router.post(
    "/",
    status_code=201,
    dependencies=[TusVersion],
    response_class=Response,
    responses={
        201: {
            "description": "Created; see Location.",
            "headers": _headers(
                Location=("string", "The absolute URL of the new upload."),
                Upload_Expires=_EXPIRES_OUT,
                Upload_Offset=_OFFSET_OUT,
                Tus_Resumable=_RESUMABLE_OUT,
            ),
        },
        **_ERRORS,
    },
    openapi_extra={
        "parameters": [_TUS_RESUMABLE, _UPLOAD_LENGTH, _UPLOAD_METADATA],
        # creation-with-upload: the first bytes may come with the creation request.
        "requestBody": {"required": False, "content": _CHUNK_BODY},
    },
)
async def create_upload(request: Request, token: Token) -> Response:
    """Creates an upload of Upload-Length bytes; a body makes it creation-with-upload."""
    settings = _settings(request)
    if request.headers.get("upload-defer-length") is not None:
        raise bad_request("Upload-Defer-Length is not supported; send Upload-Length.")
    length = parse_non_negative(request.headers.get("upload-length"), "Upload-Length")
    if length > settings.max_upload_bytes:
        raise ProblemError(
            413,
            "payload-too-large",
            "Upload too large",
            f"The file is {length} bytes; this server takes at most "
            f"{settings.max_upload_bytes} bytes.",
            headers=_TUS_HEADERS,
        )
    metadata_header = request.headers.get("upload-metadata", "")
    metadata = parse_metadata(metadata_header)
    now = datetime.now(UTC)
    upload = Upload(
        id=secrets.token_hex(16),
        owner_id=token.user_id,
        length=length,
        offset=0,
        metadata_header=metadata_header[:4096],
        filename=clean_filename(metadata.get("filename")),
        filetype=clean_filetype(metadata.get("filetype")),
        expected_sha256=clean_sha256(metadata.get("sha256")),
        state="receiving",
        created_at=now,
        expires_at=now + timedelta(seconds=settings.upload_expiry_seconds),
    )
    path = _file(request, upload.id)
    path.parent.mkdir(parents=True, exist_ok=True)
    await run_in_threadpool(_save_new, request, upload)
    path.touch()
    headers = {**_TUS_HEADERS, "Location": _upload_url(request, upload.id)}
    headers["Upload-Expires"] = http_date(upload.expires_at)
    has_body = request.headers.get("content-type", "").startswith(OFFSET_CONTENT_TYPE)
    if has_body or length == 0:
        upload = await _receive(request, upload.id, token.user_id, 0, checksum=None)
        headers.update(_offset_headers(upload))
    return Response(status_code=201, headers=headers)


def _save_new(request: Request, upload: Upload) -> None:
    with database(request).session() as session:
        session.add(upload)


@router.head(
    "/{upload_id}",
    dependencies=[TusVersion],
    response_class=Response,
    responses={
        200: {
            "description": "Upload-Offset and Upload-Length, no body.",
            "headers": _headers(
                Upload_Offset=_OFFSET_OUT,
                Upload_Length=("integer", "The whole file's size in bytes."),
                Upload_Metadata=("string", "The Upload-Metadata the upload was created with."),
                Upload_Expires=_EXPIRES_OUT,
                Cache_Control=("string", "no-store"),
                Tus_Resumable=_RESUMABLE_OUT,
            ),
        },
        **_ERRORS,
    },
    openapi_extra={"parameters": [_TUS_RESUMABLE]},
)
def head_upload(upload_id: str, request: Request, token: Token) -> Response:
    """How many bytes the server has: where a resumed upload continues."""
    upload = _load_owned(request, upload_id, token.user_id)
    if upload.state == "failed":
        # Dead: without an Upload-Offset a client that missed the 460 cannot take it as done.
        raise ProblemError(
            410,
            "checksum-mismatch",
            "Upload failed",
            f"Upload {upload_id} failed its sha256 check ({upload.failure}); "
            "upload the file again.",
            headers=_TUS_HEADERS,
        )
    headers = _offset_headers(upload)
    headers["Upload-Length"] = str(upload.length)
    headers["Cache-Control"] = "no-store"
    if upload.metadata_header:
        headers["Upload-Metadata"] = upload.metadata_header
    return Response(status_code=200, headers=headers)


@router.patch(
    "/{upload_id}",
    status_code=204,
    dependencies=[TusVersion],
    responses={
        204: {
            "description": "Bytes stored; see Upload-Offset.",
            "headers": _headers(
                Upload_Offset=_OFFSET_OUT, Upload_Expires=_EXPIRES_OUT, Tus_Resumable=_RESUMABLE_OUT
            ),
        },
        **_ERRORS,
    },
    openapi_extra={
        "parameters": [_TUS_RESUMABLE, _UPLOAD_OFFSET, _UPLOAD_CHECKSUM],
        "requestBody": {"required": True, "content": _CHUNK_BODY},
    },
)
async def patch_upload(upload_id: str, request: Request, token: Token) -> Response:
    """Appends the body at Upload-Offset. The chunk is checked against Upload-Checksum if sent."""
    if not request.headers.get("content-type", "").startswith(OFFSET_CONTENT_TYPE):
        raise ProblemError(
            415,
            "unsupported-media-type",
            "Wrong content type",
            f"PATCH bodies must be sent as '{OFFSET_CONTENT_TYPE}'.",
            headers=_TUS_HEADERS,
        )
    offset = parse_non_negative(request.headers.get("upload-offset"), "Upload-Offset")
    checksum = parse_checksum(request.headers.get("upload-checksum"))
    upload = await _receive(request, upload_id, token.user_id, offset, checksum)
    return Response(status_code=204, headers=_offset_headers(upload))


def _check_writable(upload: Upload, offset: int) -> None:
    """409 unless the client's Upload-Offset is where the upload stands; 460 if it failed."""
    if offset != upload.offset:
        raise ProblemError(
            409,
            "upload-offset-mismatch",
            "Offset mismatch",
            f"The server has {upload.offset} bytes of this upload, not {offset}; "
            "ask with HEAD and continue from there.",
            headers=_offset_headers(upload),
        )
    if upload.state == "failed":
        raise ProblemError(
            460, "checksum-mismatch", "Upload failed", upload.failure or "", headers=_TUS_HEADERS
        )


async def _receive(
    request: Request,
    upload_id: str,
    user_id: int,
    offset: int,
    checksum: tuple[str, bytes] | None,
) -> Upload:
    """Streams the body into the upload's file at `offset` (the client's Upload-Offset, which
    must be where the upload stands); finishes the upload at the end."""
    if len(upload_id) != 32 or not set(upload_id) <= _UPLOAD_ID_CHARS:
        raise not_found("upload", upload_id)  # before it gets a state
    states = _states(request)
    created = upload_id not in states
    state = states.setdefault(upload_id, UploadState())
    if state.lock.locked():
        await run_in_threadpool(_load_owned, request, upload_id, user_id)  # 404 if not theirs
        raise ProblemError(
            423,
            "locked",
            "Upload busy",
            "Another request is writing to this upload; wait for it or retry in a moment.",
            headers=_TUS_HEADERS,
        )
    async with state.lock:
        # Read under the lock, once: a PATCH that finished a moment ago may have moved the
        # offset, and these bytes belong where the client said, not at the new end.
        try:
            upload = await run_in_threadpool(_load_owned, request, upload_id, user_id)
        except ProblemError:
            if created:
                states.pop(upload_id, None)
            raise
        _check_writable(upload, offset)
        if upload.state == "complete":
            # Its file has moved to the media store: nothing more fits, and there is nothing
            # to append to.
            async for block in request.stream():
                if block:
                    raise ProblemError(
                        413,
                        "payload-too-large",
                        "Upload complete",
                        f"Upload {upload.id} already has all its {upload.length} bytes.",
                        headers=_offset_headers(upload),
                    )
            return upload
        start = upload.offset
        path = _file(request, upload.id)
        if state.hashed_offset != start:
            state.hashed_offset, state.hasher = (
                start,
                await run_in_threadpool(_hash_prefix, path, start),
            )
        running = state.hasher.copy()
        chunk_digest = CHECKSUM_ALGORITHMS[checksum[0]]() if checksum else None
        room = upload.length - start
        received = 0
        too_large = disconnected = rejected = False
        digests = [running] if chunk_digest is None else [running, chunk_digest]
        with path.open("r+b") as handle:
            handle.seek(start)
            handle.truncate()  # drop bytes a crashed request wrote past the confirmed offset
            async with ChunkSink(handle, digests) as sink:
                try:
                    async for block in request.stream():
                        if received + len(block) > room:
                            too_large = True
                            break
                        await sink.write(block)
                        received += len(block)
                except ClientDisconnect:
                    disconnected = True
                await sink.drain()
                if checksum and chunk_digest is not None:
                    # A chunk that cannot be verified (cut short, or wrong) is not kept.
                    rejected = disconnected or chunk_digest.digest() != checksum[1]
                if too_large or rejected:
                    await sink.truncate(start)
                    received = 0
                    running = state.hasher.copy()
                # Bytes are acknowledged (Upload-Offset) only once they are on disk.
                await sink.sync()
        if too_large:
            raise ProblemError(
                413,
                "payload-too-large",
                "Chunk too large",
                f"The upload is {upload.length} bytes long; this chunk goes past its end.",
                headers=_offset_headers(upload),
            )
        if rejected and not disconnected:
            raise ProblemError(
                460,
                "checksum-mismatch",
                "Checksum mismatch",
                f"The chunk's {checksum[0]} does not match Upload-Checksum; it was discarded. "
                "Send it again.",
                headers=_offset_headers(upload),
            )
        state.hasher, state.hashed_offset = running, start + received
        upload = await run_in_threadpool(_advance, request, upload.id, received, running)
        if upload.state != "receiving":
            _states(request).pop(upload.id, None)
        if upload.state == "failed":
            raise ProblemError(
                460,
                "checksum-mismatch",
                "File checksum mismatch",
                upload.failure or "The file does not match its declared sha256.",
                headers=_TUS_HEADERS,
            )
        return upload


def _hash_prefix(path: Path, length: int) -> Any:
    hasher = hashlib.sha256()
    with path.open("rb") as handle:
        remaining = length
        while remaining > 0:
            block = handle.read(min(remaining, 1 << 20))
            if not block:
                break
            hasher.update(block)
            remaining -= len(block)
    return hasher


def _advance(request: Request, upload_id: str, received: int, hasher: Any) -> Upload:
    """Records received bytes; when the last one is in, verifies and stores the file."""
    settings = _settings(request)
    store: MediaStore = request.app.state.store
    with database(request).session() as session:
        upload = session.get(Upload, upload_id)
        if upload is None:  # terminated meanwhile
            raise not_found("upload", upload_id)
        upload.offset += received
        upload.expires_at = datetime.now(UTC) + timedelta(seconds=settings.upload_expiry_seconds)
        if upload.offset == upload.length and upload.state == "receiving":
            digest = hasher.hexdigest()
            path = _file(request, upload.id)
            if upload.expected_sha256 and digest != upload.expected_sha256:
                upload.state = "failed"
                upload.failure = (
                    f"the file's sha256 is {digest}, but the upload declared "
                    f"{upload.expected_sha256}"
                )
                path.unlink(missing_ok=True)
            else:
                store.adopt(path, digest)
                upload.sha256 = digest
                upload.state = "complete"
        return upload


@router.delete(
    "/{upload_id}",
    status_code=204,
    dependencies=[TusVersion],
    responses={
        204: {"description": "Terminated.", "headers": _headers(Tus_Resumable=_RESUMABLE_OUT)},
        **_ERRORS,
    },
    openapi_extra={"parameters": [_TUS_RESUMABLE]},
)
async def terminate_upload(upload_id: str, request: Request, token: Token) -> Response:
    """tus termination: forgets the upload and deletes its partial file."""
    upload = await run_in_threadpool(_load_owned, request, upload_id, token.user_id)
    state = _states(request).setdefault(upload.id, UploadState())
    if state.lock.locked():
        raise ProblemError(
            423, "locked", "Upload busy", "A PATCH is writing to this upload.", headers=_TUS_HEADERS
        )
    async with state.lock:  # a PATCH arriving now waits, then finds the upload gone (404)
        try:
            await run_in_threadpool(_forget, request, upload.id)
        finally:
            _states(request).pop(upload.id, None)
    return Response(status_code=204, headers=_TUS_HEADERS)


def _forget(request: Request, upload_id: str) -> None:
    with database(request).session() as session:
        upload = session.get(Upload, upload_id)
        if upload is None:
            return
        used = session.scalar(select(Contribution.id).where(Contribution.upload_id == upload_id))
        if used is not None:
            raise ProblemError(
                409,
                "conflict",
                "Upload in use",
                f"Upload {upload_id} became contribution {used}; it cannot be terminated.",
                headers=_TUS_HEADERS,
            )
        session.delete(upload)
    _file(request, upload_id).unlink(missing_ok=True)


def purge_expired_uploads(db: Any, settings: ServerSettings) -> int:
    """Deletes unfinished uploads past their expiry; called at start and from time to time."""
    now = datetime.now(UTC)
    with db.session() as session:
        expired = session.scalars(
            select(Upload).where(Upload.state == "receiving", Upload.expires_at <= now)
        ).all()
        for upload in expired:
            (settings.uploads_dir / upload.id).unlink(missing_ok=True)
            session.delete(upload)
        return len(expired)
