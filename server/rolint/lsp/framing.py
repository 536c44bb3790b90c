"""LSP base-protocol framing: a byte stream cut into message bodies, recovering from
broken framing instead of going deaf.

pygls' reader trusts every ``Content-Length``: one message whose length is larger than
its body makes it swallow the next message as the rest of that body and wait forever.
:class:`Framer` resynchronises instead. The rule it relies on: the bytes
``Content-Length: N`` followed by a raw CR LF can never occur inside a valid JSON
body (JSON forbids raw control characters inside strings, and outside strings those
letters are no JSON token). So when such a header appears inside the bytes a body
claims, that body was cut short: it is reported as broken and reading goes on at the
header. A body shorter than its length is then a parse error for its sender, and
junk between messages is skipped (and reported once per stretch).

Plain data in, events out; no I/O here (the read loops live in
:mod:`rolint.lsp.transport`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

HEADER = re.compile(rb"Content-Length[ \t]*:[ \t]*(\d{1,12})[ \t]*\r\n", re.IGNORECASE)
HEADER_END = b"\r\n\r\n"
MAX_HEADER_BYTES = 8192  # a header block longer than this without its blank line is junk
_KEEP = 64  # bytes kept from junk that may be the start of a header still arriving


@dataclass(frozen=True)
class Body:
    """One complete message body, as the sender framed it."""

    data: bytes


@dataclass(frozen=True)
class Broken:
    """Bytes that are no message: a body cut short by the next header, or junk."""

    reason: str
    size: int


Event = Body | Broken


class Framer:
    """Feed it bytes as they arrive; it yields each complete body or broken stretch."""

    def __init__(self) -> None:
        self._buf = bytearray()
        self._scanned = 0  # body bytes already searched for a header (resync)

    def feed(self, data: bytes) -> Iterator[Event]:
        self._buf += data
        while True:
            event = self._next()
            if event is None:
                return
            yield event

    def _next(self) -> Event | None:
        buf = self._buf
        match = HEADER.search(buf)
        if match is None:
            return self._junk_only()
        if match.start() > 0:
            junk = bytes(buf[: match.start()])
            del buf[: match.start()]
            self._scanned = 0
            if junk.strip():
                return Broken("octeți fără antet Content-Length, ignorați", len(junk))
            return self._next()
        end = buf.find(HEADER_END, match.end() - 2)
        if end < 0:
            if len(buf) > MAX_HEADER_BYTES:
                del buf[: match.end()]
                return Broken("antet fără linie goală la sfârșit", match.end())
            return None
        start = end + len(HEADER_END)
        length = int(match.group(1))
        # Resync: a header inside the claimed body means this body was cut short.
        scan_from = max(start, start + self._scanned - _KEEP)
        limit = min(len(buf), start + length)
        cut = HEADER.search(buf, scan_from, limit + _KEEP) if limit > start else None
        if cut is not None and cut.start() < start + length:
            size = cut.start() - start
            del buf[: cut.start()]
            self._scanned = 0
            return Broken(
                f"mesaj trunchiat: Content-Length {length}, dar după {size} octeți "
                "urmează alt antet",
                size,
            )
        if len(buf) < start + length:
            self._scanned = len(buf) - start
            return None
        body = bytes(buf[start : start + length])
        del buf[: start + length]
        self._scanned = 0
        return Body(body)

    def _junk_only(self) -> Event | None:
        """No header in the buffer: keep a tail that may be a header's beginning."""
        buf = self._buf
        if len(buf) <= _KEEP:
            return None
        junk = bytes(buf[:-_KEEP])
        del buf[:-_KEEP]
        if junk.strip():
            return Broken("octeți fără antet Content-Length, ignorați", len(junk))
        return None
