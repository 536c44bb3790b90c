"""Bad requests get problem+json with the right status, never a 5xx or a traceback."""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator

import pytest

from serve_server import Server, serving, text

PROBLEM = "application/problem+json"
BIG = 20 * 1024 * 1024


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    yield from serving()


def _post(server: Server, body: bytes, content_type: str = "application/json"):  # type: ignore[no-untyped-def]
    return server.client.post("/v1/check", content=body, headers={"content-type": content_type})


def _assert_problem(r, status: int) -> dict:  # type: ignore[no-untyped-def,type-arg]
    assert r.status_code == status, r.text
    assert r.headers["content-type"] == PROBLEM
    body = r.json()
    assert body["status"] == status and body["title"] and body["type"].startswith("urn:rolint:")
    assert "Traceback" not in r.text
    return body  # type: ignore[no-any-return]


def test_invalid_json_is_400(server: Server) -> None:
    _assert_problem(_post(server, b'{"fields": [}'), 400)


def test_invalid_utf8_is_400(server: Server) -> None:
    raw = '{"fields": [{"name": "t", "format": "text", "content": "ţară"}]}'.encode()
    body = _assert_problem(_post(server, raw.replace("ţ".encode(), b"\xfe")), 400)
    assert "UTF-8" in body["detail"]


def test_deep_nesting_is_400_not_500(server: Server) -> None:
    _assert_problem(_post(server, b"[" * 100_000 + b"]" * 100_000), 400)


@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded", ""])
def test_wrong_content_type_is_415(server: Server, content_type: str) -> None:
    raw = json.dumps({"fields": [text("t", "Bună ziua.")]}).encode()
    _assert_problem(_post(server, raw, content_type), 415)


def test_latin1_charset_is_415(server: Server) -> None:
    raw = json.dumps({"fields": [text("t", "Bună ziua.")]}).encode()
    _assert_problem(_post(server, raw, "application/json; charset=iso-8859-1"), 415)


@pytest.mark.parametrize(
    ("payload", "pointer"),
    [
        ([], ""),
        ({}, ""),
        ({"fields": []}, "/fields"),
        ({"fields": [{"name": "t", "format": "docx", "content": "x"}]}, "/fields/0/format"),
        ({"fields": [{"name": "t", "format": "text"}]}, "/fields/0"),
        ({"fields": [{"name": "t", "format": "text", "content": 7}]}, "/fields/0/content"),
        ({"fields": [text("t", "x")], "colour": "red"}, ""),
        ({"fields": [text("t", "x")], "position_encoding": "utf-7"}, "/position_encoding"),
        ({"fields": [text("t", "x")], "override": {"user": "ana"}}, "/override"),
        (
            {"fields": [text("t", "x")], "override": {"user": "ana", "reason": ""}},
            "/override/reason",
        ),
        ({"fields": [text("t", "x")], "ignore": "abc"}, "/ignore"),
        ({"fields": [text("t", "\ud800")]}, "/fields/0/content"),
    ],
)
def test_schema_violations_are_422_with_a_pointer(
    server: Server, payload: object, pointer: str
) -> None:
    body = _assert_problem(_post(server, json.dumps(payload).encode()), 422)
    assert body["errors"] and body["errors"][0]["pointer"] == pointer
    assert all(e["detail"] for e in body["errors"])


def test_fifty_one_fields_are_422_fifty_are_checked(server: Server) -> None:
    fields = [text(f"f{i}", "Ziua a fost liniștită.") for i in range(51)]
    body = _assert_problem(_post(server, json.dumps({"fields": fields}).encode()), 422)
    assert body["errors"][0]["pointer"] == "/fields"
    ok = server.client.post("/v1/check", json={"fields": fields[:50]})
    assert ok.status_code == 200 and len(ok.json()["fields"]) == 50


def test_field_over_the_length_limit_is_422(server: Server) -> None:
    long = "Cuvânt " * 80_000  # 560,000 code points, over the 500,000 default, under 2 MB
    body = _assert_problem(_post(server, json.dumps({"fields": [text("b", long)]}).encode()), 422)
    assert body["errors"][0]["pointer"] == "/fields/0/content"


def _raw_exchange(server: Server, head: bytes, body_part: bytes) -> bytes:
    """Send ``head`` and part of a body, then read what the server answers."""
    with socket.create_connection(("127.0.0.1", server.port), timeout=20) as sock:
        sock.sendall(head + body_part)
        data = b""
        while b"\r\n\r\n" not in data or len(data) < 200:
            chunk = sock.recv(65536)
            if not chunk:
                break
            data += chunk
        return data


def test_twenty_megabytes_get_413_before_the_body_is_sent(server: Server) -> None:
    head = (
        f"POST /v1/check HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        f"Content-Length: {BIG}\r\n\r\n"
    ).encode()
    # Only 64 KB of the declared 20 MB are ever sent: the answer must come anyway.
    reply = _raw_exchange(server, head, b'{"fields": [' + b" " * 65_000)
    assert reply.startswith(b"HTTP/1.1 413")
    assert PROBLEM.encode() in reply
    refused = server.wait_log(lambda x: x.get("status") == 413)  # written after the answer
    assert refused and refused[-1]["path"] == "/v1/check"  # logged like any request


def test_chunked_body_over_the_limit_gets_413(server: Server) -> None:
    head = (
        b"POST /v1/check HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        b"Transfer-Encoding: chunked\r\n\r\n"
    )
    chunk = b" " * 1_000_000
    piece = f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n"
    reply = _raw_exchange(server, head, piece * 3)  # 3 MB, over the 2 MB default
    assert reply.startswith(b"HTTP/1.1 413")


def test_a_full_twenty_megabyte_upload_is_refused_too(server: Server) -> None:
    r = None
    try:
        r = _post(server, b" " * BIG)
    except Exception:  # the server may close while the client still writes
        pytest.skip("connection closed before the client read the answer")
    assert r is not None
    _assert_problem(r, 413)


def test_unknown_path_and_method(server: Server) -> None:
    _assert_problem(server.client.get("/v2/nothing"), 404)
    _assert_problem(server.client.get("/v1/check"), 405)


def test_the_server_still_answers_after_all_that(server: Server) -> None:
    r = server.client.post("/v1/check", json={"fields": [text("t", "Totul e în regulă.")]})
    assert r.status_code == 200
    logged = [x for x in server.log_lines() if x.get("path") != "/readyz"]  # 503 while starting
    errors = [x for x in logged if x.get("status", 0) >= 500]
    assert len(logged) > 20
    assert errors == []
