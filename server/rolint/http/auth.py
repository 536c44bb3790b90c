"""Who may call: a bearer token and, optionally, Standard Webhooks signatures.

Both comparisons are constant-time (:func:`hmac.compare_digest`) so that the time an
answer takes says nothing about how much of a guess was right. A signed request is
accepted once: its ``webhook-id`` is remembered for as long as its timestamp is inside
the window (:class:`SeenIds`), so a captured request cannot be sent again.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import time
from collections.abc import Mapping

TOLERANCE_S = 5 * 60  # Standard Webhooks: a timestamp more than 5 minutes off is refused
MAX_SEEN_IDS = 250_000  # 10 minutes of ids at ~400 signed requests/s; ~30 MB at most


def bearer_ok(header: str | None, token: str) -> bool:
    """True when ``Authorization`` carries ``Bearer <token>`` (scheme case-insensitive)."""
    if not header:
        return False
    scheme, _, given = header.partition(" ")
    if scheme.lower() != "bearer":
        return False
    return hmac.compare_digest(given.strip().encode("utf-8"), token.encode("utf-8"))


def secret_key(secret: str) -> bytes:
    """The HMAC key of a Standard Webhooks secret: ``whsec_<base64>``, or the raw text."""
    if secret.startswith("whsec_"):
        try:
            return base64.b64decode(secret[len("whsec_") :], validate=True)
        except binascii.Error:
            raise ValueError("ROLINT_SERVE_HMAC_SECRET: whsec_ urmat de base64 invalid") from None
    return secret.encode("utf-8")


def sign(key: bytes, msg_id: str, timestamp: str, body: bytes) -> str:
    """The ``v1,<base64>`` signature of one request (what a client sends)."""
    content = msg_id.encode() + b"." + timestamp.encode() + b"." + body
    digest = hmac.new(key, content, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode()


def signature_problem(
    key: bytes,
    headers: Mapping[str, str],
    body: bytes,
    now: float | None = None,
    seen: SeenIds | None = None,
) -> str | None:
    """None when the request is signed with ``key`` (and, given ``seen``, its id is new);
    else why not (Romanian)."""
    msg_id = headers.get("webhook-id")
    stamp = headers.get("webhook-timestamp")
    given = headers.get("webhook-signature")
    if not (msg_id and stamp and given):
        return "lipsesc antetele webhook-id, webhook-timestamp sau webhook-signature"
    if not stamp.isdigit() or len(stamp) > 12:
        return "webhook-timestamp trebuie să fie secunde Unix"
    now = time.time() if now is None else now
    if abs(now - int(stamp)) > TOLERANCE_S:
        return "webhook-timestamp e mai vechi sau mai nou de 5 minute"
    expected = sign(key, msg_id, stamp, body).encode()
    if not any(
        hmac.compare_digest(candidate.encode("utf-8", "replace"), expected)
        for candidate in given.split()
    ):
        return "semnătură invalidă"
    if seen is not None and not seen.first_use(msg_id, int(stamp), now):
        return "webhook-id a mai fost folosit: cererea semnată nu poate fi trimisă din nou"
    return None


class SeenIds:
    """The ``webhook-id`` of every signed request accepted while its timestamp is valid.

    An id is forgotten once its timestamp leaves the window: from then on the timestamp
    check refuses a replay by itself, so memory is bounded by the request rate times
    ten minutes. Past ``limit`` ids (a flood) the oldest are forgotten first, which
    reopens replay only for them; the limit is far above what one process can check.
    One process's memory: with ``--workers N`` or replicas, a replay sent to another
    process is not caught (documented in the README).
    """

    def __init__(self, limit: int = MAX_SEEN_IDS) -> None:
        self._expiry: dict[str, float] = {}
        self._limit = limit

    def __len__(self) -> int:
        return len(self._expiry)

    def first_use(self, msg_id: str, stamp: int, now: float) -> bool:
        """Remember ``msg_id``; False when it was already used inside the window."""
        if msg_id in self._expiry and self._expiry[msg_id] >= now:
            return False
        if len(self._expiry) >= self._limit:
            self._forget(now)
        self._expiry[msg_id] = stamp + TOLERANCE_S
        return True

    def _forget(self, now: float) -> None:
        """Drop expired ids; if that is not enough, the oldest half (insertion order)."""
        self._expiry = {k: t for k, t in self._expiry.items() if t >= now}
        if len(self._expiry) >= self._limit:
            keep = list(self._expiry.items())[len(self._expiry) // 2 :]
            self._expiry = dict(keep)
