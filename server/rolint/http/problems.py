"""Errors as RFC 9457 problem details (``application/problem+json``), never a traceback."""

from __future__ import annotations

import json
from typing import Any

from starlette.responses import Response

MEDIA_TYPE = "application/problem+json"
_SLUGS = {
    400: "bad-request",
    401: "unauthorized",
    404: "not-found",
    405: "method-not-allowed",
    413: "too-large",
    415: "unsupported-media-type",
    422: "invalid-request",
    429: "busy",
    500: "internal-error",
    503: "unavailable",
}


def problem_body(status: int, title: str, detail: str, **extra: Any) -> bytes:
    body: dict[str, Any] = {
        "type": f"urn:rolint:problem:{_SLUGS.get(status, 'error')}",
        "title": title,
        "status": status,
        "detail": detail,
        **extra,
    }
    return json.dumps(body).encode("utf-8")  # ASCII escapes: safe for any input echoed


def problem(
    status: int, title: str, detail: str, headers: dict[str, str] | None = None, **extra: Any
) -> Response:
    return Response(
        problem_body(status, title, detail, **extra),
        status_code=status,
        media_type=MEDIA_TYPE,
        headers=headers,
    )
