"""The tus 1.0.0 protocol as the server speaks it: capabilities, creation, HEAD, chunked PATCH
with checksums, whole-file sha256, termination, resuming after a restart or a cut connection,
and interop with another implementation (tuspy)."""

from __future__ import annotations

import base64
import hashlib
import os
import socket
import time
import zlib
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import requests
from tusclient import client as tus_client

from tests.support.live_server import LiveServer

from .api_helpers import (
    OFFSET_TYPE,
    TUS,
    assert_problem,
    bearer,
    create_upload,
    metadata,
    new_challenge,
    new_contribution,
    patch_chunk,
    sign_up,
    unique,
    upload_offset,
)
from .conftest import MAX_UPLOAD

DATA = os.urandom(300_000)
SHA256 = hashlib.sha256(DATA).hexdigest()


@pytest.fixture(scope="module")
def token(api: str) -> str:
    return sign_up(api, unique("uploader"))


@pytest.fixture(scope="module")
def challenge(api: str, token: str) -> dict[str, Any]:
    return new_challenge(api, token, roles=["music", "vocals"])


@pytest.fixture
def own_server(tmp_path: Path) -> Iterator[LiveServer]:
    with LiveServer(tmp_path / "data") as live:
        yield live


def _upload_id(url: str) -> str:
    return url.rsplit("/", 1)[1]


def _contribute(api: str, token: str, challenge_id: int, upload_id: str) -> dict[str, Any]:
    return new_contribution(api, token, challenge_id, upload_id=upload_id)


def _assert_stored(made: dict[str, Any], data: bytes) -> None:
    assert made["sha256"] == hashlib.sha256(data).hexdigest()
    assert made["size"] == len(data)
    media = requests.get(made["media_url"], timeout=30)
    assert media.status_code == 200
    assert media.content == data


def test_options_lists_capabilities_without_auth_or_version(server: LiveServer) -> None:
    response = requests.options(f"{server.api}/uploads/")
    assert response.status_code == 204
    assert response.headers["Tus-Version"] == "1.0.0"
    assert response.headers["Tus-Resumable"] == "1.0.0"
    extensions = set(response.headers["Tus-Extension"].split(","))
    assert {
        "creation",
        "creation-with-upload",
        "checksum",
        "termination",
        "expiration",
    } <= extensions
    assert int(response.headers["Tus-Max-Size"]) == MAX_UPLOAD
    assert set(response.headers["Tus-Checksum-Algorithm"].split(",")) == {
        "sha1",
        "sha256",
        "md5",
        "crc32",
    }


def test_creation_answers_location_and_expiry_and_head_reports_the_upload(
    api: str, token: str
) -> None:
    meta = metadata(filename="night bus.flac", filetype="audio/flac", sha256=SHA256)
    response = requests.post(
        f"{api}/uploads/",
        headers={**TUS, **bearer(token), "Upload-Length": str(len(DATA)), "Upload-Metadata": meta},
    )
    assert response.status_code == 201
    assert response.headers["Tus-Resumable"] == "1.0.0"
    location = response.headers["Location"]
    assert location.startswith(f"{api}/uploads/")
    upload_id = _upload_id(location)
    assert len(upload_id) == 32
    assert set(upload_id) <= set("0123456789abcdef")
    expires = parsedate_to_datetime(response.headers["Upload-Expires"])
    assert timedelta(hours=23) < expires - datetime.now(UTC) <= timedelta(hours=24)

    head = requests.head(location, headers={**TUS, **bearer(token)})
    assert head.status_code == 200
    assert head.headers["Upload-Offset"] == "0"
    assert head.headers["Upload-Length"] == str(len(DATA))
    assert head.headers["Upload-Metadata"] == meta
    assert head.headers["Cache-Control"] == "no-store"
    assert head.headers["Tus-Resumable"] == "1.0.0"
    assert "Upload-Expires" in head.headers
    assert head.content == b""


def test_creation_with_upload_stores_the_first_bytes(
    api: str, token: str, challenge: dict[str, Any]
) -> None:
    response = requests.post(
        f"{api}/uploads/",
        data=DATA[:1000],
        headers={
            **TUS,
            **bearer(token),
            "Upload-Length": str(len(DATA)),
            "Upload-Metadata": metadata(sha256=SHA256),
            "Content-Type": OFFSET_TYPE,
        },
    )
    assert response.status_code == 201
    assert response.headers["Upload-Offset"] == "1000"
    url = response.headers["Location"]
    assert upload_offset(url, token) == 1000
    assert patch_chunk(url, token, 1000, DATA[1000:]).status_code == 204
    _assert_stored(_contribute(api, token, challenge["id"], _upload_id(url)), DATA)


def test_creation_with_the_whole_file_completes_at_once(
    api: str, token: str, challenge: dict[str, Any]
) -> None:
    data = b"short take"
    response = requests.post(
        f"{api}/uploads/",
        data=data,
        headers={
            **TUS,
            **bearer(token),
            "Upload-Length": str(len(data)),
            "Content-Type": OFFSET_TYPE,
        },
    )
    assert response.status_code == 201
    assert response.headers["Upload-Offset"] == str(len(data))
    _assert_stored(
        _contribute(api, token, challenge["id"], _upload_id(response.headers["Location"])), data
    )


def test_empty_upload_is_complete_on_creation(
    api: str, token: str, challenge: dict[str, Any]
) -> None:
    url = create_upload(api, token, 0)
    assert upload_offset(url, token) == 0
    made = _contribute(api, token, challenge["id"], _upload_id(url))
    assert made["sha256"] == hashlib.sha256(b"").hexdigest()


def _digest(algorithm: str, data: bytes) -> bytes:
    if algorithm == "crc32":  # as tusd defines it: the CRC-32, 4 bytes big-endian
        return zlib.crc32(data).to_bytes(4, "big")
    return hashlib.new(algorithm, data).digest()


@pytest.mark.parametrize("algorithm", ["sha1", "sha256", "md5", "crc32"])
def test_chunked_patches_with_each_checksum_algorithm(
    api: str, token: str, challenge: dict[str, Any], algorithm: str
) -> None:
    data = DATA + algorithm.encode()  # a file of its own per algorithm
    url = create_upload(
        api, token, len(data), filetype="audio/flac", sha256=hashlib.sha256(data).hexdigest()
    )
    step = 64 * 1024
    for offset in range(0, len(data), step):
        chunk = data[offset : offset + step]
        digest = base64.b64encode(_digest(algorithm, chunk)).decode()
        response = patch_chunk(
            url, token, offset, chunk, **{"Upload-Checksum": f"{algorithm} {digest}"}
        )
        assert response.status_code == 204, response.text
        assert response.headers["Upload-Offset"] == str(offset + len(chunk))
        assert response.headers["Tus-Resumable"] == "1.0.0"
    _assert_stored(_contribute(api, token, challenge["id"], _upload_id(url)), data)


def test_wrong_chunk_checksum_discards_only_that_chunk(api: str, token: str) -> None:
    url = create_upload(api, token, 20)
    assert patch_chunk(url, token, 0, b"0123456789").status_code == 204
    wrong = base64.b64encode(hashlib.md5(b"other").digest()).decode()
    response = patch_chunk(url, token, 10, b"abcdefghij", **{"Upload-Checksum": f"md5 {wrong}"})
    assert_problem(response, 460, "checksum-mismatch")
    assert response.headers["Upload-Offset"] == "10"
    assert upload_offset(url, token) == 10


def test_whole_file_sha256_mismatch_fails_the_upload(
    server: LiveServer, token: str, challenge: dict[str, Any]
) -> None:
    api = server.api
    url = create_upload(api, token, len(DATA), sha256="0" * 64)
    assert patch_chunk(url, token, 0, DATA[:100_000]).status_code == 204
    last = patch_chunk(url, token, 100_000, DATA[100_000:])
    problem = assert_problem(last, 460, "checksum-mismatch")
    assert SHA256 in problem["detail"]
    assert not (server.settings.uploads_dir / _upload_id(url)).exists()
    assert_problem(patch_chunk(url, token, len(DATA), b""), 460, "checksum-mismatch")
    body = {
        "upload_id": _upload_id(url),
        "challenge_id": challenge["id"],
        "title": "t",
        "role": "music",
    }
    response = requests.post(
        f"{api}/contributions", json=body, headers={**bearer(token), "Idempotency-Key": unique("k")}
    )
    assert_problem(response, 409, "checksum-mismatch")


def test_patch_to_a_finished_upload(api: str, token: str) -> None:
    url = create_upload(api, token, 3)
    assert patch_chunk(url, token, 0, b"abc").status_code == 204
    empty = patch_chunk(url, token, 3, b"")
    assert empty.status_code == 204
    assert empty.headers["Upload-Offset"] == "3"
    assert_problem(patch_chunk(url, token, 3, b"d"), 413, "payload-too-large")
    assert_problem(patch_chunk(url, token, 0, b"abc"), 409, "upload-offset-mismatch")


def test_termination_deletes_the_partial_file(server: LiveServer, token: str) -> None:
    url = create_upload(server.api, token, 100)
    assert patch_chunk(url, token, 0, b"x" * 40).status_code == 204
    partial = server.settings.uploads_dir / _upload_id(url)
    assert partial.stat().st_size == 40
    response = requests.delete(url, headers={**TUS, **bearer(token)})
    assert response.status_code == 204
    assert response.headers["Tus-Resumable"] == "1.0.0"
    assert not partial.exists()
    assert requests.head(url, headers={**TUS, **bearer(token)}).status_code == 404
    assert_problem(patch_chunk(url, token, 40, b"x"), 404, "not-found")
    assert_problem(requests.delete(url, headers={**TUS, **bearer(token)}), 404, "not-found")


def test_an_upload_that_became_a_contribution_cannot_be_terminated(
    api: str, token: str, challenge: dict[str, Any]
) -> None:
    url = create_upload(api, token, 4)
    assert patch_chunk(url, token, 0, b"used").status_code == 204
    _contribute(api, token, challenge["id"], _upload_id(url))
    assert_problem(requests.delete(url, headers={**TUS, **bearer(token)}), 409, "conflict")


def test_resume_after_a_restart_keeps_the_offset_and_the_hash(own_server: LiveServer) -> None:
    token = sign_up(own_server.api)
    url = create_upload(own_server.api, token, len(DATA), sha256=SHA256, filetype="audio/flac")
    upload_id = _upload_id(url)
    assert patch_chunk(url, token, 0, DATA[:100_000]).status_code == 204

    own_server.restart()  # a new process would know nothing of the running hash either
    url = f"{own_server.api}/uploads/{upload_id}"
    assert upload_offset(url, token) == 100_000
    assert_problem(patch_chunk(url, token, 0, DATA[:10]), 409, "upload-offset-mismatch")
    assert patch_chunk(url, token, 100_000, DATA[100_000:200_000]).status_code == 204

    own_server.restart()
    url = f"{own_server.api}/uploads/{upload_id}"
    # A request that died after writing but before its offset was recorded leaves extra bytes
    # past the confirmed offset; the server must write over them, and hash only what counts.
    with (own_server.settings.uploads_dir / upload_id).open("ab") as partial:
        partial.write(b"junk from a crashed request")
    assert upload_offset(url, token) == 200_000
    assert patch_chunk(url, token, 200_000, DATA[200_000:]).status_code == 204

    challenge = new_challenge(own_server.api, token)
    _assert_stored(_contribute(own_server.api, token, challenge["id"], upload_id), DATA)


def _start_patch(url: str, token: str, offset: int, length: int, **headers: str) -> socket.socket:
    """A PATCH declaring length body bytes, sent by hand so the test controls every byte."""
    parts = urlsplit(url)
    lines = [
        f"PATCH {parts.path} HTTP/1.1",
        f"Host: {parts.netloc}",
        f"Authorization: Bearer {token}",
        "Tus-Resumable: 1.0.0",
        f"Upload-Offset: {offset}",
        f"Content-Type: {OFFSET_TYPE}",
        f"Content-Length: {length}",
        *(f"{name}: {value}" for name, value in headers.items()),
    ]
    sock = socket.create_connection((parts.hostname, parts.port), timeout=10)
    sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode())
    return sock


def _wait_for(check: Any, what: str, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


def _send_until(send: Any, done: Any, what: str, timeout: float = 10.0) -> requests.Response:
    """Sends again until done(response); returns that response."""
    deadline = time.monotonic() + timeout
    while not done(response := send()):
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}: {response.status_code}")
        time.sleep(0.05)
    return response


def _wait_until_busy(url: str, token: str) -> requests.Response:
    """Waits until the hand-made PATCH holds the upload: an empty PATCH then gets 423. (Before
    that, the empty PATCH stores nothing and answers 204.)"""
    time.sleep(0.2)  # let the server read the hand-made PATCH's headers and take the lock
    return _send_until(
        lambda: patch_chunk(url, token, 0, b""),
        lambda response: response.status_code == 423,
        "the hand-made PATCH to hold the upload",
    )


def _wait_until_free(url: str, token: str, offset: int) -> requests.Response:
    return _send_until(
        lambda: patch_chunk(url, token, offset, b""),
        lambda response: response.status_code != 423,
        "the cut PATCH to let go of the upload",
    )


def test_patch_cut_mid_body_keeps_the_bytes_received(
    api: str, token: str, challenge: dict[str, Any]
) -> None:
    url = create_upload(api, token, len(DATA), sha256=SHA256)
    sock = _start_patch(url, token, 0, len(DATA))
    sock.sendall(DATA[:120_000])
    _wait_until_busy(url, token)
    sock.close()

    _wait_for(lambda: upload_offset(url, token) == 120_000, "the server to keep 120000 bytes")
    assert _wait_until_free(url, token, 120_000).status_code == 204
    assert upload_offset(url, token) == 120_000
    # The kept bytes count towards the whole-file hash like any others.
    assert patch_chunk(url, token, 120_000, DATA[120_000:]).status_code == 204
    _assert_stored(_contribute(api, token, challenge["id"], _upload_id(url)), DATA)


def test_patch_cut_mid_body_with_a_checksum_keeps_nothing(
    api: str, token: str, challenge: dict[str, Any]
) -> None:
    url = create_upload(api, token, len(DATA), sha256=SHA256)
    digest = base64.b64encode(hashlib.sha1(DATA).digest()).decode()
    sock = _start_patch(url, token, 0, len(DATA), **{"Upload-Checksum": f"sha1 {digest}"})
    sock.sendall(DATA[:120_000])
    _wait_until_busy(url, token)
    sock.close()

    # A chunk that cannot be verified is not kept: still at 0 (409 here if any byte were).
    free = _wait_until_free(url, token, 0)
    assert free.status_code == 204, free.text
    assert upload_offset(url, token) == 0
    assert patch_chunk(url, token, 0, DATA).status_code == 204
    _assert_stored(_contribute(api, token, challenge["id"], _upload_id(url)), DATA)


def test_a_second_writer_gets_423_while_a_patch_is_running(api: str, token: str) -> None:
    url = create_upload(api, token, 1000)
    sock = _start_patch(url, token, 0, 1000)
    try:
        sock.sendall(b"a" * 400)
        assert_problem(_wait_until_busy(url, token), 423, "locked")
        assert_problem(requests.delete(url, headers={**TUS, **bearer(token)}), 423, "locked")
        sock.sendall(b"a" * 600)
        reply = b""
        while b"\r\n\r\n" not in reply:
            piece = sock.recv(4096)
            assert piece, reply
            reply += piece
        text = reply.decode("latin-1")
        assert text.startswith("HTTP/1.1 204"), text
        assert "upload-offset: 1000" in text.lower()
    finally:
        sock.close()
    assert upload_offset(url, token) == 1000


@pytest.mark.parametrize("checksum", [False, True])
def test_tuspy_uploads_a_file_that_becomes_a_contribution(
    api: str, token: str, challenge: dict[str, Any], tmp_path: Path, checksum: bool
) -> None:
    data = DATA + bytes([checksum])
    path = tmp_path / "take.flac"
    path.write_bytes(data)
    client = tus_client.TusClient(f"{api}/uploads/", headers=bearer(token))
    uploader = client.uploader(
        file_path=str(path),
        chunk_size=64 * 1024,
        metadata={
            "filename": "take.flac",
            "filetype": "audio/flac",
            "sha256": hashlib.sha256(data).hexdigest(),
        },
        upload_checksum=checksum,
    )
    uploader.upload()
    assert uploader.offset == len(data)
    made = _contribute(api, token, challenge["id"], _upload_id(uploader.url))
    assert made["filename"] == "take.flac"
    assert made["media_type"] == "audio/flac"
    _assert_stored(made, data)
