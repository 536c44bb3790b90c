"""Fuzz and abuse of `rolint lsp` through a raw JSON-RPC client (tests/lsp/rawclient.py).

Two profiles, chosen by ``ROLINT_FUZZ``:

* ``fast`` (default, part of ``python3 -m pytest``): a few dozen random edit
  sequences, every abuse case once;
* ``long`` (``ROLINT_FUZZ=long python3 -m pytest -q tests/fuzz``): many more sequences
  and longer ones, run before a release.

What must hold, whatever the client sends:

* the server's view of a document equals the client's: after random ranged edits
  (CRLF, lone CR, astral characters whose UTF-16 halves a position may split,
  negative, huge and past-the-end positions) the diagnostics published equal
  `rolint check` of the client's text. The client applies each edit with its own
  position arithmetic (below), written from the LSP spec, not rolint's;
* broken framing never makes it deaf; every bad request gets an error reply with the
  right code (and id null when the id itself is unusable); requests after ``shutdown``
  get ``InvalidRequest``; nothing prints a traceback.
"""

from __future__ import annotations

import json
import os
import random
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from lsp.oracle import flat_range, rolint_check
from lsp.rawclient import RawClient

LONG = os.environ.get("ROLINT_FUZZ", "fast") == "long"
SEQUENCES = 400 if LONG else 30
MAX_EDITS = 25 if LONG else 8
MAX_INT = 2**31 - 1

PIECES = ["ş", "ţ", "ș", "a", "e", " ", "si ", "tara ", "Ştiri", "\r\n", "\n", "\r", "😀", "𝐚"]
PIECES += ["„", "”", '"', "\n\n", "\r\n\r\n", "anunţat ", "Sînt "]
SEED_TEXTS = [
    "Linia unu are şcoala.\r\nLinia doi.\r\n",
    "Ştiri 😀 de azi\r\n\r\nGuvernul a anunţat ieri că taxele cresc.\r\n",
    "Primăria anunţă\rlucrări noi şi\rmulte altele.\n",
    "",
]


# -- the client's own LSP position arithmetic ------------------------------------------


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end of content) of each line; breaks are \\r\\n, \\r or \\n."""
    out, start = [], 0
    for m in re.finditer(r"\r\n|\r|\n", text):
        out.append((start, m.start()))
        start = m.end()
    out.append((start, len(text)))
    return out


def client_offset(text: str, line: int, character: int) -> int:
    """Code-point offset of a UTF-16 position, clamped as the LSP spec says: negative
    numbers are 0, a line past the last is the end of the text, a character past the
    line's content is the end of its content (before the whole line break); inside a
    surrogate pair it moves on to the end of that character."""
    line, character = max(0, min(line, MAX_INT)), max(0, min(character, MAX_INT))
    lines = _lines(text)
    if line >= len(lines):
        return len(text)
    start, end = lines[line]
    units = 0
    for i in range(start, end):
        if units >= character:
            return i
        units += 2 if ord(text[i]) > 0xFFFF else 1
    return end


def client_position(text: str, offset: int) -> tuple[int, int]:
    for number, (start, end) in enumerate(_lines(text)):
        if offset <= end:
            units = sum(2 if ord(c) > 0xFFFF else 1 for c in text[start:offset])
            return number, units
    raise AssertionError("offset past the text")


def random_position(text: str, rng: random.Random) -> tuple[int, int]:
    """Mostly real positions, sometimes hostile ones."""
    kind = rng.random()
    if kind < 0.08:
        return rng.choice([-1, -7, 0]), rng.choice([-1, -100, 3])
    if kind < 0.14:
        return rng.choice([10**6, MAX_INT, 10**13]), rng.choice([0, 10**13])
    line, char = client_position(text, rng.randrange(len(text) + 1))
    if kind < 0.24:
        return line, char + rng.choice([1, 999, MAX_INT, 10**13])  # past the line's end
    if kind < 0.30:
        return line, char + 1  # maybe inside a surrogate pair
    return line, char


def random_change(text: str, rng: random.Random) -> tuple[dict[str, Any], str]:
    (sl, sc), (el, ec) = random_position(text, rng), random_position(text, rng)
    if rng.random() < 0.5:  # mostly short ranges
        el, ec = sl, sc + rng.randrange(4)
    new = "".join(rng.choice(PIECES) for _ in range(rng.randrange(4)))
    start, end = client_offset(text, sl, sc), client_offset(text, el, ec)
    start, end = min(start, end), max(start, end)
    change = {
        "range": {"start": {"line": sl, "character": sc}, "end": {"line": el, "character": ec}},
        "text": new,
    }
    return change, text[:start] + new + text[end:]


# -- oracles -----------------------------------------------------------------------------


def published(diags: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    return sorted((d["code"], d["severity"], d["message"], *flat_range(d["range"])) for d in diags)


# -- the server ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[RawClient, Path]]:
    root = tmp_path_factory.mktemp("fuzz")
    client = RawClient({"debounceMs": 0})
    client.initialize(root, ["utf-16"])
    yield client, root
    assert client.stop() == 0
    assert b"Traceback" not in client.stderr, bytes(client.stderr)[-3000:]


def alive(client: RawClient) -> None:
    """The server still answers a request (hover over a document it does not know)."""
    answer = client.call(
        "textDocument/hover",
        {"textDocument": {"uri": "file:///nu/exista.txt"}, "position": {"line": 0, "character": 0}},
        timeout=20,
    )
    assert answer.get("result") is None and "error" not in answer


def test_state_equals_rolint_check_after_random_edits(server: tuple[RawClient, Path]) -> None:
    client, root = server
    rng = random.Random(int(os.environ.get("ROLINT_FUZZ_SEED", "17")))
    for n in range(SEQUENCES):
        path = root / f"doc{n}.txt"
        uri, text = path.as_uri(), rng.choice(SEED_TEXTS)
        client.open(uri, text)
        version = 1
        for _ in range(rng.randrange(1, MAX_EDITS + 1)):
            batch = []
            for _ in range(rng.choice([1, 1, 1, 2, 3])):
                change, text = random_change(text, rng)
                batch.append(change)
            version += 1
            client.change(uri, version, batch)
        got = client.diagnostics(uri, version)
        assert published(got["diagnostics"]) == rolint_check(text, path), repr(text)
        client.notify("textDocument/didClose", {"textDocument": {"uri": uri}})


def test_crlf_edit_past_the_line_end_lands_before_the_break(
    server: tuple[RawClient, Path],
) -> None:
    """Issue #17, item 17: the reproduction from the issue."""
    client, root = server
    path = root / "crlf.txt"
    uri, text = path.as_uri(), "Linia unu are şcoala.\r\nLinia doi.\r\n"
    client.open(uri, text)
    pos = {"line": 0, "character": 999}
    client.change(uri, 2, [{"range": {"start": pos, "end": pos}, "text": " ţ"}])
    whole = {"start": {"line": 1, "character": 0}, "end": {"line": 1, "character": 5}}
    client.change(uri, 3, [{"range": whole, "text": "Rândul"}])
    expected = "Linia unu are şcoala. ţ\r\nRândul doi.\r\n"
    got = client.diagnostics(uri, 3)
    assert published(got["diagnostics"]) == rolint_check(expected, path)
    cedillas = [d for d in got["diagnostics"] if d["code"] == "diacritics/cedilla"]
    assert [flat_range(d["range"]) for d in cedillas] == [(0, 14, 0, 15), (0, 22, 0, 23)]


def test_negative_and_huge_positions_keep_the_edit(server: tuple[RawClient, Path]) -> None:
    """Issue #17, item 20 (positions): clamped, applied, no traceback."""
    client, root = server
    path = root / "margini.txt"
    uri = path.as_uri()
    client.open(uri, "Text fără greşeli.\n")
    start = {"line": -1, "character": -5}
    client.change(uri, 2, [{"range": {"start": start, "end": start}, "text": "Ştiri: "}])
    huge = {"line": 10**12, "character": 10**12}
    client.change(uri, 3, [{"range": {"start": huge, "end": huge}, "text": "Ţara.\n"}])
    text = "Ştiri: Text fără greşeli.\nŢara.\n"
    got = client.diagnostics(uri, 3)
    assert published(got["diagnostics"]) == rolint_check(text, path)
    assert b"Traceback" not in client.stderr


def test_version_going_backwards_is_not_published(server: tuple[RawClient, Path]) -> None:
    """Issue #17, item 20 (versions): the text follows the client, the published
    version never goes back."""
    client, root = server
    path = root / "versiuni.txt"
    uri = path.as_uri()
    client.open(uri, "Unu.\n", version=1)
    end = {"line": 1, "character": 0}
    client.change(uri, 5, [{"range": {"start": end, "end": end}, "text": "Şase.\n"}])
    client.diagnostics(uri, 5)
    mark = client.mark()
    client.change(uri, 3, [{"range": {"start": end, "end": end}, "text": "Ţară.\n"}])
    later = client.wait_for(
        lambda m: (
            m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri
        ),
        start=mark,
    )["params"]
    assert later.get("version") in (None, 5)
    assert published(later["diagnostics"]) == rolint_check("Unu.\nŢară.\nŞase.\n", path)
    versions = [p["version"] for p in client.publications(uri) if p.get("version") is not None]
    assert versions == sorted(versions)


# -- framing and JSON-RPC abuse -------------------------------------------------------------


def _error(answer: dict[str, Any], code: int) -> None:
    assert "result" not in answer, answer
    assert answer["error"]["code"] == code, answer


def test_content_length_larger_than_body_resynchronises(server: tuple[RawClient, Path]) -> None:
    """Issue #17, item 18: one message claims more bytes than it has; the next one is
    still answered, and so is everything after it."""
    client, _ = server
    body = b'{"jsonrpc": "2.0", "id": "cut", "method": "textDocument/hover"}'
    mark = client.mark()
    client.write(b"Content-Length: %d\r\n\r\n" % (len(body) + 500) + body)
    alive(client)
    parse = client.wait_for(lambda m: m.get("error", {}).get("code") == -32700, start=mark)
    assert parse["id"] is None
    # shorter than its body, junk between messages, a header split across writes
    client.write(b"Content-Length: 5\r\n\r\n" + body + b"garbage\r\n")
    alive(client)
    whole = json.dumps({"jsonrpc": "2.0", "id": "split", "method": "nu/exista"}).encode()
    client.write(b"Content-Len")
    client.write(b"gth: %d\r\n\r\n%s" % (len(whole), whole))
    _error(client.response("split"), -32601)
    alive(client)


@pytest.mark.parametrize(
    ("body", "code"),
    [
        (b"{nu e json", -32700),
        (b"[1, 2]", -32600),
        (b"42", -32600),
        (b'"text"', -32600),
        (b"null", -32600),
        (b"[]", -32600),
        (b'{"jsonrpc": "2.0", "id": {"a": 1}, "method": "textDocument/hover"}', -32600),
        (b'{"jsonrpc": "2.0", "id": [1], "method": "shutdown"}', -32600),
        (b'{"jsonrpc": "2.0", "id": true, "method": "textDocument/hover"}', -32600),
        (b'{"jsonrpc": "2.0", "id": 1.5, "method": "textDocument/hover"}', -32600),
        (b'{"jsonrpc": "2.0", "method": 7, "id": null}', -32600),
    ],
)
def test_bad_bodies_get_an_error_reply_with_id_null(
    server: tuple[RawClient, Path], body: bytes, code: int
) -> None:
    """Issue #17, item 20 (ids, non-object bodies): an error reply, the bad id never
    echoed back."""
    client, _ = server
    mark = client.mark()
    client.write(b"Content-Length: %d\r\n\r\n%s" % (len(body), body))
    answer = client.wait_for(lambda m: "error" in m and "method" not in m, start=mark)
    _error(answer, code)
    assert answer["id"] is None
    alive(client)


def test_message_without_jsonrpc_version_is_refused_with_its_id(
    server: tuple[RawClient, Path],
) -> None:
    client, _ = server
    client.send({"id": "fara-versiune", "method": "textDocument/hover"})
    _error(client.response("fara-versiune"), -32600)


@pytest.mark.parametrize(
    ("method", "params"),
    [
        ("textDocument/hover", {"textDocument": {"uri": "file:///x.txt"}}),
        ("textDocument/hover", {"position": {"line": -1, "character": 0}}),
        ("textDocument/hover", "nu e obiect"),
        ("textDocument/codeAction", {"textDocument": {}, "range": None, "context": {}}),
        ("textDocument/diagnostic", [1, 2, 3]),
    ],
)
def test_invalid_params_are_answered(
    server: tuple[RawClient, Path], method: str, params: Any
) -> None:
    client, _ = server
    _error(client.call(method, params), -32602)
    alive(client)


def test_invalid_notifications_are_reported_not_dropped(server: tuple[RawClient, Path]) -> None:
    client, _ = server
    mark = client.mark()
    client.notify("textDocument/didChange", {"textDocument": "x", "contentChanges": 5})
    logged = client.wait_for(lambda m: m.get("method") == "window/logMessage", start=mark)
    assert "didChange" in logged["params"]["message"]
    alive(client)


def test_requests_after_shutdown_get_invalid_request(tmp_path: Path) -> None:
    """Issue #17, item 19."""
    client = RawClient({"debounceMs": 0})
    try:
        client.initialize(tmp_path, ["utf-16"])
        assert "error" not in client.call("shutdown", None)
        hover = {
            "textDocument": {"uri": (tmp_path / "a.txt").as_uri()},
            "position": {"line": 0, "character": 0},
        }
        _error(client.call("textDocument/hover", hover), -32600)
        _error(client.call("shutdown", None), -32600)
        _error(client.call("nu/exista", {}), -32600)
        client.notify("exit", None)
        assert client.proc.wait(15) == 0
        assert b"Traceback" not in client.stderr
    finally:
        client.kill()
