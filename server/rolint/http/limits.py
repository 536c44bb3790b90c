"""The body limit, as ASGI middleware in front of everything else.

A request that declares a ``Content-Length`` over the limit is answered 413 at once,
before a byte of its body is read; a chunked one is counted as it arrives and cut off
with 413 the moment it passes the limit. Either way the body is never held whole.
"""

from __future__ import annotations

from typing import Any

from .problems import MEDIA_TYPE, problem_body

Scope = dict[str, Any]
Message = dict[str, Any]


class BodyTooLarge(Exception):
    """Raised by ``receive`` once a chunked body passes the limit (routes that read the
    body catch it and answer 413 themselves, before Starlette's error handler sees it)."""

    def __init__(self, limit: int) -> None:
        super().__init__(limit)
        self.limit = limit


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", ()):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


async def send_413(send: Any, limit: int) -> None:
    body = problem_body(
        413,
        "Cerere prea mare",
        f"corpul cererii depășește limita de {limit} octeți",
        limit=limit,
    )
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [
                (b"content-type", MEDIA_TYPE.encode()),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


class BodyLimit:
    """Refuse request bodies over ``limit`` bytes with 413 (problem+json)."""

    def __init__(self, app: Any, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = _content_length(scope)
        if declared is not None and declared > self.limit:
            await send_413(send, self.limit)
            return
        seen = 0
        started = False

        async def counted_receive() -> Message:
            nonlocal seen
            message: Message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    raise BodyTooLarge(self.limit)
            return message

        async def tracked_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counted_receive, tracked_send)
        except BodyTooLarge:
            if not started:
                await send_413(send, self.limit)
