"""Bad input of every kind gets a 4xx problem detail (RFC 9457), never a 5xx. (The tus upload
endpoints' own headers and files are in test_bad_input_uploads.py.)

Real HTTP on loopback against the real server; the autouse guard in conftest.py also fails a
test if the server logged an unhandled error while it ran.
"""

from __future__ import annotations

import base64
import json
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
    new_challenge,
    new_contribution,
    patch_chunk,
    raw_request,
    sign_up,
    unique,
    upload_file,
)

JSON = {"Content-Type": "application/json"}
GOOD_CHALLENGE = {"title": "Vocals wanted", "roles": ["vocals"], "kind": "audio"}


# --- JSON bodies ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw",
    [b'{"title": ', b'{"title": "x",}', b"{'title': 'x'}", b'{"title" "x"}', b"\x00"],
    ids=["truncated", "trailing-comma", "single-quotes", "no-colon", "nul-byte"],
)
def test_malformed_json_is_400(api: str, alice: str, raw: bytes) -> None:
    response = requests.post(f"{api}/challenges", data=raw, headers={**JSON, **bearer(alice)})
    assert_problem(response, 400, "malformed-json")


def test_body_that_is_not_utf8_is_400(api: str, alice: str) -> None:
    response = requests.post(
        f"{api}/challenges", data=b'{"title": "\xff\xfe"}', headers={**JSON, **bearer(alice)}
    )
    assert_problem(response, 400)


@pytest.mark.parametrize(
    ("path", "body", "field"),
    [
        ("/challenges", {**GOOD_CHALLENGE, "title": 5}, "body.title"),
        ("/challenges", {**GOOD_CHALLENGE, "roles": "vocals"}, "body.roles"),
        ("/challenges", {**GOOD_CHALLENGE, "roles": ["drums"]}, "body.roles.0"),
        ("/challenges", {**GOOD_CHALLENGE, "roles": []}, "body.roles"),
        ("/challenges", {**GOOD_CHALLENGE, "kind": "podcast"}, "body.kind"),
        ("/challenges", {**GOOD_CHALLENGE, "deadline": "tomorrow"}, "body.deadline"),
        ("/challenges", {**GOOD_CHALLENGE, "deadline": "2030-01-01T00:00:00"}, "body.deadline"),
        ("/challenges", {**GOOD_CHALLENGE, "status": "archived"}, "body.status"),
        ("/challenges", {**GOOD_CHALLENGE, "title": None}, "body.title"),
        ("/challenges", [GOOD_CHALLENGE], "body"),
        ("/challenges", "a string", "body"),
        ("/auth/register", {"username": ["x"], "password": "password1"}, "body.username"),
        ("/auth/register", {"username": "ok_name", "password": 12345678}, "body.password"),
        ("/auth/register", {"username": "a b", "password": "password1"}, "body.username"),
        ("/auth/register", {"username": "ab", "password": "password1"}, "body.username"),
        ("/auth/register", {"username": "okname", "password": "short"}, "body.password"),
        ("/auth/token", {"username": "x", "password": True}, "body.password"),
    ],
)
def test_wrong_types_are_422_naming_the_field(
    api: str, alice: str, path: str, body: Any, field: str
) -> None:
    response = requests.post(f"{api}{path}", json=body, headers=bearer(alice))
    problem = assert_problem(response, 422, "validation-error")
    assert field in error_fields(problem), problem


@pytest.mark.parametrize(
    "built_on",
    [
        {},
        [{"contribution_id": "one", "offset_samples": 0}],
        [{"contribution_id": 1, "offset_samples": 1.5}],
        [{"contribution_id": 1, "offset_samples": 0, "sample_rate": 100}],
        [{"contribution_id": 1}],
        [1, 2],
    ],
)
def test_wrong_lineage_types_are_422(api: str, alice: str, built_on: Any) -> None:
    body = {
        "upload_id": "0" * 32,
        "challenge_id": 1,
        "title": "t",
        "role": "music",
        "built_on": built_on,
    }
    response = requests.post(
        f"{api}/contributions", json=body, headers={**bearer(alice), "Idempotency-Key": "k"}
    )
    problem = assert_problem(response, 422, "validation-error")
    assert any(field.startswith("body.built_on") for field in error_fields(problem)), problem


@pytest.mark.parametrize(
    ("path", "fields"),
    [
        ("/challenges", {"body.title", "body.roles", "body.kind"}),
        ("/auth/register", {"body.username", "body.password"}),
        ("/auth/token", {"body.username", "body.password"}),
        ("/contributions", {"body.upload_id", "body.challenge_id", "body.title", "body.role"}),
    ],
)
def test_missing_fields_are_422_naming_each(
    api: str, alice: str, path: str, fields: set[str]
) -> None:
    response = requests.post(
        f"{api}{path}", json={}, headers={**bearer(alice), "Idempotency-Key": "k"}
    )
    problem = assert_problem(response, 422, "validation-error")
    assert fields <= error_fields(problem), problem


def test_missing_body_is_422(api: str, alice: str) -> None:
    response = requests.post(f"{api}/challenges", headers=bearer(alice))
    assert_problem(response, 422, "validation-error")


@pytest.mark.parametrize(
    ("path", "body", "field"),
    [
        ("/challenges", {**GOOD_CHALLENGE, "id": 5}, "body.id"),
        ("/challenges", {**GOOD_CHALLENGE, "author_id": 1}, "body.author_id"),
        (
            "/auth/register",
            {"username": "eve", "password": "password1", "admin": True},
            "body.admin",
        ),
    ],
)
def test_extra_fields_are_422(api: str, alice: str, path: str, body: Any, field: str) -> None:
    response = requests.post(f"{api}{path}", json=body, headers=bearer(alice))
    problem = assert_problem(response, 422, "validation-error")
    assert field in error_fields(problem), problem


def test_extra_field_in_a_challenge_edit_is_422(
    api: str, alice: str, challenge: dict[str, Any]
) -> None:
    response = requests.patch(
        f"{api}/challenges/{challenge['id']}",
        json={"contribution_count": 99},
        headers=bearer(alice),
    )
    assert_problem(response, 422, "validation-error")


@pytest.mark.parametrize("text", ["a\x00b", "bell\x07", "esc\x1b[31m", "\x0bvtab", "\x00"])
@pytest.mark.parametrize("field", ["title", "brief"])
def test_control_characters_in_challenge_text_are_422(
    api: str, alice: str, field: str, text: str
) -> None:
    response = requests.post(
        f"{api}/challenges", json={**GOOD_CHALLENGE, field: text}, headers=bearer(alice)
    )
    problem = assert_problem(response, 422, "validation-error")
    assert f"body.{field}" in error_fields(problem)


@pytest.mark.parametrize("text", ["a\x00b", "\x1b[2J"])
def test_control_characters_in_account_fields_are_422(api: str, text: str) -> None:
    register = requests.post(
        f"{api}/auth/register",
        json={"username": unique("carol"), "password": "password1", "display_name": text},
    )
    assert_problem(register, 422, "validation-error")
    sign_in = requests.post(f"{api}/auth/token", json={"username": text, "password": "password1"})
    assert_problem(sign_in, 422, "validation-error")


def test_lone_surrogates_are_422(api: str, alice: str) -> None:
    raw = '{"title": "\\ud800", "roles": ["vocals"], "kind": "audio"}'
    response = requests.post(f"{api}/challenges", data=raw, headers={**JSON, **bearer(alice)})
    assert_problem(response, 422, "validation-error")


def test_blank_title_is_422_but_tabs_and_newlines_in_a_brief_are_fine(api: str, alice: str) -> None:
    blank = requests.post(
        f"{api}/challenges", json={**GOOD_CHALLENGE, "title": " \t "}, headers=bearer(alice)
    )
    assert_problem(blank, 422, "validation-error")
    fine = requests.post(
        f"{api}/challenges",
        json={**GOOD_CHALLENGE, "brief": "line one\nline\ttwo\r\n"},
        headers=bearer(alice),
    )
    assert fine.status_code == 201, fine.text


@pytest.mark.parametrize(
    "deadline", ["9999-12-31T23:59:59-01:00", "0001-01-01T00:00:00+01:00", "10000-01-01T00:00:00Z"]
)
def test_deadlines_without_a_utc_form_are_422(api: str, alice: str, deadline: str) -> None:
    response = requests.post(
        f"{api}/challenges", json={**GOOD_CHALLENGE, "deadline": deadline}, headers=bearer(alice)
    )
    assert_problem(response, 422, "validation-error")


# --- numbers out of range ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "/challenges/2147483648",
        "/challenges/99999999999999999999999999",
        "/challenges/0",
        "/challenges/-1",
        "/challenges/1e3",
        "/challenges/2147483648/contributions",
        "/contributions/9223372036854775808",
        "/contributions/18446744073709551616/media",
        "/contributions/2147483648/credits",
        "/challenges?limit=99999999999999999999",
        "/challenges?limit=-1",
    ],
)
def test_ids_and_numbers_beyond_range_are_422(api: str, path: str) -> None:
    assert_problem(requests.get(f"{api}{path}"), 422, "validation-error")


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"challenge_id": 2**64}, "body.challenge_id"),
        ({"challenge_id": 2**31}, "body.challenge_id"),
        (
            {"built_on": [{"contribution_id": 1, "offset_samples": 2**70}]},
            "body.built_on.0.offset_samples",
        ),
        (
            {"built_on": [{"contribution_id": 2**63, "offset_samples": 0}]},
            "body.built_on.0.contribution_id",
        ),
        (
            {"built_on": [{"contribution_id": 1, "offset_samples": 0, "sample_rate": 2**40}]},
            "body.built_on.0.sample_rate",
        ),
    ],
)
def test_huge_integers_in_bodies_are_422(
    api: str, alice: str, change: dict[str, Any], field: str
) -> None:
    body = {"upload_id": "0" * 32, "challenge_id": 1, "title": "t", "role": "music", **change}
    response = requests.post(
        f"{api}/contributions", json=body, headers={**bearer(alice), "Idempotency-Key": "k"}
    )
    problem = assert_problem(response, 422, "validation-error")
    assert field in error_fields(problem), problem


def test_huge_reference_contribution_id_is_422(
    api: str, alice: str, challenge: dict[str, Any]
) -> None:
    response = requests.patch(
        f"{api}/challenges/{challenge['id']}",
        json={"reference_contribution_id": 2**31},
        headers=bearer(alice),
    )
    assert_problem(response, 422, "validation-error")


# --- oversize bodies --------------------------------------------------------------------------


def _json_of_size(size: int) -> bytes:
    """A challenge body of exactly size bytes (its brief far too long to be valid)."""
    skeleton = json.dumps({**GOOD_CHALLENGE, "brief": ""}).encode()
    return skeleton.replace(b'"brief": ""', b'"brief": "' + b"x" * (size - len(skeleton)) + b'"')


def test_json_body_over_the_limit_with_content_length_is_413(
    server: LiveServer, alice: str
) -> None:
    body = _json_of_size(server.settings.max_json_bytes + 1)
    response = requests.post(
        f"{server.api}/challenges", data=body, headers={**JSON, **bearer(alice)}
    )
    assert_problem(response, 413, "payload-too-large")


def test_json_body_at_the_limit_is_read(server: LiveServer, alice: str) -> None:
    body = _json_of_size(server.settings.max_json_bytes)
    response = requests.post(
        f"{server.api}/challenges", data=body, headers={**JSON, **bearer(alice)}
    )
    problem = assert_problem(response, 422, "validation-error")
    assert "body.brief" in error_fields(problem)


def test_chunked_json_body_over_the_limit_is_413(server: LiveServer, alice: str) -> None:
    body = _json_of_size(server.settings.max_json_bytes + 1)
    pieces = iter([body[i : i + 16384] for i in range(0, len(body), 16384)])
    response = requests.post(
        f"{server.api}/challenges", data=pieces, headers={**JSON, **bearer(alice)}
    )
    assert "Content-Length" not in response.request.headers
    assert response.request.headers["Transfer-Encoding"] == "chunked"
    assert_problem(response, 413, "payload-too-large")


def test_chunked_json_body_under_the_limit_is_read(api: str, alice: str) -> None:
    body = json.dumps(GOOD_CHALLENGE).encode()
    pieces = iter([body[:10], body[10:]])
    response = requests.post(f"{api}/challenges", data=pieces, headers={**JSON, **bearer(alice)})
    assert response.status_code == 201, response.text


def test_declared_oversize_body_is_refused_before_it_is_sent(
    server: LiveServer, alice: str
) -> None:
    head = (
        "POST /api/v1/challenges HTTP/1.1\r\n"
        f"Host: {server.url.removeprefix('http://')}\r\n"
        f"Authorization: Bearer {alice}\r\n"
        "Content-Type: application/json\r\n"
        "Content-Length: 1000000000\r\n\r\n"
    ).encode()
    started = time.monotonic()
    response = raw_request(server.url, head, timeout=5)
    assert response.status == 413
    assert response.getheader("Content-Type").startswith("application/problem+json")
    assert json.loads(response.body)["type"].endswith("payload-too-large")
    assert time.monotonic() - started < 3


# --- tokens -----------------------------------------------------------------------------------


def _assert_unauthorized(response: requests.Response) -> None:
    assert_problem(response, 401, "unauthorized")
    assert response.headers["WWW-Authenticate"].startswith("Bearer")


def test_expired_token_is_401(tmp_path: Path) -> None:
    with LiveServer(tmp_path / "data", token_ttl_seconds=1) as short:
        token = sign_up(short.api)
        assert requests.get(f"{short.api}/me", headers=bearer(token)).status_code == 200
        time.sleep(1.2)
        _assert_unauthorized(requests.get(f"{short.api}/me", headers=bearer(token)))
        _assert_unauthorized(
            requests.post(f"{short.api}/challenges", json=GOOD_CHALLENGE, headers=bearer(token))
        )


def test_revoked_token_is_401(api: str) -> None:
    username = unique("dave")
    token = sign_up(api, username)
    assert requests.post(f"{api}/auth/logout", headers=bearer(token)).status_code == 204
    _assert_unauthorized(requests.get(f"{api}/me", headers=bearer(token)))
    _assert_unauthorized(
        requests.post(f"{api}/challenges", json=GOOD_CHALLENGE, headers=bearer(token))
    )
    _assert_unauthorized(requests.post(f"{api}/auth/logout", headers=bearer(token)))
    _assert_unauthorized(
        requests.post(f"{api}/uploads/", headers={**TUS, **bearer(token), "Upload-Length": "1"})
    )
    fresh = requests.post(f"{api}/auth/token", json={"username": username, "password": "x" * 8})
    assert_problem(fresh, 401, "unauthorized")


def _write_requests(api: str) -> list[tuple[str, str, dict[str, Any]]]:
    upload = f"{api}/uploads/{'0' * 32}"
    tus_patch = {**TUS, "Upload-Offset": "0", "Content-Type": OFFSET_TYPE}
    return [
        ("POST", f"{api}/challenges", {"json": GOOD_CHALLENGE}),
        ("PATCH", f"{api}/challenges/1", {"json": {"title": "x"}}),
        ("POST", f"{api}/contributions", {"json": {}, "headers": {"Idempotency-Key": "k"}}),
        ("POST", f"{api}/auth/logout", {}),
        ("GET", f"{api}/me", {}),
        ("POST", f"{api}/uploads/", {"headers": {**TUS, "Upload-Length": "1"}}),
        ("PATCH", upload, {"data": b"x", "headers": tus_patch}),
        ("HEAD", upload, {"headers": TUS}),
        ("DELETE", upload, {"headers": TUS}),
    ]


@pytest.mark.parametrize(
    "authorization",
    [None, "Bearer", "Bearer ", "Basic YWxpY2U6cGFzc3dvcmQ=", "Bearer not-a-token", "Token abc"],
)
def test_writes_without_a_valid_token_are_401(api: str, authorization: str | None) -> None:
    for method, url, kwargs in _write_requests(api):
        headers = dict(kwargs.pop("headers", {}))
        if authorization is not None:
            headers["Authorization"] = authorization
        response = requests.request(method, url, headers=headers, **kwargs)
        if method == "HEAD":
            assert response.status_code == 401, url
            assert response.headers["WWW-Authenticate"].startswith("Bearer")
        else:
            _assert_unauthorized(response)


def test_bearer_scheme_is_case_insensitive(api: str, alice: str) -> None:
    response = requests.get(f"{api}/me", headers={"Authorization": f"bearer {alice}"})
    assert response.status_code == 200


# --- other people's things --------------------------------------------------------------------


def test_contribution_from_someone_elses_upload_is_refused(
    api: str, alice: str, bob: str, challenge: dict[str, Any]
) -> None:
    upload_id = upload_file(api, alice, b"alice's take")
    body = {"upload_id": upload_id, "challenge_id": challenge["id"], "title": "t", "role": "music"}
    response = requests.post(
        f"{api}/contributions", json=body, headers={**bearer(bob), "Idempotency-Key": "bob-1"}
    )
    problem = assert_problem(response, 422, "validation-error")
    assert "body.upload_id" in error_fields(problem)


def test_editing_someone_elses_challenge_is_403(
    api: str, bob: str, challenge: dict[str, Any]
) -> None:
    response = requests.patch(
        f"{api}/challenges/{challenge['id']}", json={"title": "Mine now"}, headers=bearer(bob)
    )
    assert_problem(response, 403, "forbidden")
    assert requests.get(f"{api}/challenges/{challenge['id']}").json()["title"] != "Mine now"


# --- list parameters --------------------------------------------------------------------------


def _cursor(data: Any) -> str:
    raw = data if isinstance(data, bytes) else json.dumps(data).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


BAD_CURSORS = {
    "garbage": "!!not a cursor!!",
    "not-json": _cursor(b"plain words"),
    "not-utf8": _cursor(b"\xff\xfe\xfd"),
    "list": _cursor([1, 2]),
    "no-key": _cursor({"s": "newest"}),
    "other-sort": _cursor({"s": "oldest", "k": ["2026-01-01T00:00:00+00:00", 1]}),
    "arity": _cursor({"s": "newest", "k": ["2026-01-01T00:00:00+00:00"]}),
    "huge-id": _cursor({"s": "newest", "k": ["2026-01-01T00:00:00+00:00", 2**70]}),
    "big-id": _cursor({"s": "newest", "k": ["2026-01-01T00:00:00+00:00", 2**40]}),
    "negative-id": _cursor({"s": "newest", "k": ["2026-01-01T00:00:00+00:00", -(2**63)]}),
    "bool-id": _cursor({"s": "newest", "k": ["2026-01-01T00:00:00+00:00", True]}),
    "float-id": _cursor({"s": "newest", "k": ["2026-01-01T00:00:00+00:00", 1.5]}),
    "naive-time": _cursor({"s": "newest", "k": ["2026-01-01T00:00:00", 1]}),
    "bad-time": _cursor({"s": "newest", "k": ["yesterday", 1]}),
    "time-overflow": _cursor({"s": "newest", "k": ["9999-12-31T23:59:59-05:00", 1]}),
    "number-time": _cursor({"s": "newest", "k": [12, 1]}),
    "huge-count": _cursor({"s": "most_contributed", "k": [2**64, 1]}),
    "too-long": "A" * 513,
    "non-ascii": "\u00e9\u00e9",
    "nul": "ab\x00cd",
}


@pytest.mark.parametrize("name", list(BAD_CURSORS))
def test_bad_cursors_are_422(api: str, name: str) -> None:
    cursor = BAD_CURSORS[name]
    sort = "most_contributed" if name == "huge-count" else "newest"
    response = requests.get(f"{api}/challenges", params={"cursor": cursor, "sort": sort})
    problem = assert_problem(response, 422, "validation-error")
    assert "query.cursor" in error_fields(problem), problem


@pytest.mark.parametrize(
    "cursor",
    [
        _cursor({"s": "contributions", "k": [2**40]}),
        _cursor({"s": "contributions", "k": ["1"]}),
        _cursor({"s": "newest", "k": [1]}),
    ],
)
def test_bad_contribution_list_cursors_are_422(
    api: str, challenge: dict[str, Any], cursor: str
) -> None:
    response = requests.get(
        f"{api}/challenges/{challenge['id']}/contributions", params={"cursor": cursor}
    )
    assert_problem(response, 422, "validation-error")


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("limit", "0"),
        ("limit", "101"),
        ("limit", "-1"),
        ("limit", "ten"),
        ("limit", "1.5"),
        ("sort", "popular"),
        ("sort", ""),
        ("role", "drums"),
        ("kind", "image"),
        ("status", "draft"),
        ("q", "x" * 201),
    ],
)
def test_bad_query_values_are_422(api: str, name: str, value: str) -> None:
    problem = assert_problem(
        requests.get(f"{api}/challenges", params={name: value}), 422, "validation-error"
    )
    assert f"query.{name}" in error_fields(problem), problem


def test_awkward_search_text_is_no_error(api: str) -> None:
    for q in ['"', "*", "AND", "OR NOT", "NEAR(", "a'b", "foo:*", "!x", "(", "_", "\x00", "é"]:
        response = requests.get(f"{api}/challenges", params={"q": q})
        assert response.status_code == 200, (q, response.text)


# --- media ranges -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "spec", ["bytes=1000-", "bytes=5000-6000", "bytes=-0", "bytes=" + "9" * 30 + "-"]
)
def test_range_past_the_end_is_416(contribution: dict[str, Any], spec: str) -> None:
    response = requests.get(contribution["media_url"], headers={"Range": spec})
    assert_problem(response, 416, "range-not-satisfiable")
    assert response.headers["Content-Range"] == "bytes */1000"


@pytest.mark.parametrize(
    "spec",
    [
        "bytes=5-2",
        "bytes=abc",
        "items=0-5",
        "bytes=--5",
        "bytes=+5-",
        "bytes=0-5,2000-3000",
        "bytes=0-1,4-5",
        "bytes=" + "9" * 5000 + "-",
    ],
)
def test_malformed_or_multiple_ranges_are_ignored(contribution: dict[str, Any], spec: str) -> None:
    response = requests.get(contribution["media_url"], headers={"Range": spec})
    assert response.status_code == 200
    assert response.content == b"0123456789" * 100


# --- contributions ----------------------------------------------------------------------------


def test_idempotency_key_reused_with_another_body_is_422(
    api: str, alice: str, challenge: dict[str, Any]
) -> None:
    key = unique("retry-")
    first = new_contribution(api, alice, challenge["id"], key=key)
    same = {
        "upload_id": upload_file(api, alice, b"second file"),
        "challenge_id": challenge["id"],
        "title": "Take",
        "role": "music",
        "built_on": [],
    }
    response = requests.post(
        f"{api}/contributions", json=same, headers={**bearer(alice), "Idempotency-Key": key}
    )
    assert_problem(response, 422, "idempotency-conflict")
    assert first["id"]


@pytest.mark.parametrize("key", ["", "has space", "x" * 201, "caf\u00e9", "tab\there"])
def test_malformed_idempotency_keys_are_422(
    api: str, alice: str, challenge: dict[str, Any], key: str
) -> None:
    body = {"upload_id": "0" * 32, "challenge_id": challenge["id"], "title": "t", "role": "music"}
    response = requests.post(
        f"{api}/contributions",
        json=body,
        headers={**bearer(alice), "Idempotency-Key": key.encode("latin-1")},
    )
    assert_problem(response, 422, "validation-error")


def test_missing_idempotency_key_is_422(api: str, alice: str, challenge: dict[str, Any]) -> None:
    body = {"upload_id": "0" * 32, "challenge_id": challenge["id"], "title": "t", "role": "music"}
    response = requests.post(f"{api}/contributions", json=body, headers=bearer(alice))
    assert_problem(response, 422, "validation-error")


def test_contribution_from_an_unfinished_upload_is_409(
    api: str, alice: str, challenge: dict[str, Any]
) -> None:
    url = create_upload(api, alice, 10)
    assert patch_chunk(url, alice, 0, b"01234").status_code == 204
    body = {
        "upload_id": url.rsplit("/", 1)[1],
        "challenge_id": challenge["id"],
        "title": "t",
        "role": "music",
    }
    response = requests.post(
        f"{api}/contributions", json=body, headers={**bearer(alice), "Idempotency-Key": unique("k")}
    )
    problem = assert_problem(response, 409, "upload-incomplete")
    assert "5 of 10" in problem["detail"]


def test_an_upload_becomes_at_most_one_contribution(
    api: str, alice: str, challenge: dict[str, Any]
) -> None:
    used = upload_file(api, alice, b"only once")
    new_contribution(api, alice, challenge["id"], upload_id=used)
    body = {"upload_id": used, "challenge_id": challenge["id"], "title": "t", "role": "music"}
    response = requests.post(
        f"{api}/contributions", json=body, headers={**bearer(alice), "Idempotency-Key": unique("k")}
    )
    assert_problem(response, 409, "conflict")


def test_lineage_naming_a_missing_contribution_is_422_naming_the_index(
    api: str, alice: str, challenge: dict[str, Any], contribution: dict[str, Any]
) -> None:
    body = {
        "upload_id": upload_file(api, alice, b"layered"),
        "challenge_id": challenge["id"],
        "title": "Layered",
        "role": "vocals",
        "built_on": [
            {"contribution_id": contribution["id"], "offset_samples": 0},
            {"contribution_id": 999_999, "offset_samples": -48000},
        ],
    }
    response = requests.post(
        f"{api}/contributions", json=body, headers={**bearer(alice), "Idempotency-Key": unique("k")}
    )
    problem = assert_problem(response, 422, "validation-error")
    assert error_fields(problem) == {"body.built_on.1.contribution_id"}
    assert "999999" in problem["detail"]


def test_contribution_to_a_closed_or_missing_challenge_is_refused(api: str, alice: str) -> None:
    closed = new_challenge(api, alice, status="closed")
    upload_id = upload_file(api, alice, b"late take")
    for challenge_id, status in ((closed["id"], 409), (999_999, 422)):
        body = {"upload_id": upload_id, "challenge_id": challenge_id, "title": "t", "role": "music"}
        response = requests.post(
            f"{api}/contributions",
            json=body,
            headers={**bearer(alice), "Idempotency-Key": unique("k")},
        )
        assert_problem(response, status)


# --- routing ----------------------------------------------------------------------------------


def test_unknown_paths_and_methods_are_problems(api: str, challenge: dict[str, Any]) -> None:
    assert_problem(requests.get(f"{api}/nothing-here"), 404, "not-found")
    assert_problem(requests.get(f"{api}/challenges/999999"), 404, "not-found")
    assert_problem(requests.get(f"{api}/contributions/999999/credits"), 404, "not-found")
    assert_problem(
        requests.delete(f"{api}/challenges/{challenge['id']}"), 405, "method-not-allowed"
    )
