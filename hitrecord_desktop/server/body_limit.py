"""Refuses oversize request bodies before they are read into memory."""

from __future__ import annotations

import json
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .problems import PROBLEM_BASE, PROBLEM_MEDIA_TYPE, ProblemError


class BodyTooLarge(ProblemError):
    def __init__(self, limit: int) -> None:
        super().__init__(
            413,
            "payload-too-large",
            "Request too large",
            f"The request body is larger than this endpoint takes ({limit} bytes).",
        )


class BodyLimitMiddleware:
    """Caps bodies at `limit` bytes, except on paths under `exempt_prefix` (tus uploads check
    their own, much larger, limit against Upload-Length)."""

    def __init__(self, app: ASGIApp, limit: int, exempt_prefix: str) -> None:
        self.app = app
        self.limit = limit
        self.exempt_prefix = exempt_prefix

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"].startswith(self.exempt_prefix):
            await self.app(scope, receive, send)
            return
        declared = _content_length(scope)
        if declared is not None and declared > self.limit:
            await _send_problem(scope, send, self.limit)
            return
        seen = 0
        limit = self.limit

        async def counted_receive() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise BodyTooLarge(limit)
            return message

        await self.app(scope, counted_receive, send)


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", []):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


async def _send_problem(scope: Scope, send: Send, limit: int) -> None:
    body: dict[str, Any] = {
        "type": PROBLEM_BASE + "payload-too-large",
        "title": "Request too large",
        "status": 413,
        "detail": f"The request body is larger than this endpoint takes ({limit} bytes).",
        "instance": scope["path"],
    }
    payload = json.dumps(body).encode()
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [
                (b"content-type", PROBLEM_MEDIA_TYPE.encode()),
                (b"content-length", str(len(payload)).encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": payload})
