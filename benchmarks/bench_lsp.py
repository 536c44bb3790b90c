"""Language-server latency: time from didChange to publishDiagnostics while typing.

A real client (pytest-lsp, the one the tests use) starts `rolint lsp` on stdio with
``debounceMs = 0`` (the debounce is excluded from what is measured), opens a
5,000-word article assembled from ../shared/corpus/articles, then sends 200 edits one
after another — typing-like: insert or delete letters and words, cedilla words, line
breaks — each at a random place (fixed seed), and waits for the diagnostics of that
version before the next edit. For each edit it records the time from sending the
didChange to receiving its publishDiagnostics.

It also reports the server's resident memory after loading (server started, article
opened and checked once) and at the end, and, for comparison, the same edits checked
in process (read + shared engine, no LSP) so the server's own overhead is visible.

    python benchmarks/bench_lsp.py [--edits 200] [--words 5000] [--off RULE ...]

Skips cleanly when ../shared is absent. Not a test: numbers go to RESULTS-lsp.md.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from corpus import SHARED, load_average, pct

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

WORDS = [
    "și",
    "anunţat",
    "ţară",
    "guvernul",
    "a",
    "spus",
    "că",
    "ştirea",
    "în",
    "pentru",
    "catalgat",
    "sînt",
    '"declarație"',
    "primăria",
    "ieri",
    "luni",
]


def article(words: int) -> str:
    """One long article: corpus articles joined until ``words`` words."""
    parts: list[str] = []
    count = 0
    for path in sorted((SHARED / "corpus" / "articles").glob("*.txt")):
        text = path.read_text(encoding="utf-8").strip()
        parts.append(text)
        count += len(text.split())
        if count >= words:
            break
    text = "\n\n".join(parts)
    tokens = text.split(" ")
    # cut at ``words`` whitespace-separated words, keeping line structure
    kept, seen = [], 0
    for tok in tokens:
        kept.append(tok)
        seen += len(tok.split())
        if seen >= words:
            break
    return " ".join(kept) + "\n"


def edits(text: str, n: int, rng: random.Random) -> list[tuple[int, int, str]]:
    """``n`` typing-like edits, each relative to the text after the previous one."""
    out = []
    for _ in range(n):
        at = rng.randrange(len(text))
        kind = rng.random()
        if kind < 0.45:
            start, end, new = at, at, rng.choice("aeiouştrnsc ")  # type one letter
        elif kind < 0.65:
            start, end, new = at, min(len(text), at + 1), ""  # delete one letter
        elif kind < 0.85:
            start, end, new = at, at, " " + rng.choice(WORDS)  # type a word
        elif kind < 0.95:
            start, end, new = at, min(len(text), at + rng.randrange(1, 12)), ""  # delete more
        else:
            start, end, new = at, at, "\n\n"  # split a paragraph
        out.append((start, end, new))
        text = text[:start] + new + text[end:]
    return out


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def summary(label: str, ms: list[float]) -> str:
    return (
        f"{label}: n={len(ms)} p50={pct(ms, 50):.1f} ms p95={pct(ms, 95):.1f} ms "
        f"p99={pct(ms, 99):.1f} ms max={max(ms):.1f} ms mean={statistics.fmean(ms):.1f} ms"
    )


async def bench_server(text: str, plan: list[tuple[int, int, str]], off: list[str]) -> list[float]:
    from lsp.helpers import start

    folder = Path(tempfile.mkdtemp(prefix="rolint-bench-"))
    t0 = time.perf_counter()
    settings = {"debounceMs": 0, "rules": {rule: "off" for rule in off}}
    session = await start(folders=[folder], init_options=settings)
    started = time.perf_counter() - t0
    pid = session.client._server.pid
    uri = (folder / "articol.txt").as_uri()
    t0 = time.perf_counter()
    session.open(uri, text)
    first = await session.diagnostics(uri, 1, timeout=120)
    opened = time.perf_counter() - t0
    print(
        f"server: started+initialized in {started:.2f} s; article opened and checked in "
        f"{opened * 1000:.0f} ms ({len(first)} diagnostics)"
    )
    print(f"server RSS after loading: {rss_mb(pid):.1f} MB")
    latencies = []
    for start_, end, new in plan:
        sent = time.perf_counter()
        version = session.change(uri, [(start_, end, new)])
        await session.diagnostics(uri, version, timeout=60)
        arrived = session.published[uri][-1].at
        latencies.append((arrived - sent) * 1000)
    print(f"server RSS after {len(plan)} edits: {rss_mb(pid):.1f} MB")
    last = session.published[uri][-1].diagnostics
    print(f"final diagnostics: {len(last)}")
    await session.stop()
    return latencies


class RawClient:
    """A minimal JSON-RPC client on the server's stdio: json.loads and nothing else.

    Editors parse LSP messages natively; the Python client above also converts every
    message into lsprotocol objects, which for ~500 diagnostics costs more than the
    server's work. This client measures what an editor would see.
    """

    def __init__(self, proc: asyncio.subprocess.Process, settings: dict) -> None:  # type: ignore[type-arg]
        self.proc = proc
        self.settings = settings
        self.next_id = 0

    async def send(self, payload: dict) -> None:  # type: ignore[type-arg]
        import json

        body = json.dumps(payload).encode()
        assert self.proc.stdin is not None
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        await self.proc.stdin.drain()

    async def request(self, method: str, params: dict) -> None:  # type: ignore[type-arg]
        self.next_id += 1
        await self.send({"jsonrpc": "2.0", "id": self.next_id, "method": method, "params": params})

    async def notify(self, method: str, params: dict) -> None:  # type: ignore[type-arg]
        await self.send({"jsonrpc": "2.0", "method": method, "params": params})

    async def read(self) -> dict:  # type: ignore[type-arg]
        import json

        assert self.proc.stdout is not None
        length = 0
        while True:
            line = await self.proc.stdout.readline()
            if line in (b"\r\n", b""):
                break
            if line.lower().startswith(b"content-length:"):
                length = int(line.split(b":")[1])
        msg = json.loads(await self.proc.stdout.readexactly(length))
        if "method" in msg and "id" in msg:  # a request from the server: answer it
            result = None
            if msg["method"] == "workspace/configuration":
                result = [self.settings for _ in msg["params"]["items"]]
            await self.send({"jsonrpc": "2.0", "id": msg["id"], "result": result})
        return msg

    async def diagnostics(self, uri: str, version: int) -> tuple[float, int]:
        while True:
            msg = await self.read()
            if msg.get("method") != "textDocument/publishDiagnostics":
                continue
            params = msg["params"]
            if params["uri"] == uri and params.get("version") == version:
                return time.perf_counter(), len(params["diagnostics"])


async def bench_server_raw(
    text: str, plan: list[tuple[int, int, str]], off: list[str]
) -> list[float]:
    from rolint.positions import LineIndex

    folder = Path(tempfile.mkdtemp(prefix="rolint-bench-"))
    settings = {"debounceMs": 0, "rules": {rule: "off" for rule in off}}
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "rolint",
        "lsp",
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        limit=2**26,
    )
    client = RawClient(proc, settings)
    await client.request(
        "initialize",
        {
            "processId": os.getpid(),
            "rootUri": folder.as_uri(),
            "workspaceFolders": [{"uri": folder.as_uri(), "name": "bench"}],
            "initializationOptions": settings,
            "capabilities": {
                "general": {"positionEncodings": ["utf-16"]},
                "textDocument": {"publishDiagnostics": {"versionSupport": True}},
            },
        },
    )
    while "result" not in await client.read():
        pass
    await client.notify("initialized", {})
    uri = (folder / "articol.txt").as_uri()
    await client.notify(
        "textDocument/didOpen",
        {"textDocument": {"uri": uri, "languageId": "plaintext", "version": 1, "text": text}},
    )
    await client.diagnostics(uri, 1)
    latencies = []
    for version, (start, end, new) in enumerate(plan, start=2):
        index = LineIndex(text)
        (sl, sc), (el, ec) = index.position(start), index.position(end)
        change = {
            "range": {"start": {"line": sl, "character": sc}, "end": {"line": el, "character": ec}},
            "text": new,
        }
        text = text[:start] + new + text[end:]
        sent = time.perf_counter()
        await client.notify(
            "textDocument/didChange",
            {"textDocument": {"uri": uri, "version": version}, "contentChanges": [change]},
        )
        arrived, _ = await client.diagnostics(uri, version)
        latencies.append((arrived - sent) * 1000)
    await client.request("shutdown", {})
    await client.notify("exit", {})
    await proc.wait()
    return latencies


def bench_in_process(text: str, plan: list[tuple[int, int, str]], off: list[str]) -> list[float]:
    from rolint import gc_tuning
    from rolint.config import Config
    from rolint.linter import engine_for
    from rolint.readers import read

    cfg = Config(rules={rule: "off" for rule in off})
    engine = engine_for(cfg, None)
    gc_tuning.tune()  # as the server does
    engine.check(read(text))
    gc_tuning.settle()
    out = []
    for start, end, new in plan:
        text = text[:start] + new + text[end:]
        t = time.perf_counter()
        engine.check(read(text))
        out.append((time.perf_counter() - t) * 1000)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--edits", type=int, default=200)
    ap.add_argument("--words", type=int, default=5000)
    ap.add_argument("--seed", type=int, default=5)
    ap.add_argument(
        "--off",
        action="append",
        default=[],
        metavar="RULE",
        help="switch a rule (or family) off through the editor settings",
    )
    args = ap.parse_args()
    if not (SHARED / "corpus" / "articles").is_dir():
        print(f"skipped: {SHARED}/corpus/articles is not present on this machine")
        return 0
    print(f"machine: {os.cpu_count()} cores, load average {load_average()} at start")
    text = article(args.words)
    plan = edits(text, args.edits, random.Random(args.seed))
    print(
        f"article: {len(text.split())} words, {len(text)} characters, "
        f"{text.count(chr(10) * 2) + 1} paragraphs; {len(plan)} edits; rules off: "
        f"{', '.join(args.off) or 'none'}"
    )
    server = asyncio.run(bench_server(text, plan, args.off))
    print(summary("didChange → publishDiagnostics (pytest-lsp client)", server))
    raw = asyncio.run(bench_server_raw(text, plan, args.off))
    print(summary("didChange → publishDiagnostics (raw JSON client)", raw))
    engine = bench_in_process(text, plan, args.off)
    print(summary("in process (read + engine.check, no LSP)", engine))
    print(f"load average {load_average()} at the end")
    return 0


if __name__ == "__main__":
    sys.exit(main())
