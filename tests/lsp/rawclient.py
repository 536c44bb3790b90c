"""A raw JSON-RPC client on the stdio of `rolint lsp`: bytes in, ``json.loads`` out.

No pygls, no lsprotocol: it writes exactly the bytes it is given (so tests can send
broken framing, odd ids and invalid params) and decodes what the server writes with
its own framing code, independently of the server's. A reader thread collects every
message and answers the server's own requests (``workspace/configuration`` with the
given settings, everything else with ``null``).

Used by the fuzz/stress suite (tests/fuzz/test_lsp_fuzz.py) and the stress benchmark.
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

SERVER = [sys.executable, "-m", "rolint", "lsp"]
TIMEOUT = 30.0

Message = dict[str, Any]


class ServerGone(Exception):
    """The server closed its stdout (it exited or crashed)."""


class RawClient:
    """One `rolint lsp` process and what it has sent so far."""

    def __init__(
        self,
        settings: dict[str, Any] | None = None,
        env: dict[str, str] | None = None,
        command: list[str] | None = None,
    ):
        self.settings = settings if settings is not None else {"debounceMs": 0}
        self.proc = subprocess.Popen(
            command or SERVER,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env={**os.environ, **(env or {})},
        )
        self.messages: list[Message] = []
        self.stderr = bytearray()
        self._cond = threading.Condition()
        self._write_lock = threading.Lock()
        self._next_id = 0
        self._closed = False
        self._reader = threading.Thread(target=self._read_loop, daemon=True)
        self._reader.start()
        self._err = threading.Thread(target=self._read_stderr, daemon=True)
        self._err.start()

    @property
    def pid(self) -> int:
        return self.proc.pid

    # -- writing ---------------------------------------------------------------------
    def write(self, data: bytes) -> None:
        """Write raw bytes to the server's stdin."""
        assert self.proc.stdin is not None
        with self._write_lock:
            self.proc.stdin.write(data)
            self.proc.stdin.flush()

    def send(self, payload: Any) -> None:
        """One correctly framed message with ``payload`` as its JSON body."""
        body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
        self.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)

    def notify(self, method: str, params: Any) -> None:
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def request(self, method: str, params: Any, msg_id: Any = None) -> Any:
        """Send a request and return its id (the answer: :meth:`response`)."""
        if msg_id is None:
            self._next_id += 1
            msg_id = self._next_id
        self.send({"jsonrpc": "2.0", "id": msg_id, "method": method, "params": params})
        return msg_id

    def call(self, method: str, params: Any, timeout: float = TIMEOUT) -> Message:
        """Send a request and wait for its answer (the whole response message)."""
        return self.response(self.request(method, params), timeout)

    # -- reading ---------------------------------------------------------------------
    def _read_loop(self) -> None:
        out = self.proc.stdout
        assert out is not None
        try:
            while True:
                length = None
                while True:
                    line = out.readline()
                    if not line:
                        raise ServerGone
                    if line == b"\r\n":
                        break
                    name, _, value = line.decode("ascii").partition(":")
                    if name.strip().lower() == "content-length":
                        length = int(value.strip())
                if length is None:
                    raise ValueError("server sent a header without Content-Length")
                body = out.read(length)
                if len(body) < length:
                    raise ServerGone
                msg = json.loads(body)
                self._answer(msg)
                with self._cond:
                    self.messages.append(msg)
                    self._cond.notify_all()
        except ServerGone:
            pass
        finally:
            with self._cond:
                self._closed = True
                self._cond.notify_all()

    def _read_stderr(self) -> None:
        err = self.proc.stderr
        assert err is not None
        for line in err:
            self.stderr.extend(line)

    def _answer(self, msg: Message) -> None:
        """Answer a request the server sends us (it must not wait for a client)."""
        if "method" not in msg or "id" not in msg:
            return
        result: Any = None
        if msg["method"] == "workspace/configuration":
            result = [self.settings for _ in msg["params"]["items"]]
        elif msg["method"] == "workspace/applyEdit":
            result = {"applied": False, "failureReason": "raw client"}
        with contextlib.suppress(BrokenPipeError, ValueError, OSError):
            self.send({"jsonrpc": "2.0", "id": msg["id"], "result": result})

    def wait_for(
        self, match: Callable[[Message], bool], timeout: float = TIMEOUT, start: int = 0
    ) -> Message:
        """The first message (from index ``start`` on) that ``match`` accepts."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                for msg in self.messages[start:]:
                    if match(msg):
                        return msg
                start = max(start, len(self.messages))
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError(f"no matching message within {timeout} s")
                if self._closed:
                    raise ServerGone(f"server exited; stderr: {bytes(self.stderr)[-2000:]!r}")
                self._cond.wait(min(left, 0.5))

    def response(self, msg_id: Any, timeout: float = TIMEOUT) -> Message:
        return self.wait_for(
            lambda m: (
                "method" not in m and m.get("id") == msg_id and ("result" in m or "error" in m)
            ),
            timeout,
        )

    def diagnostics(self, uri: str, version: int | None, timeout: float = TIMEOUT) -> Message:
        """The first publication for ``uri`` with ``version`` (any version when None)."""

        def match(m: Message) -> bool:
            if m.get("method") != "textDocument/publishDiagnostics":
                return False
            p = m["params"]
            return p["uri"] == uri and (version is None or p.get("version") == version)

        return self.wait_for(match, timeout)["params"]

    def publications(self, uri: str) -> list[dict[str, Any]]:
        with self._cond:
            return [
                m["params"]
                for m in self.messages
                if m.get("method") == "textDocument/publishDiagnostics"
                and m["params"]["uri"] == uri
            ]

    def mark(self) -> int:
        """How many messages have arrived (a start index for :meth:`wait_for`)."""
        with self._cond:
            return len(self.messages)

    # -- session ---------------------------------------------------------------------
    def initialize(self, root: Path, encodings: list[str] | None = None) -> Message:
        caps: dict[str, Any] = {
            "textDocument": {"publishDiagnostics": {"versionSupport": True}},
            "workspace": {"configuration": True},
        }
        if encodings is not None:
            caps["general"] = {"positionEncodings": encodings}
        answer = self.call(
            "initialize",
            {
                "processId": os.getpid(),
                "rootUri": root.as_uri(),
                "workspaceFolders": [{"uri": root.as_uri(), "name": root.name}],
                "initializationOptions": self.settings,
                "capabilities": caps,
            },
        )
        self.notify("initialized", {})
        return answer

    def open(self, uri: str, text: str, version: int = 1, language: str = "plaintext") -> None:
        self.notify(
            "textDocument/didOpen",
            {
                "textDocument": {
                    "uri": uri,
                    "languageId": language,
                    "version": version,
                    "text": text,
                }
            },
        )

    def change(self, uri: str, version: int, changes: list[dict[str, Any]]) -> None:
        self.notify(
            "textDocument/didChange",
            {"textDocument": {"uri": uri, "version": version}, "contentChanges": changes},
        )

    def stop(self, timeout: float = 10.0) -> int:
        """shutdown + exit, then wait; kills the process if it does not exit."""
        try:
            if self.proc.poll() is None:
                self.call("shutdown", None, timeout)
                self.notify("exit", None)
        except (ServerGone, TimeoutError, BrokenPipeError, OSError):
            pass
        try:
            return self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.kill()
            return -9

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(10)


def rss_mb(pid: int) -> float:
    """Resident memory of a process (Linux /proc), in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")
