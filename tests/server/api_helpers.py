"""Steps the server tests take over real HTTP: sign up, post challenges, upload by tus, and
check that an error is a proper problem detail."""

from __future__ import annotations

import base64
import hashlib
import http.client
import itertools
import socket
from typing import Any
from urllib.parse import urlsplit

import requests

TUS = {"Tus-Resumable": "1.0.0"}
OFFSET_TYPE = "application/offset+octet-stream"
PASSWORD = "correct horse battery"
PROBLEM_TYPE = "application/problem+json"

_names = itertools.count(1)


def unique(prefix: str) -> str:
    """A name no other test of this session uses (usernames, search words)."""
    return f"{prefix}{next(_names)}"


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def assert_problem(
    response: requests.Response, status: int, slug: str | None = None
) -> dict[str, Any]:
    """response is an RFC 9457 problem detail with this status (and type slug, if given)."""
    assert response.status_code == status, (response.status_code, response.text[:500])
    content_type = response.headers.get("Content-Type", "")
    assert content_type.startswith(PROBLEM_TYPE), content_type
    body = response.json()
    for key in ("type", "title", "status", "detail"):
        assert key in body, f"problem without {key}: {body}"
    assert body["status"] == status
    assert isinstance(body["detail"], str) and body["detail"].strip()
    if slug is not None:
        assert body["type"].endswith("/" + slug), body["type"]
    return body


def error_fields(body: dict[str, Any]) -> set[str]:
    return {error["field"] for error in body.get("errors") or []}


def sign_up(api: str, username: str | None = None, password: str = PASSWORD) -> str:
    """Registers a new user and returns a bearer token of theirs."""
    username = username or unique("user")
    response = requests.post(
        f"{api}/auth/register", json={"username": username, "password": password}, timeout=10
    )
    assert response.status_code == 201, response.text
    return sign_in(api, username, password)


def sign_in(api: str, username: str, password: str = PASSWORD) -> str:
    response = requests.post(
        f"{api}/auth/token", json={"username": username, "password": password}, timeout=10
    )
    assert response.status_code == 200, response.text
    return response.json()["access_token"]


def new_challenge(api: str, token: str, **fields: Any) -> dict[str, Any]:
    body = {"title": unique("Challenge "), "roles": ["vocals"], "kind": "audio", **fields}
    response = requests.post(f"{api}/challenges", json=body, headers=bearer(token), timeout=10)
    assert response.status_code == 201, response.text
    return response.json()


def metadata(**fields: str) -> str:
    """An Upload-Metadata header: each value base64-encoded."""
    return ",".join(
        f"{key} {base64.b64encode(value.encode()).decode()}" for key, value in fields.items()
    )


def create_upload(
    api: str, token: str, length: int, *, headers: dict[str, str] | None = None, **meta: str
) -> str:
    """Creates a tus upload of length bytes; returns its URL."""
    sent = {**TUS, **bearer(token), "Upload-Length": str(length), **(headers or {})}
    if meta:
        sent["Upload-Metadata"] = metadata(**meta)
    response = requests.post(f"{api}/uploads/", headers=sent, timeout=10)
    assert response.status_code == 201, response.text
    return response.headers["Location"]


def patch_chunk(
    url: str, token: str, offset: int, chunk: bytes, **headers: str
) -> requests.Response:
    sent = {
        **TUS,
        **bearer(token),
        "Upload-Offset": str(offset),
        "Content-Type": OFFSET_TYPE,
        **headers,
    }
    return requests.patch(url, data=chunk, headers=sent, timeout=30)


def upload_offset(url: str, token: str) -> int:
    response = requests.head(url, headers={**TUS, **bearer(token)}, timeout=10)
    assert response.status_code == 200, response.status_code
    return int(response.headers["Upload-Offset"])


def upload_file(
    api: str,
    token: str,
    data: bytes,
    *,
    filename: str = "take.flac",
    filetype: str = "audio/flac",
    chunk_size: int | None = None,
) -> str:
    """Uploads data by tus in chunks, declaring its sha256; returns the upload id."""
    url = create_upload(
        api,
        token,
        len(data),
        filename=filename,
        filetype=filetype,
        sha256=hashlib.sha256(data).hexdigest(),
    )
    step = chunk_size or max(len(data), 1)
    for offset in range(0, len(data), step):
        response = patch_chunk(url, token, offset, data[offset : offset + step])
        assert response.status_code == 204, response.text
    return url.rsplit("/", 1)[1]


def new_contribution(
    api: str,
    token: str,
    challenge_id: int,
    *,
    data: bytes | None = None,
    upload_id: str | None = None,
    role: str = "music",
    built_on: list[dict[str, int]] | None = None,
    key: str | None = None,
    title: str = "Take",
) -> dict[str, Any]:
    """Uploads data (or uses upload_id) and makes it a contribution to challenge_id."""
    if upload_id is None:
        upload_id = upload_file(api, token, data if data is not None else unique("take").encode())
    body = {
        "upload_id": upload_id,
        "challenge_id": challenge_id,
        "title": title,
        "role": role,
        "built_on": built_on or [],
    }
    response = requests.post(
        f"{api}/contributions",
        json=body,
        headers={**bearer(token), "Idempotency-Key": key or unique("key-")},
        timeout=10,
    )
    assert response.status_code == 201, response.text
    return response.json()


def raw_request(base_url: str, head: bytes, body: bytes = b"", timeout: float = 10) -> Any:
    """Sends head (request line and headers, CRLF-terminated) and body as given, with no client
    library to tidy them up; returns the parsed response (status, headers, read())."""
    parts = urlsplit(base_url)
    sock = socket.create_connection((parts.hostname, parts.port), timeout=timeout)
    try:
        sock.sendall(head + body)
        method = head.split(b" ", 1)[0].decode()
        response = http.client.HTTPResponse(sock, method=method)
        response.begin()
        response.body = response.read()  # type: ignore[attr-defined]
        return response
    finally:
        sock.close()
