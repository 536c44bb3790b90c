"""One JSON line per request on stderr, and an audit line for every override.

Log collectors (journald, Loki, CloudWatch, Elasticsearch) read JSON lines as they are;
the ``event`` key tells request lines from audit lines.
"""

from __future__ import annotations

import json
import logging
import sys
import time
from typing import Any

_log = logging.getLogger("rolint.http")


def setup() -> None:
    """Send ``rolint.http`` lines to stderr, bare (each line is already JSON)."""
    if any(getattr(h, "_rolint", False) for h in _log.handlers):
        return
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(message)s"))
    handler._rolint = True  # type: ignore[attr-defined]
    _log.addHandler(handler)
    _log.setLevel(logging.INFO)
    _log.propagate = False


def event(name: str, **fields: Any) -> None:
    line = {"ts": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "event": name, **fields}
    _log.info(json.dumps(line, ensure_ascii=False, default=str))
