"""The committed OpenAPI document (resources/openapi.json) is the one the code produces, and it
describes what the tus endpoints and the problem answers really carry."""

from __future__ import annotations

import difflib
import json
from pathlib import Path
from typing import Any

import pytest

from hitrecord_desktop.server.openapi_doc import render_openapi

COMMITTED = Path(__file__).resolve().parents[2] / "resources" / "openapi.json"
PROBLEM = {"$ref": "#/components/schemas/ProblemOut"}


@pytest.fixture(scope="module")
def rendered() -> str:
    return render_openapi()


@pytest.fixture(scope="module")
def document(rendered: str) -> dict[str, Any]:
    return json.loads(rendered)


def test_committed_document_is_current(rendered: str) -> None:
    committed = COMMITTED.read_text(encoding="utf-8") if COMMITTED.exists() else ""
    if committed != rendered:
        diff = difflib.unified_diff(
            committed.splitlines(), rendered.splitlines(), "committed", "code", lineterm="", n=1
        )
        shown = "\n".join(list(diff)[:40])
        pytest.fail(
            f"{COMMITTED} is out of date with the server code: run `make openapi` and commit "
            f"the result.\n{shown}"
        )


def _operations(document: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (method.upper(), path, operation)
        for path, operations in document["paths"].items()
        for method, operation in operations.items()
    ]


def test_every_error_answer_is_a_problem_detail(document: dict[str, Any]) -> None:
    for method, path, operation in _operations(document):
        responses = operation["responses"]
        assert "default" in responses, f"{method} {path} documents no default (error) answer"
        for status, response in responses.items():
            if status == "default" or int(status) >= 400:
                assert response["content"] == {"application/problem+json": {"schema": PROBLEM}}, (
                    f"{method} {path} {status}"
                )
    assert "HTTPValidationError" not in document["components"]["schemas"]


def _header_parameters(operation: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {p["name"]: p for p in operation.get("parameters", []) if p["in"] == "header"}


@pytest.mark.parametrize(
    ("method", "required", "optional"),
    [
        ("post", {"Tus-Resumable", "Upload-Length"}, {"Upload-Metadata"}),
        ("head", {"Tus-Resumable"}, set()),
        ("patch", {"Tus-Resumable", "Upload-Offset"}, {"Upload-Checksum"}),
        ("delete", {"Tus-Resumable"}, set()),
    ],
)
def test_tus_request_headers_are_documented(
    document: dict[str, Any], method: str, required: set[str], optional: set[str]
) -> None:
    path = "/api/v1/uploads/" if method == "post" else "/api/v1/uploads/{upload_id}"
    headers = _header_parameters(document["paths"][path][method])
    assert {name for name, p in headers.items() if p["required"]} == required
    assert {name for name, p in headers.items() if not p["required"]} == optional
    assert headers["Tus-Resumable"]["schema"]["enum"] == ["1.0.0"]
    assert all(p.get("description") for p in headers.values())


def test_tus_bodies_and_answers_are_documented(document: dict[str, Any]) -> None:
    uploads = document["paths"]["/api/v1/uploads/"]
    upload = document["paths"]["/api/v1/uploads/{upload_id}"]
    chunk = {"application/offset+octet-stream": {"schema": {"type": "string", "format": "binary"}}}
    assert upload["patch"]["requestBody"] == {"required": True, "content": chunk}
    assert uploads["post"]["requestBody"] == {"required": False, "content": chunk}
    assert {"Location", "Upload-Expires"} <= set(uploads["post"]["responses"]["201"]["headers"])
    assert {"Upload-Offset", "Upload-Length", "Cache-Control"} <= set(
        upload["head"]["responses"]["200"]["headers"]
    )
    assert "content" not in upload["head"]["responses"]["200"]
    assert "Upload-Offset" in upload["patch"]["responses"]["204"]["headers"]
    assert {"Tus-Version", "Tus-Extension", "Tus-Max-Size", "Tus-Checksum-Algorithm"} <= set(
        uploads["options"]["responses"]["204"]["headers"]
    )
    for operation in (*upload.values(), uploads["post"]):
        assert {"404", "409", "412", "413", "460"} <= set(operation["responses"])


def test_writes_and_me_declare_bearer_auth(document: dict[str, Any]) -> None:
    assert document["components"]["securitySchemes"]["HTTPBearer"]["scheme"] == "bearer"
    for method, path, operation in _operations(document):
        signed_in = method in ("POST", "PATCH", "DELETE") or path.startswith("/api/v1/uploads/{")
        if path.endswith(("/auth/register", "/auth/token")) or method == "OPTIONS":
            signed_in = False
        signed_in = signed_in or path == "/api/v1/me"
        assert ("security" in operation) == signed_in, f"{method} {path}"
