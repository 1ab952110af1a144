"""ETags and If-None-Match for JSON bodies, so clients re-fetching lists pay nothing for no news."""

from __future__ import annotations

import hashlib

from fastapi import Request, Response
from pydantic import BaseModel


def if_none_match_hits(request: Request, etag: str) -> bool:
    """RFC 9110 weak comparison of etag against the request's If-None-Match."""
    header = request.headers.get("if-none-match")
    if not header:
        return False
    if header.strip() == "*":
        return True
    wanted = etag.removeprefix("W/")
    return any(tag.strip().removeprefix("W/") == wanted for tag in header.split(","))


def json_with_etag(request: Request, body: BaseModel) -> Response:
    payload = body.model_dump_json().encode()
    etag = f'W/"{hashlib.sha256(payload).hexdigest()[:32]}"'
    headers = {"ETag": etag, "Cache-Control": "no-cache"}
    if if_none_match_hits(request, etag):
        return Response(status_code=304, headers=headers)
    return Response(content=payload, media_type="application/json", headers=headers)
