"""A real ``rolint serve`` on loopback for the tests: started as its own process (the
command a newsroom runs), stopped by its PID, its JSON log lines readable afterwards."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    """One ``rolint serve`` process; ``url`` is its base address."""

    def __init__(
        self,
        config: str | None = None,
        env: dict[str, str] | None = None,
        args: tuple[str, ...] = (),
    ) -> None:
        self.dir = Path(tempfile.mkdtemp(prefix="rolint-serve-test-"))
        cmd = [sys.executable, "-m", "rolint", "serve", "--port", str(free_port()), *args]
        self.port = int(cmd[cmd.index("--port") + 1])
        if config is not None:
            (self.dir / "rolint.toml").write_text(config, encoding="utf-8")
            cmd += ["--config", str(self.dir / "rolint.toml")]
        full_env = {**os.environ, "PYTHONPATH": str(ROOT / "server"), **(env or {})}
        for key in ("ROLINT_SERVE_TOKEN", "ROLINT_SERVE_HMAC_SECRET"):
            if env is None or key not in env:
                full_env.pop(key, None)
        self.stderr_path = self.dir / "stderr.log"
        self._stderr = self.stderr_path.open("wb")
        self.proc = subprocess.Popen(
            cmd, cwd=self.dir, env=full_env, stdout=subprocess.DEVNULL, stderr=self._stderr
        )
        self.url = f"http://127.0.0.1:{self.port}"
        self.client = httpx.Client(base_url=self.url, timeout=30)

    def wait_ready(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"rolint serve exited: {self.stderr()}")
            try:
                if self.client.get("/readyz").status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.1)
        raise RuntimeError("rolint serve did not become ready")

    def stderr(self) -> str:
        return self.stderr_path.read_text(encoding="utf-8", errors="replace")

    def log_lines(self) -> list[dict[str, Any]]:
        """The JSON lines the server wrote to stderr so far."""
        out = []
        for line in self.stderr().splitlines():
            if line.startswith("{"):
                out.append(json.loads(line))
        return out

    def wait_log(self, keep: Callable[[dict[str, Any]], bool], timeout: float = 10.0) -> list:
        """The log lines ``keep`` accepts, waiting for at least one: a request's line is
        written after its answer has gone out, so a test that reads at once may race it."""
        deadline = time.monotonic() + timeout
        while True:
            lines = [x for x in self.log_lines() if keep(x)]
            if lines or time.monotonic() > deadline:
                return lines
            time.sleep(0.02)

    def terminate(self) -> int:
        """SIGTERM, then the exit code (killed after 30 s if it hangs)."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        try:
            return self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            return self.proc.wait()

    def close(self) -> None:
        self.client.close()
        self.terminate()
        self._stderr.close()
        shutil.rmtree(self.dir, ignore_errors=True)


def check(server: Server, fields: list[dict[str, Any]], **extra: Any) -> httpx.Response:
    return server.client.post("/v1/check", json={"fields": fields, **extra})


def text(name: str, content: str, fmt: str = "text") -> dict[str, str]:
    return {"name": name, "format": fmt, "content": content}


def serving(**kwargs: Any) -> Iterator[Server]:
    """A ready server for a test module's fixture; it must exit 0 on SIGTERM."""
    s = Server(**kwargs)
    s.wait_ready()
    yield s
    assert s.terminate() == 0
    s.close()
