"""One local LanguageTool server per rolint process, started on demand, never orphaned.

With ``enabled = true`` and no ``url``, the first check that needs LanguageTool starts
the JVM (through :mod:`rolint.languagetool.watchdog`) on a free loopback port with a
bounded heap, and waits until it answers. Every later check in the process — the CLI
batch, the language server, ``rolint serve`` — uses the same server. It is stopped
when this process exits: atexit kills its process group, and the watchdog kills it
if this process dies without running atexit.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

from rolint.languagetool import install

JAVA_OPTS_ENV = "ROLINT_LANGUAGETOOL_JAVA_OPTS"
DEFAULT_JAVA_OPTS = ("-Xms128m", "-Xmx1g", "-XX:+UseSerialGC")
# The server's settings (pipeline caching), shipped beside this module.
SERVER_PROPERTIES = Path(__file__).with_name("server.properties")
START_TIMEOUT = 120.0  # seconds; ~20 s on two busy cores


class Unavailable(RuntimeError):
    """No LanguageTool server could be had; the message is for the user (Romanian)."""


class LocalServer:
    """A started server: the watchdog process (leader of the JVM's group) and its port."""

    def __init__(self, proc: subprocess.Popen[bytes], port: int) -> None:
        self.proc = proc
        self.port = port
        self.url = f"http://127.0.0.1:{port}"

    def alive(self) -> bool:
        return self.proc.poll() is None

    def stop(self) -> None:
        """Stop the watchdog and the JVM (one process group) and reap the watchdog."""
        if self.proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(8)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
        # the JVM may outlive a watchdog that was killed alone: the group goes too
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.proc.pid, signal.SIGKILL)


_lock = threading.Lock()
_server: LocalServer | None = None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def java_command(port: int) -> list[str]:
    java = shutil.which("java")
    if java is None:
        raise Unavailable("Java lipsește (LanguageTool cere Java 17 sau mai nou)")
    folder = install.jar_dir()
    if not install.installed(folder):
        raise Unavailable(
            f"jar-urile LanguageTool lipsesc din {folder}: rulați "
            "`python -m rolint.languagetool install`"
        )
    opts = os.environ.get(JAVA_OPTS_ENV, "").split() or list(DEFAULT_JAVA_OPTS)
    return [
        java,
        *opts,
        "-cp",
        f"{folder}/*",
        "org.languagetool.server.HTTPServer",
        "--config",
        str(SERVER_PROPERTIES),
        "--port",
        str(port),
    ]


_WARM_UP_TEXT = (
    "Ministrul a declarat ieri că „soluția cea mai optimă” va fi aleasă în curând. "
    "Ea sa dus la ședință, dar nu știa ce se întâmplase acolo, și a plecat devreme."
)


def _warm_up(url: str, rounds: int = 3) -> None:
    """A few Romanian checks: the first loads the language module and the next ones let
    the JIT compile the hot paths (seconds on busy cores), which must not count against
    the timeout of a user's first requests."""
    data = urllib.parse.urlencode({"language": "ro-RO", "text": _WARM_UP_TEXT}).encode()
    for _ in range(rounds):
        with contextlib.suppress(OSError):
            urllib.request.urlopen(f"{url}/v2/check", data=data, timeout=60).close()


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/v2/languages", timeout=2) as resp:
            return bool(resp.status == 200)
    except OSError:
        return False


def start(timeout: float = START_TIMEOUT, port: int | None = None) -> LocalServer:
    """Start a server (on ``port``, else a free one) and wait until it answers; not
    shared (that is :func:`ensure`), still stopped at exit."""
    port = port or _free_port()
    cmd = java_command(port)
    log = open(os.devnull, "wb")  # noqa: SIM115 - the child owns it after Popen
    proc = subprocess.Popen(
        [sys.executable, "-m", "rolint.languagetool.watchdog", str(os.getpid()), *cmd],
        stdin=subprocess.DEVNULL,
        stdout=log,
        stderr=log,
        start_new_session=True,
    )
    log.close()
    server = LocalServer(proc, port)
    atexit.register(server.stop)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not server.alive():
            raise Unavailable(f"serverul LanguageTool s-a oprit la pornire (cod {proc.returncode})")
        if _answers(server.url):
            _warm_up(server.url)
            return server
        time.sleep(0.25)
    server.stop()
    raise Unavailable(f"serverul LanguageTool nu a răspuns în {timeout:.0f} s de la pornire")


def ensure(timeout: float = START_TIMEOUT) -> str:
    """The URL of this process's local server, starting it (once at a time) if needed.

    A server that died is started again on the next call: a crash is not forever.
    """
    global _server
    with _lock:
        if _server is not None and _server.alive():
            return _server.url
        if _server is not None:
            _server.stop()
            _server = None
        _server = start(timeout)
        return _server.url


def current() -> LocalServer | None:
    """The running local server, if this process started one (for tests and shutdown)."""
    return _server


def shutdown() -> None:
    """Stop this process's local server now (also done at exit)."""
    global _server
    with _lock:
        if _server is not None:
            _server.stop()
            _server = None
