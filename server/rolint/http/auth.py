"""Who may call: a bearer token and, optionally, Standard Webhooks signatures.

Both comparisons are constant-time (:func:`hmac.compare_digest`) so that the time an
answer takes says nothing about how much of a guess was right.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import time
from collections.abc import Mapping

TOLERANCE_S = 5 * 60  # Standard Webhooks: a timestamp more than 5 minutes off is refused


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
    key: bytes, headers: Mapping[str, str], body: bytes, now: float | None = None
) -> str | None:
    """None when the request is signed with ``key``; else why not (Romanian)."""
    msg_id = headers.get("webhook-id")
    stamp = headers.get("webhook-timestamp")
    given = headers.get("webhook-signature")
    if not (msg_id and stamp and given):
        return "lipsesc antetele webhook-id, webhook-timestamp sau webhook-signature"
    if not stamp.isdigit() or len(stamp) > 12:
        return "webhook-timestamp trebuie să fie secunde Unix"
    if abs((time.time() if now is None else now) - int(stamp)) > TOLERANCE_S:
        return "webhook-timestamp e mai vechi sau mai nou de 5 minute"
    expected = sign(key, msg_id, stamp, body).encode()
    for candidate in given.split():
        if hmac.compare_digest(candidate.encode("utf-8", "replace"), expected):
            return None
    return "semnătură invalidă"
