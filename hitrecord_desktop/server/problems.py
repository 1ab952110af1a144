"""Errors as RFC 9457 problem details, so every failure carries a message a person can act on."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

PROBLEM_BASE = "https://hitrecord.invalid/problems/"
PROBLEM_MEDIA_TYPE = "application/problem+json"

log = logging.getLogger(__name__)

_STATUS_SLUGS = {
    400: ("bad-request", "Bad request"),
    401: ("unauthorized", "Sign-in required"),
    403: ("forbidden", "Not allowed"),
    404: ("not-found", "Not found"),
    405: ("method-not-allowed", "Method not allowed"),
    409: ("conflict", "Conflict"),
    410: ("upload-expired", "Gone"),
    412: ("precondition-failed", "Precondition failed"),
    413: ("payload-too-large", "Too large"),
    415: ("unsupported-media-type", "Unsupported media type"),
    416: ("range-not-satisfiable", "Range not satisfiable"),
    422: ("validation-error", "Invalid request"),
    423: ("locked", "Busy"),
    429: ("rate-limited", "Too many requests"),
}


class ProblemError(Exception):
    """Raised anywhere in a request to answer with a problem detail."""

    def __init__(
        self,
        status: int,
        slug: str,
        title: str,
        detail: str,
        *,
        errors: list[dict[str, str]] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.slug = slug
        self.title = title
        self.detail = detail
        self.errors = errors
        self.headers = headers or {}


def problem_response(
    request: Request,
    status: int,
    slug: str,
    title: str,
    detail: str,
    *,
    errors: list[dict[str, str]] | None = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    body: dict[str, Any] = {
        "type": PROBLEM_BASE + slug,
        "title": title,
        "status": status,
        "detail": detail,
        "instance": request.url.path,
    }
    if errors:
        body["errors"] = errors
    return JSONResponse(body, status_code=status, headers=headers, media_type=PROBLEM_MEDIA_TYPE)


def _field_name(loc: tuple[Any, ...] | list[Any]) -> str:
    return ".".join(str(part) for part in loc)


def _validation_errors(exc: RequestValidationError) -> list[dict[str, str]]:
    return [
        {"field": _field_name(err.get("loc", ())), "message": str(err.get("msg", "invalid"))}
        for err in exc.errors()
    ]


def install_problem_handlers(app: FastAPI) -> None:
    """Turns every error FastAPI or our code raises into a problem detail."""

    @app.exception_handler(ProblemError)
    async def _problem(request: Request, exc: ProblemError) -> JSONResponse:
        return problem_response(
            request,
            exc.status,
            exc.slug,
            exc.title,
            exc.detail,
            errors=exc.errors,
            headers=exc.headers,
        )

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> JSONResponse:
        raw = exc.errors()
        if any(err.get("type") == "json_invalid" for err in raw):
            reason = next(
                str(err.get("ctx", {}).get("error", "invalid JSON"))
                for err in raw
                if err.get("type") == "json_invalid"
            )
            return problem_response(
                request,
                400,
                "malformed-json",
                "Malformed JSON",
                f"The request body is not valid JSON ({reason}).",
            )
        errors = _validation_errors(exc)
        detail = "; ".join(f"{e['field']}: {e['message']}" for e in errors[:5])
        return problem_response(
            request, 422, "validation-error", "Invalid request", detail, errors=errors
        )

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        slug, title = _STATUS_SLUGS.get(exc.status_code, ("error", "Error"))
        detail = exc.detail if isinstance(exc.detail, str) else title
        if exc.status_code == 404 and detail == "Not Found":
            detail = f"There is nothing at {request.url.path}."
        if exc.status_code == 405:
            detail = f"{request.method} is not allowed on {request.url.path}."
        return problem_response(
            request, exc.status_code, slug, title, detail, headers=dict(exc.headers or {})
        )

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return problem_response(
            request,
            500,
            "internal-error",
            "Server error",
            "The server failed to handle this request; it has been logged.",
        )


def document_problems(document: dict[str, Any]) -> dict[str, Any]:
    """Fixes the OpenAPI document's error answers in place: FastAPI lists each
    `{"model": ProblemOut}` response as application/json, but problems go out as
    application/problem+json; and every operation may also answer other errors (405, 413,
    500), all as problem details, which a `default` response says."""
    schema = {"$ref": "#/components/schemas/ProblemOut"}
    for operations in document.get("paths", {}).values():
        for operation in operations.values():
            responses = operation.setdefault("responses", {})
            for response in responses.values():
                content = response.get("content", {})
                if content.get("application/json", {}).get("schema") == schema:
                    content[PROBLEM_MEDIA_TYPE] = content.pop("application/json")
            responses.setdefault(
                "default",
                {
                    "description": "Any other error, as a problem detail (RFC 9457).",
                    "content": {PROBLEM_MEDIA_TYPE: {"schema": schema}},
                },
            )
    return document


def not_found(what: str, ident: object) -> ProblemError:
    return ProblemError(404, "not-found", "Not found", f"There is no {what} with id {ident}.")


def conflict(detail: str, slug: str = "conflict") -> ProblemError:
    return ProblemError(409, slug, "Conflict", detail)


def invalid(field: str, message: str) -> ProblemError:
    return ProblemError(
        422,
        "validation-error",
        "Invalid request",
        f"{field}: {message}",
        errors=[{"field": field, "message": message}],
    )
