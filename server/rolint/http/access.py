"""Request ids, the per-request JSON log line and the request counter (ASGI middleware)."""

from __future__ import annotations

import re
import time
import uuid
from typing import Any

from . import logs
from .metrics import Metrics

_REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{1,64}")
_ROUTES = (
    "/v1/check",
    "/v1/fix",
    "/v1/rules",
    "/livez",
    "/healthz",
    "/readyz",
    "/metrics",
    "/openapi.json",
    "/",
)


def route_label(path: str) -> str:
    """A bounded label for metrics: the route template, or ``other``."""
    if path in _ROUTES:
        return path
    if path.startswith("/v1/rules/"):
        return "/v1/rules/{family}/{name}"
    if path.startswith("/static/"):
        return "/static"
    return "other"


class AccessLog:
    """Gives every request an id (``X-Request-Id``, the client's if it sent a sane one),
    counts it, and writes its log line with what the route noted (document, verdict)."""

    def __init__(self, app: Any, metrics: Metrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        given = dict(scope.get("headers", ())).get(b"x-request-id", b"").decode("latin-1")
        request_id = given if _REQUEST_ID.fullmatch(given) else uuid.uuid4().hex
        state = scope.setdefault("state", {})
        state["log"] = {}
        status = 500
        start = time.perf_counter()

        async def send_with_id(message: dict[str, Any]) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                headers = list(message.get("headers", ()))
                headers.append((b"x-request-id", request_id.encode()))
                message = {**message, "headers": headers}
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            path = scope.get("path", "")
            self.metrics.requests.labels(route_label(path), str(status)).inc()
            logs.event(
                "request",
                request_id=request_id,
                method=scope.get("method"),
                path=route_label(path),
                status=status,
                latency_ms=round((time.perf_counter() - start) * 1000, 2),
                **state["log"],
            )
