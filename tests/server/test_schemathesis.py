"""Schema-driven fuzzing: schemathesis generates valid and invalid requests for every operation
in the server's own OpenAPI document and sends them, signed in, to a live server. Whatever it
sends, the server must never answer 5xx; and its answers must be the ones the document lists
(status codes, content types, headers, body schemas)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis import checks

from hitrecord_desktop.server.openapi_doc import render_openapi
from tests.support.live_server import LiveServer

from .api_helpers import (
    OFFSET_TYPE,
    PASSWORD,
    bearer,
    new_challenge,
    new_contribution,
    sign_in,
    sign_up,
)

USERNAME = "fuzzer"


@pytest.fixture(scope="module")
def fuzz_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """A server with a little of everything, so generated small ids often hit real rows."""
    data_dir: Path = tmp_path_factory.mktemp("fuzz") / "data"
    with LiveServer(data_dir, max_upload_bytes=64 * 1024) as server:
        token = sign_up(server.api, USERNAME)
        for _ in range(3):
            challenge = new_challenge(server.api, token, roles=["music", "vocals"])
            first = new_contribution(server.api, token, challenge["id"])
            new_contribution(
                server.api,
                token,
                challenge["id"],
                built_on=[{"contribution_id": first["id"], "offset_samples": 0}],
            )
        yield server


@pytest.fixture(scope="module")
def token(fuzz_server: LiveServer) -> str:
    return sign_in(fuzz_server.api, USERNAME)


# The document is loaded when the module is collected, from the same code the live server runs
# (test_the_live_server_serves_this_document checks that they agree). schemathesis's lazy
# loader, `schemathesis.pytest.from_fixture`, would fetch it from the live server instead, but
# fails under pytest 9 ("'Function' object has no attribute '_nodeid'").
DOCUMENT = json.loads(render_openapi())
schema = schemathesis.openapi.from_dict(DOCUMENT)
# tus chunks are plain bytes; schemathesis knows how to send those as application/octet-stream.
schemathesis.serializer.alias(OFFSET_TYPE, "application/octet-stream")
CHECKS = [
    checks.not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_headers_conformance,
    checks.response_schema_conformance,
]


@schema.parametrize()
@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
    database=None,
)
def test_no_operation_answers_5xx(
    case: schemathesis.Case, fuzz_server: LiveServer, token: str
) -> None:
    # Signing out revokes the token it is sent with: give that operation a token of its own.
    if case.path.endswith("/auth/logout"):
        auth = bearer(sign_in(fuzz_server.api, USERNAME, PASSWORD))
    else:
        auth = bearer(token)
    case.call_and_validate(
        base_url=fuzz_server.url,
        headers=auth,
        checks=CHECKS,
        timeout=30,
    )


def test_the_live_server_serves_this_document(fuzz_server: LiveServer) -> None:
    assert requests.get(f"{fuzz_server.api}/openapi.json").json() == DOCUMENT


def test_the_fuzzer_stayed_signed_in(fuzz_server: LiveServer, token: str) -> None:
    """The run above used a live token throughout (else it fuzzed only the 401 path)."""
    assert requests.get(f"{fuzz_server.api}/me", headers=bearer(token)).status_code == 200
