"""Bearer token and Standard Webhooks signatures, accepted and refused, on real servers."""

from __future__ import annotations

import base64
import json
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from rolint.http.auth import TOLERANCE_S, SeenIds, bearer_ok, sign, signature_problem
from serve_server import Server, text

TOKEN = "s3cret-token-for-tests"
SECRET = "whsec_" + base64.b64encode(b"a shared key of thirty-two bytes").decode()
BODY = {"fields": [text("title", "Primăria a anunțat lucrări noi.")]}


def test_bearer_compare() -> None:
    assert bearer_ok(f"Bearer {TOKEN}", TOKEN)
    assert bearer_ok(f"bearer {TOKEN}", TOKEN)
    assert not bearer_ok(f"Bearer {TOKEN}x", TOKEN)
    assert not bearer_ok(f"Basic {TOKEN}", TOKEN)
    assert not bearer_ok(None, TOKEN)


def test_signature_window() -> None:
    key = b"k"
    now = 1_800_000_000
    body = b"{}"
    good = {"webhook-id": "m1", "webhook-timestamp": str(now), "webhook-signature": ""}
    good["webhook-signature"] = "v1,bm90LWl0 " + sign(key, "m1", str(now), body)
    assert signature_problem(key, good, body, now=now) is None
    assert signature_problem(key, good, body, now=now + 299) is None
    assert signature_problem(key, good, body, now=now + 301) is not None
    assert signature_problem(key, good, b"{ }", now=now) == "semnătură invalidă"
    assert signature_problem(key, {**good, "webhook-id": "m2"}, body, now=now) is not None


@pytest.fixture(scope="module")
def guarded() -> Iterator[Server]:
    s = Server(env={"ROLINT_SERVE_TOKEN": TOKEN, "ROLINT_SERVE_HMAC_SECRET": SECRET})
    s.wait_ready()
    yield s
    assert s.terminate() == 0
    s.close()


def _signed_headers(
    raw: bytes, stamp: int | None = None, msg_id: str | None = None
) -> dict[str, str]:
    key = base64.b64decode(SECRET.removeprefix("whsec_"))
    msg_id = msg_id or f"msg_{uuid.uuid4().hex}"
    ts = str(int(time.time()) if stamp is None else stamp)
    return {
        "content-type": "application/json",
        "webhook-id": msg_id,
        "webhook-timestamp": ts,
        "webhook-signature": sign(key, msg_id, ts, raw),
    }


def _post(server: Server, raw: bytes, headers: dict[str, str]):  # type: ignore[no-untyped-def]
    return server.client.post("/v1/check", content=raw, headers=headers)


def test_token_and_signature_accepted(guarded: Server) -> None:
    raw = json.dumps(BODY).encode()
    headers = {**_signed_headers(raw), "authorization": f"Bearer {TOKEN}"}
    r = _post(guarded, raw, headers)
    assert r.status_code == 200 and r.json()["verdict"] == "publish"


@pytest.mark.parametrize("auth", [None, "Bearer wrong", f"Basic {TOKEN}", "Bearer"])
def test_missing_or_wrong_token_is_401(guarded: Server, auth: str | None) -> None:
    raw = json.dumps(BODY).encode()
    headers = _signed_headers(raw)
    if auth:
        headers["authorization"] = auth
    r = _post(guarded, raw, headers)
    assert r.status_code == 401
    assert r.headers["content-type"] == "application/problem+json"
    assert r.headers["www-authenticate"].startswith("Bearer")


def test_bad_signatures_are_401(guarded: Server) -> None:
    raw = json.dumps(BODY).encode()
    auth = {"authorization": f"Bearer {TOKEN}"}
    tampered = _signed_headers(raw)
    cases = {
        "altered body": (raw.replace(b"noi", b"vechi"), tampered),
        "old timestamp": (raw, _signed_headers(raw, stamp=int(time.time()) - 600)),
        "no signature": (raw, {"content-type": "application/json"}),
    }
    for name, (body, headers) in cases.items():
        r = _post(guarded, body, {**headers, **auth})
        assert r.status_code == 401, name
        assert r.json()["status"] == 401


def test_a_signed_request_is_accepted_once(guarded: Server) -> None:
    raw = json.dumps(BODY).encode()
    headers = {**_signed_headers(raw), "authorization": f"Bearer {TOKEN}"}
    assert _post(guarded, raw, headers).status_code == 200
    replay = _post(guarded, raw, headers)
    assert replay.status_code == 401
    assert "webhook-id" in replay.json()["detail"]
    fresh = {**_signed_headers(raw), "authorization": f"Bearer {TOKEN}"}
    assert _post(guarded, raw, fresh).status_code == 200


def test_a_refused_signature_does_not_use_up_its_id(guarded: Server) -> None:
    raw = json.dumps(BODY).encode()
    auth = {"authorization": f"Bearer {TOKEN}"}
    good = _signed_headers(raw)
    forged = {**good, "webhook-signature": "v1,Zm9yZ2Vk"}
    assert _post(guarded, raw, {**forged, **auth}).status_code == 401
    assert _post(guarded, raw, {**good, **auth}).status_code == 200


def test_seen_ids_forget_what_the_window_refuses_anyway() -> None:
    seen = SeenIds(limit=4)
    now = 1_000_000.0
    assert seen.first_use("a", int(now), now)
    assert not seen.first_use("a", int(now), now + TOLERANCE_S)
    assert seen.first_use("a", int(now), now + TOLERANCE_S + 1)  # its stamp is refused now
    for name in "bcdefgh":
        assert seen.first_use(name, int(now) + 400, now + 400)
    assert len(seen) <= 4  # bounded even when every id is still inside its window
    assert not seen.first_use("h", int(now) + 400, now + 401)


def test_health_needs_no_token(guarded: Server) -> None:
    assert guarded.client.get("/livez").status_code == 200
    assert guarded.client.get("/readyz").status_code == 200


def test_bad_token_never_reaches_the_schema(guarded: Server) -> None:
    r = _post(guarded, b"not json", {"content-type": "application/json"})
    assert r.status_code == 401  # unauthenticated callers learn nothing about the API


def test_openapi_says_what_this_server_requires(guarded: Server) -> None:
    op = guarded.client.get("/openapi.json").json()["paths"]["/v1/check"]["post"]
    assert op["security"] == [{"bearer": []}]
    assert {p["name"] for p in op["parameters"]} == {
        "webhook-id",
        "webhook-timestamp",
        "webhook-signature",
    }


def test_auth_from_env_reads_token_file_and_secret(tmp_path: Path) -> None:
    from rolint.http.service import auth_from_env

    token_file = tmp_path / "token"
    token_file.write_text("from-a-file\n", encoding="utf-8")
    auth = auth_from_env(
        {"ROLINT_SERVE_TOKEN_FILE": str(token_file), "ROLINT_SERVE_HMAC_SECRET": SECRET}
    )
    assert auth.token == "from-a-file"
    assert auth.hmac_key == b"a shared key of thirty-two bytes"
    assert auth_from_env({"ROLINT_SERVE_TOKEN": "t"}).token == "t"
    assert auth_from_env({}).token is None and auth_from_env({}).hmac_key is None
    assert auth_from_env({"ROLINT_SERVE_HMAC_SECRET": "plain"}).hmac_key == b"plain"
    with pytest.raises(ValueError):
        auth_from_env({"ROLINT_SERVE_HMAC_SECRET": "whsec_not*base64"})
