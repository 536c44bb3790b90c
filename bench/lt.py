"""LanguageTool's HTTP server, started as rolint's LanguageTool integration starts it.

The command (pinned jars, bounded heap, loopback port) is rolint.languagetool.local's;
the process is this module's, so that its CPU time can be read. A few warm-up checks run
before anything is timed (the JIT, as rolint's engine is warmed by one check). Stopped by
its PID at the end.
Each check is one POST to /v2/check (language ro-RO); offsets come back in UTF-16 units
and are turned into code points. The server's CPU time is read from /proc around a
workload, its memory from the process tree.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import time
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

import sections
from measure import tree_rss
from peers import Peer
from tools import QUOTES_CAT, SPELLING_CAT, Finding, utf16_to_cp

TICKS = os.sysconf("SC_CLK_TCK")
# Written for this project: the server's first checks load the Romanian module and JIT.
WARM_UP = (
    "Consiliul local a votat aseară bugetul pe anul viitor, după o ședință care a durat "
    "patru ore. Primarul a spus că „banii ajung pentru școli și spitale”, iar opoziția a "
    "cerut un audit independent al cheltuielilor din ultimii doi ani."
)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    """One LanguageTool server process (``with Server(peer) as lt: lt.check(text)``)."""

    def __init__(self, peer: Peer, start_timeout: float = 240) -> None:
        self.peer, self.start_timeout = peer, start_timeout
        self.port = _free_port()
        self.proc: subprocess.Popen[bytes] | None = None
        self.started_in = float("nan")

    def __enter__(self) -> Server:
        from rolint.languagetool import local

        cmd = local.java_command(self.port)
        t0 = time.perf_counter()
        self.proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        limit = sections.timeout(self.start_timeout)
        while time.perf_counter() - t0 < limit:
            if self.proc.poll() is not None:
                raise RuntimeError(f"LanguageTool exited with {self.proc.returncode} at start")
            try:
                self.check("Pornire.")
                self.started_in = time.perf_counter() - t0
                for _ in range(5):
                    self.check(WARM_UP)
                return self
            except OSError:
                time.sleep(0.25)
        self.__exit__()
        raise RuntimeError(f"LanguageTool did not answer within {limit:.0f} s")

    def __exit__(self, *exc: object) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

    def check(self, text: str) -> list[dict]:  # type: ignore[type-arg]
        data = urllib.parse.urlencode({"language": "ro-RO", "text": text}).encode()
        url = f"http://127.0.0.1:{self.port}/v2/check"
        with urllib.request.urlopen(url, data=data, timeout=sections.timeout(600)) as answer:
            return list(json.loads(answer.read())["matches"])

    def timed(self, text: str) -> tuple[float, list[dict]]:  # type: ignore[type-arg]
        t0 = time.perf_counter()
        matches = self.check(text)
        return (time.perf_counter() - t0) * 1000, matches

    def cpu(self) -> float:
        """CPU seconds the server has used so far (user + system)."""
        assert self.proc is not None
        fields = Path(f"/proc/{self.proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / TICKS

    def rss_mb(self) -> float:
        assert self.proc is not None
        return tree_rss(self.proc.pid) / 1e6


def category(match: dict) -> str:  # type: ignore[type-arg]
    rule = match["rule"]["id"]
    if rule.startswith("MORFOLOGIK"):
        return SPELLING_CAT
    if "BRACKETS" in rule or "GHILIMELE" in rule or "QUOTE" in rule:
        return QUOTES_CAT
    return f"LanguageTool: {match['rule'].get('category', {}).get('name', 'other')}"


def findings(path: str, text: str, matches: list[dict]) -> list[Finding]:  # type: ignore[type-arg]
    table = utf16_to_cp(text)
    out = []
    for m in matches:
        start, end = m["offset"], m["offset"] + m["length"]
        if table is not None:
            start, end = table[start], table[end]
        out.append(Finding(path, start, end, m["rule"]["id"], category(m)))
    return out


def measure_all(server: Server, work: Any, smoke: bool) -> dict[str, Any]:
    """Every LanguageTool figure of the run, from one warm server, the headline first
    (per paragraph); a part the section's time budget no longer allows is left out and
    named in ``incomplete``."""
    out: dict[str, Any] = {"started_s": server.started_in, "incomplete": []}
    # Steady state before timing: paragraphs of other texts (the dataset's), so that the
    # JIT has compiled the hot paths as in a server that has been up for a while.
    from workloads import paragraphs_of

    others = [p.read_text(encoding="utf-8") for p in work.dataset[:40]]
    t0 = time.perf_counter()
    for para in paragraphs_of(others, 3 if smoke else 30):
        server.check(para)
    out["warm_up_s"] = time.perf_counter() - t0
    cpu0 = server.cpu()
    out["paragraphs_ms"] = [server.timed(p)[0] for p in work.paragraphs]
    out["paragraphs_cpu_s"] = server.cpu() - cpu0
    text = work.latency.read_text(encoding="utf-8")
    out["article_ms"] = [server.timed(text)[0] for _ in range(1 if smoke else 3)]
    out["sizes"] = []
    for path in work.sizes:
        size = path.stat().st_size
        if size > (1_000 if smoke else 32_000):
            break
        if sections.over_budget():
            out["incomplete"].append("sizes")
            break
        body = path.read_text(encoding="utf-8")
        cpu0 = server.cpu()
        ms, _ = server.timed(body)
        out["sizes"].append({"bytes": size, "wall": ms / 1000, "cpu": server.cpu() - cpu0})
    out["rss_mb"] = server.rss_mb()
    if sections.over_budget():
        out["incomplete"].append("quality")
        return out
    out["articles"] = _quality_checks(server, work.articles)
    if work.seed is not None:
        out["seed"] = _quality_checks(server, [work.seed])
    out["rss_mb"] = max(out["rss_mb"], server.rss_mb())
    return out


def _quality_checks(server: Server, paths: list[Path]) -> list[Finding]:
    """Each file checked once, two requests at a time (the server has a thread per
    request, the machine two cores): for the quality tables, not timed."""
    from concurrent.futures import ThreadPoolExecutor

    def one(path: Path) -> list[Finding]:
        body = path.read_text(encoding="utf-8")
        return findings(str(path.resolve()), body, server.check(body))

    with ThreadPoolExecutor(2) as pool:
        return [f for part in pool.map(one, paths) for f in part]
