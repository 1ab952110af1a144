"""Bad input to the tus upload endpoints gets a 4xx problem detail (RFC 9457), never a 5xx,
and writes nothing where it should not.

Real HTTP on loopback against the real server; the autouse guard in conftest.py also fails a
test if the server logged an unhandled error while it ran.
"""

from __future__ import annotations

import base64
import time
from pathlib import Path
from typing import Any

import pytest
import requests

from tests.support.live_server import LiveServer

from .api_helpers import (
    OFFSET_TYPE,
    TUS,
    assert_problem,
    bearer,
    create_upload,
    error_fields,
    metadata,
    new_contribution,
    patch_chunk,
    raw_request,
    sign_up,
    upload_file,
    upload_offset,
)
from .conftest import MAX_UPLOAD


def _files_under(root: Path) -> set[Path]:
    return {path for path in root.rglob("*") if path.is_file()}


# --- numbers in tus headers ------------------------------------------------------------------


@pytest.mark.parametrize(
    "value", ["99999999999999999999999", "18446744073709551616", "-1", "1e3", "0x10", "²", ""]
)
def test_bad_upload_length_is_400(api: str, alice: str, value: str) -> None:
    response = requests.post(
        f"{api}/uploads/",
        headers={**TUS, **bearer(alice), "Upload-Length": value.encode("latin-1")},
    )
    assert_problem(response, 400)


def test_missing_upload_length_is_400(api: str, alice: str) -> None:
    assert_problem(requests.post(f"{api}/uploads/", headers={**TUS, **bearer(alice)}), 400)


@pytest.mark.parametrize(
    ("value", "status"),
    [
        ("9" * 25, 400),
        ("18446744073709551616", 400),
        ("-3", 400),
        ("³", 400),
        ("9223372036854775807", 409),
        ("5", 409),
    ],
)
def test_bad_upload_offsets(api: str, alice: str, value: str, status: int) -> None:
    url = create_upload(api, alice, 10)
    response = patch_chunk(url, alice, 0, b"x", **{"Upload-Offset": value.encode("latin-1")})
    problem = assert_problem(response, status)
    if status == 409:
        assert problem["type"].endswith("upload-offset-mismatch")
        assert response.headers["Upload-Offset"] == "0"
    assert upload_offset(url, alice) == 0


# --- tus: sizes, offsets, versions, content types, checksums, metadata --------------------------


def test_upload_longer_than_the_maximum_is_413(api: str, alice: str) -> None:
    too_long = requests.post(
        f"{api}/uploads/",
        headers={**TUS, **bearer(alice), "Upload-Length": str(MAX_UPLOAD + 1)},
    )
    assert_problem(too_long, 413, "payload-too-large")
    at_max = requests.post(
        f"{api}/uploads/", headers={**TUS, **bearer(alice), "Upload-Length": str(MAX_UPLOAD)}
    )
    assert at_max.status_code == 201


def test_patch_past_upload_length_is_413_and_keeps_nothing(api: str, alice: str) -> None:
    url = create_upload(api, alice, 10)
    assert_problem(patch_chunk(url, alice, 0, b"x" * 11), 413, "payload-too-large")
    assert upload_offset(url, alice) == 0
    assert patch_chunk(url, alice, 0, b"x" * 4).status_code == 204
    assert_problem(patch_chunk(url, alice, 4, b"x" * 7), 413, "payload-too-large")
    assert upload_offset(url, alice) == 4
    assert patch_chunk(url, alice, 4, b"x" * 6).status_code == 204


def test_creation_with_upload_past_upload_length_is_413(api: str, alice: str) -> None:
    response = requests.post(
        f"{api}/uploads/",
        data=b"x" * 20,
        headers={**TUS, **bearer(alice), "Upload-Length": "10", "Content-Type": OFFSET_TYPE},
    )
    assert_problem(response, 413, "payload-too-large")


@pytest.mark.parametrize("version", [None, "", "0.2.2", "1.0", "1.0.1"])
def test_missing_or_wrong_tus_resumable_is_412(api: str, alice: str, version: str | None) -> None:
    url = create_upload(api, alice, 10)
    headers = bearer(alice)
    if version is not None:
        headers["Tus-Resumable"] = version
    assert_problem(requests.post(f"{api}/uploads/", headers={**headers, "Upload-Length": "1"}), 412)
    patch = requests.patch(
        url,
        data=b"x",
        headers={**headers, "Upload-Offset": "0", "Content-Type": OFFSET_TYPE},
    )
    assert_problem(patch, 412, "precondition-failed")
    assert patch.headers["Tus-Version"] == "1.0.0"
    head = requests.head(url, headers=headers)
    assert head.status_code == 412
    assert head.headers["Tus-Version"] == "1.0.0"
    assert_problem(requests.delete(url, headers=headers), 412)
    assert upload_offset(url, alice) == 0
    assert requests.options(f"{api}/uploads/").status_code == 204


@pytest.mark.parametrize(
    "content_type", [None, "application/octet-stream", "application/json", "text/plain"]
)
def test_patch_with_wrong_content_type_is_415(
    api: str, alice: str, content_type: str | None
) -> None:
    url = create_upload(api, alice, 10)
    headers = {**TUS, **bearer(alice), "Upload-Offset": "0"}
    if content_type:
        headers["Content-Type"] = content_type
    response = requests.patch(url, data=b"x" * 10, headers=headers)
    assert_problem(response, 415, "unsupported-media-type")
    assert upload_offset(url, alice) == 0


def test_wrong_upload_checksum_is_460_and_the_chunk_is_discarded(api: str, alice: str) -> None:
    url = create_upload(api, alice, 10)
    wrong = base64.b64encode(b"\x00" * 20).decode()
    response = patch_chunk(url, alice, 0, b"01234", **{"Upload-Checksum": f"sha1 {wrong}"})
    assert_problem(response, 460, "checksum-mismatch")
    assert upload_offset(url, alice) == 0
    assert patch_chunk(url, alice, 0, b"0123456789").status_code == 204


@pytest.mark.parametrize(
    "header",
    [
        "sha1",
        "blake3 AAAAAA==",
        "SHA1 " + base64.b64encode(b"\x00" * 20).decode(),
        "sha1 !!!not-base64!!!",
        "sha1 " + base64.b64encode(b"short").decode(),
        "sha256 " + base64.b64encode(b"\x00" * 20).decode(),
        "sha1 \u00e9\u00e9\u00e9\u00e9",
    ],
    ids=["no-digest", "unknown-algo", "upper-case", "not-base64", "short", "wrong-len", "latin1"],
)
def test_malformed_upload_checksum_is_400(api: str, alice: str, header: str) -> None:
    url = create_upload(api, alice, 10)
    response = patch_chunk(url, alice, 0, b"x", **{"Upload-Checksum": header.encode("latin-1")})
    assert_problem(response, 400)
    assert upload_offset(url, alice) == 0


@pytest.mark.parametrize(
    "header",
    [
        "filename !!!",
        "filename aGk=,filename aGk=",
        "filename aGk= extra",
        'bad"key aGk=',
        "filename /w==",
        "filename \u00e9",
        ",",
        "filename aGk=,,filetype aGk=",
    ],
    ids=[
        "not-base64",
        "duplicate",
        "three-parts",
        "bad-key",
        "not-utf8",
        "latin1",
        "empty-pair",
        "double-comma",
    ],
)
def test_malformed_upload_metadata_is_400(api: str, alice: str, header: str) -> None:
    response = requests.post(
        f"{api}/uploads/",
        headers={
            **TUS,
            **bearer(alice),
            "Upload-Length": "1",
            "Upload-Metadata": header.encode("latin-1"),
        },
    )
    assert_problem(response, 400)


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("filetype", "not a mime type"),
        ("filetype", "audio/"),
        ("sha256", "xyz"),
        ("sha256", "0" * 63),
        ("filename", "a\x01b.flac"),
        ("filename", "x" * 256),
    ],
)
def test_invalid_upload_metadata_values_are_422(api: str, alice: str, key: str, value: str) -> None:
    response = requests.post(
        f"{api}/uploads/",
        headers={
            **TUS,
            **bearer(alice),
            "Upload-Length": "1",
            "Upload-Metadata": metadata(**{key: value}),
        },
    )
    problem = assert_problem(response, 422, "validation-error")
    assert f"header.Upload-Metadata.{key}" in error_fields(problem)


@pytest.mark.parametrize(
    "name", ["../../etc/passwd", "a/b", "C:\\x", "..", ".", "..\\..\\x", "/etc/passwd", "C:x"]
)
def test_path_tricks_in_upload_filenames_are_422_and_write_nothing(
    server: LiveServer, alice: str, name: str
) -> None:
    root = server.settings.data_dir.parent
    before = _files_under(root)
    response = requests.post(
        f"{server.api}/uploads/",
        data=b"payload",
        headers={
            **TUS,
            **bearer(alice),
            "Upload-Length": "7",
            "Content-Type": OFFSET_TYPE,
            "Upload-Metadata": metadata(filename=name),
        },
    )
    problem = assert_problem(response, 422, "validation-error")
    assert "header.Upload-Metadata.filename" in error_fields(problem)
    assert _files_under(root) == before


def test_dotted_plain_filename_is_stored_inside_the_data_dir(
    server: LiveServer, alice: str, challenge: dict[str, Any]
) -> None:
    root = server.settings.data_dir.parent
    outside_before = _files_under(root) - _files_under(server.settings.data_dir)
    upload_id = upload_file(server.api, alice, b"dots", filename="..hidden..flac")
    made = new_contribution(server.api, alice, challenge["id"], upload_id=upload_id)
    assert made["filename"] == "..hidden..flac"
    assert _files_under(root) - _files_under(server.settings.data_dir) == outside_before
    media = requests.get(made["media_url"])
    assert media.content == b"dots"
    assert "/" not in media.headers["Content-Disposition"]


@pytest.mark.parametrize(
    "upload_id",
    [
        "..%2F..%2Fetc%2Fpasswd",
        "%2e%2e%2fx",
        "%2e%2e",
        "..",
        "A" * 32,
        "0" * 31,
        "0" * 33,
        "g" * 32,
        "0" * 30 + "%00" + "0",
        "%30" * 32,
    ],
)
@pytest.mark.parametrize("method", ["HEAD", "PATCH", "DELETE"])
def test_upload_ids_that_are_not_32_hex_are_404(
    server: LiveServer, alice: str, upload_id: str, method: str
) -> None:
    # Raw paths: client libraries would normalise or re-encode them.
    extra = f"Upload-Offset: 0\r\nContent-Type: {OFFSET_TYPE}\r\n" if method == "PATCH" else ""
    head = (
        f"{method} /api/v1/uploads/{upload_id} HTTP/1.1\r\n"
        f"Host: {server.url.removeprefix('http://')}\r\n"
        f"Authorization: Bearer {alice}\r\nTus-Resumable: 1.0.0\r\n{extra}"
        "Content-Length: 0\r\nConnection: close\r\n\r\n"
    ).encode()
    response = raw_request(server.url, head)
    if upload_id == "%30" * 32:  # percent-decodes to 32 zeros: a well-formed id, unknown
        assert response.status == 404
        return
    assert response.status == 404
    if method != "HEAD":
        assert response.getheader("Content-Type").startswith("application/problem+json")


def test_traversal_in_the_upload_path_reaches_nothing(server: LiveServer, alice: str) -> None:
    head = (
        "HEAD /api/v1/uploads/../../challenges HTTP/1.1\r\n"
        f"Host: {server.url.removeprefix('http://')}\r\n"
        f"Authorization: Bearer {alice}\r\nTus-Resumable: 1.0.0\r\nConnection: close\r\n\r\n"
    ).encode()
    assert raw_request(server.url, head).status in (404, 405)


# --- other people's uploads ----------------------------------------------------------------


def test_someone_elses_upload_is_404(api: str, alice: str, bob: str) -> None:
    url = create_upload(api, alice, 10)
    assert requests.head(url, headers={**TUS, **bearer(bob)}).status_code == 404
    assert_problem(patch_chunk(url, bob, 0, b"x" * 10), 404, "not-found")
    assert_problem(requests.delete(url, headers={**TUS, **bearer(bob)}), 404, "not-found")
    assert upload_offset(url, alice) == 0


# --- upload expiry ----------------------------------------------------------------------------


def test_expired_upload_is_410_then_purged(tmp_path: Path) -> None:
    with LiveServer(tmp_path / "data", upload_expiry_seconds=1) as short:
        token = sign_up(short.api)
        url = create_upload(short.api, token, 10)
        assert patch_chunk(url, token, 0, b"01234").status_code == 204
        time.sleep(1.2)
        assert_problem(patch_chunk(url, token, 5, b"56789"), 410, "upload-expired")
        head = requests.head(url, headers={**TUS, **bearer(token)})
        assert head.status_code == 410
        short.restart()  # purges expired uploads at start
        moved = short.api + "/uploads/" + url.rsplit("/", 1)[1]
        assert requests.head(moved, headers={**TUS, **bearer(token)}).status_code == 404
        assert list(short.settings.uploads_dir.iterdir()) == []
