"""The local LanguageTool server's processes: the CLI starts its own JVM and leaves
none behind, and a JVM whose owner is SIGKILLed is stopped by the watchdog.

Apart from test_languagetool_server.py because these tests start JVMs of their own and
not the shared one, so pytest-xdist runs them beside that unit (tests/conftest.py).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from rolint.languagetool import local
from test_languagetool_server import require_languagetool, run_cli


def jvms_with(marker: str) -> list[int]:
    found = []
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit():
            try:
                cmd = (proc / "cmdline").read_bytes()
            except OSError:
                continue
            if marker.encode() in cmd and b"HTTPServer" in cmd:
                found.append(int(proc.name))
    return found


def test_cli_starts_its_own_server_and_leaves_no_jvm(tmp_path: Path) -> None:
    require_languagetool()
    marker = f"-Drolint.test={os.getpid()}-{time.monotonic_ns()}"
    (tmp_path / "a.txt").write_text("Titlu\n\nEste o soluție mai optimă.\n", encoding="utf-8")
    (tmp_path / "rolint.toml").write_text(
        "[languagetool]\nenabled = true\ntimeout-ms = 30000\n", encoding="utf-8"
    )
    env = {local.JAVA_OPTS_ENV: f"-Xmx512m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 {marker}"}
    done = run_cli(["check", "--format", "json", "a.txt"], tmp_path, env)
    rules = [d["rule"] for d in json.loads(done.stdout)["files"][0]["diagnostics"]]
    assert "languagetool/PLEONASM__MAI" in rules, done.stderr
    deadline = time.monotonic() + 10
    while jvms_with(marker) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert jvms_with(marker) == []


def test_sigkilled_owner_leaves_no_jvm() -> None:
    """No atexit runs on SIGKILL: the watchdog must stop the JVM by itself."""
    require_languagetool()
    marker = f"-Drolint.test=kill-{os.getpid()}-{time.monotonic_ns()}"
    code = (
        "import sys, time\n"
        "from rolint.languagetool import local\n"
        "port = local._free_port()\n"
        "import subprocess, os\n"
        "p = subprocess.Popen([sys.executable, '-m', 'rolint.languagetool.watchdog',"
        " str(os.getpid()), *local.java_command(port)], start_new_session=True)\n"
        "print(p.pid, flush=True)\n"
        "time.sleep(600)\n"
    )
    opts = f"-Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 {marker}"
    env = {**os.environ, local.JAVA_OPTS_ENV: opts}
    owner = subprocess.Popen(
        [sys.executable, "-c", code], stdout=subprocess.PIPE, env=env, text=True
    )
    try:
        assert owner.stdout is not None
        watchdog = int(owner.stdout.readline())
        deadline = time.monotonic() + 30
        while not jvms_with(marker) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert jvms_with(marker), "the JVM never started"
        owner.kill()
        owner.wait()
        deadline = time.monotonic() + 15
        while jvms_with(marker) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert jvms_with(marker) == []
        assert (
            not Path(f"/proc/{watchdog}/cmdline").exists()
            or b"watchdog" not in Path(f"/proc/{watchdog}/cmdline").read_bytes()
        )
    finally:
        if owner.poll() is None:
            owner.kill()
        for pid in jvms_with(marker):
            os.kill(pid, 9)
