"""Refuses oversize request bodies before they are read into memory."""

from __future__ import annotations

import json
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .problems import PROBLEM_BASE, PROBLEM_MEDIA_TYPE


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
        # A chunked body declares no length: read it here, counting, and hand it on whole.
        # (Raising from inside receive() instead reached FastAPI's body parser, which turns
        # any error into a 400.) Bodies under this limit are JSON, read whole anyway.
        chunks: list[bytes] = []
        seen = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                break  # the client went away; the app sees the disconnect below
            chunks.append(message.get("body", b""))
            seen += len(chunks[-1])
            if seen > self.limit:
                await _send_problem(scope, send, self.limit)
                return
            if not message.get("more_body", False):
                message = {"type": "http.request", "body": b"".join(chunks), "more_body": False}
                break
        pending: list[Message] = [message]

        async def replay_receive() -> Message:
            if pending:
                return pending.pop()
            return await receive()

        await self.app(scope, replay_receive, send)


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
