"""Language server under stress: memory over many edits, and a huge document's lane.

Drives `rolint lsp` over stdio with the raw JSON-RPC client of the tests
(tests/lsp/rawclient.py: ``json.loads`` only, as an editor does), ``debounceMs = 0``.

* ``memory``: opens 20 documents (corpus articles, read from ../shared at run time),
  then sends single-character edits round-robin at random places (fixed seed),
  waiting for the diagnostics of each, and prints the server's RSS after loading and
  every 2,000 edits (target: after 12,000 edits within 1.5× of after loading).
* ``huge``: the p50/p95 latency (didChange → publishDiagnostics) of edits to a small
  document (one ~3 kB article) alone, then with a 10 MB document open and being
  checked (it is opened just before, and edited again every 25 small edits), then
  alone again (target: with ≤ 2× alone; on a busy machine the alone p95 varies 5×
  from run to run, so the ratio to "alone again" is printed too); and when the huge
  document's diagnostics arrived.

    python benchmarks/bench_lsp_stress.py memory [--edits 12000] [--docs 20] [--trace]
    python benchmarks/bench_lsp_stress.py huge [--mb 10] [--edits 200]
    python benchmarks/bench_lsp_stress.py huge --edits 100 --compare /tmp/main/server

``--compare DIR`` runs the server imported from DIR (old) and this checkout's (new)
alternately, ``--rounds`` pairs, and prints one table: on a shared machine only
ratios measured side by side mean something.

Not a test: numbers go to RESULTS-lsp.md. Skips cleanly when ../shared is absent.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from typing import Any

from corpus import ARTICLES, available, load_average, pct

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from lsp.rawclient import RawClient, rss_mb  # noqa: E402


def articles() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(ARTICLES.glob("*.txt"))]


def position(text: str, offset: int) -> dict[str, int]:
    """LSP position (UTF-16) of a code-point offset; lines end at \\n in these texts."""
    line = text.count("\n", 0, offset)
    start = text.rfind("\n", 0, offset) + 1
    units = len(text[start:offset].encode("utf-16-le")) // 2
    return {"line": line, "character": units}


class Typist:
    """Single-character edits as a writer makes them: a letter typed at a random place,
    and now and then one of the letters typed before deleted again, so a document keeps
    at most ``pending`` stray letters (its findings stay comparable to the original's
    while every text is new: the caches see a miss on every edit)."""

    def __init__(self, text: str, rng: random.Random, pending: int = 3) -> None:
        self.text, self.rng, self.pending = text, rng, pending
        self.typed: list[int] = []

    def edit(self) -> dict[str, Any]:
        rng, text = self.rng, self.text
        if len(self.typed) >= self.pending:
            at = self.typed.pop(rng.randrange(len(self.typed)))
            self.typed = [p - 1 if p > at else p for p in self.typed]
            change = {"range": {"start": position(text, at), "end": position(text, at + 1)}}
            self.text = text[:at] + text[at + 1 :]
            return {**change, "text": ""}
        at = rng.randrange(len(text) + 1)
        self.typed = [p + 1 if p >= at else p for p in self.typed] + [at]
        new = rng.choice("aeiouştrnsc")
        self.text = text[:at] + new + text[at:]
        return {"range": {"start": position(text, at), "end": position(text, at)}, "text": new}


def one_char_edit(text: str, rng: random.Random) -> tuple[str, dict[str, Any]]:
    """A single-character insert or delete at a random place; (new text, change)."""
    at = rng.randrange(max(1, len(text)))
    if rng.random() < 0.6 or len(text) < 2:
        new, end = rng.choice("aeiouştrnsc "), at
    else:
        new, end = "", min(len(text), at + 1)
    change = {"range": {"start": position(text, at), "end": position(text, end)}, "text": new}
    return text[:at] + new + text[end:], change


def start(root: Path, trace: Path | None = None, server: str | None = None) -> RawClient:
    """The server over stdio (``server``: the folder its rolint package is imported
    from, default this checkout's); with ``trace``, under tracemalloc
    (benchmarks/lsp_traced.py), writing its snapshots to ``trace``.<n>."""
    env = {"PYTHONPATH": server or str(ROOT / "server")}
    if trace is None:
        client = RawClient({"debounceMs": 0}, env)
    else:
        command = [sys.executable, str(Path(__file__).with_name("lsp_traced.py"))]
        client = RawClient({"debounceMs": 0}, {**env, "ROLINT_TRACE_OUT": str(trace)}, command)
    client.initialize(root, ["utf-16"])
    return client


class Tracer:
    """Asks a traced server for snapshots and compares them (what grew, by line)."""

    def __init__(self, client: RawClient, base: Path) -> None:
        self.client, self.base = client, base
        self.labels: list[str] = []

    def take(self, label: str) -> None:
        n = len(self.labels)
        self.labels.append(label)
        os.kill(self.client.pid, signal.SIGUSR1)
        done = Path(f"{self.base}.{n}.snap")
        deadline = time.monotonic() + 300
        while not done.exists() and time.monotonic() < deadline:
            time.sleep(0.2)

    def report(self, top: int = 25) -> None:
        """Growth by source line and by object type, from each snapshot to the last."""
        last = len(self.labels) - 1
        final = tracemalloc.Snapshot.load(f"{self.base}.{last}.snap")
        final_types = dict(json.loads(Path(f"{self.base}.{last}.types").read_text()))
        for n in range(last):
            snap = tracemalloc.Snapshot.load(f"{self.base}.{n}.snap")
            print(f"\n== traced memory, {self.labels[n]} → {self.labels[last]} ==")
            for stat in final.compare_to(snap, "traceback")[:top]:
                frames = " < ".join(
                    f"{Path(f.filename).name}:{f.lineno}" for f in stat.traceback[:4]
                )
                print(f"{stat.size_diff / 1e6:+8.2f} MB {stat.count_diff:+8d}  {frames}")
            types = dict(json.loads(Path(f"{self.base}.{n}.types").read_text()))
            grew = sorted(
                ((final_types.get(k, 0) - types.get(k, 0), k) for k in final_types), reverse=True
            )
            print("objects:", ", ".join(f"{k} {d:+d}" for d, k in grew[:12]))


def bench_memory(
    n_docs: int, n_edits: int, seed: int, trace: bool = False, server: str | None = None
) -> dict[str, float]:
    """RSS after loading and every 2,000 edits (MB, by label)."""
    root = Path(tempfile.mkdtemp(prefix="rolint-stress-"))
    texts = articles()[:n_docs]
    client = start(root, root / "trace" if trace else None, server)
    out: dict[str, float] = {}
    tracer = Tracer(client, root / "trace") if trace else None
    try:
        uris = [(root / f"doc{i:02}.txt").as_uri() for i in range(len(texts))]
        for uri, text in zip(uris, texts, strict=True):
            client.open(uri, text)
        for uri in uris:
            client.diagnostics(uri, 1, timeout=120)
        loaded = rss_mb(client.pid)
        print(f"{len(texts)} documents open and checked: RSS {loaded:.1f} MB", flush=True)
        out["loaded"] = loaded
        if tracer is not None:
            tracer.take("loaded")
        rng = random.Random(seed)
        versions = dict.fromkeys(uris, 1)
        typists = {uri: Typist(text, rng) for uri, text in zip(uris, texts, strict=True)}
        t0 = time.perf_counter()
        for i in range(1, n_edits + 1):
            uri = uris[i % len(uris)]
            change = typists[uri].edit()
            versions[uri] += 1
            mark = client.mark()
            client.change(uri, versions[uri], [change])
            client.wait_for(
                lambda m, u=uri, v=versions[uri]: (
                    m.get("method") == "textDocument/publishDiagnostics"
                    and m["params"]["uri"] == u
                    and m["params"].get("version") == v
                ),
                timeout=120,
                start=mark,
            )
            if i % 2000 == 0:
                rss = out[f"{i}"] = rss_mb(client.pid)
                print(
                    f"after {i:>6} edits: RSS {rss:.1f} MB ({rss / loaded:.2f}× loaded), "
                    f"{time.perf_counter() - t0:.0f} s, load {load_average()}",
                    flush=True,
                )
                if tracer is not None:
                    tracer.take(f"{i} edits")
            if i % 500 == 0:
                with client._cond:  # keep the client's own memory flat
                    del client.messages[:]
        if tracer is not None:
            tracer.report()
    finally:
        print(f"server exit code {client.stop()}")
    return out


def _latencies(
    client: RawClient,
    uri: str,
    text: str,
    version: int,
    n: int,
    rng: random.Random,
    between: Any = None,
) -> tuple[list[float], str, int]:
    out = []
    for i in range(n):
        if between is not None and i % 25 == 0:
            between()
        text, change = one_char_edit(text, rng)
        version += 1
        mark = client.mark()
        sent = time.perf_counter()
        client.change(uri, version, [change])
        client.wait_for(
            lambda m, v=version: (
                m.get("method") == "textDocument/publishDiagnostics"
                and m["params"]["uri"] == uri
                and m["params"].get("version") == v
            ),
            timeout=120,
            start=mark,
        )
        out.append((time.perf_counter() - sent) * 1000)
    return out, text, version


def summary(label: str, ms: list[float]) -> str:
    return (
        f"{label}: n={len(ms)} p50={pct(ms, 50):.1f} ms p95={pct(ms, 95):.1f} ms "
        f"max={max(ms):.1f} ms"
    )


def huge_text(mb: float) -> str:
    """About ``mb`` MB of corpus text whose paragraphs are all distinct (a numbered
    copy of each article), so no block is a cache hit of another."""
    base = articles()
    parts: list[str] = []
    size, copy = 0, 0
    while size < mb * 1_000_000:
        for art in base:
            paras = [f"{copy} {p}" for p in art.split("\n\n") if p.strip()]
            chunk = "\n\n".join(paras) + "\n\n"
            parts.append(chunk)
            size += len(chunk.encode("utf-8"))
        copy += 1
    return "".join(parts)


def bench_huge(mb: float, n_edits: int, seed: int, server: str | None = None) -> dict[str, float]:
    """p50/p95 of the small document's edits alone and with the huge one (ms)."""
    root = Path(tempfile.mkdtemp(prefix="rolint-stress-"))
    small = next(a for a in articles() if 2500 <= len(a.encode()) <= 4000)
    big = huge_text(mb)
    print(
        f"small document {len(small.encode())} bytes; "
        f"huge document {len(big.encode()) / 1e6:.1f} MB"
    )
    client = start(root, None, server)
    rng = random.Random(seed)
    try:
        s_uri, b_uri = (root / "mic.txt").as_uri(), (root / "mare.txt").as_uri()
        client.open(s_uri, small)
        client.diagnostics(s_uri, 1, timeout=120)
        _latencies(client, s_uri, small, 1, 20, rng)  # warm up
        alone, text, version = _latencies(client, s_uri, small, 21, n_edits, rng)
        print(summary("small document alone", alone))
        big_state = {"text": big, "version": 1}
        opened = time.perf_counter()
        client.open(b_uri, big)

        def edit_big() -> None:
            big_state["text"], change = one_char_edit(big_state["text"], rng)
            big_state["version"] += 1
            client.change(b_uri, big_state["version"], [change])

        with_big, text, version = _latencies(
            client, s_uri, text, version, n_edits, rng, between=edit_big
        )
        print(summary("small document, 10 MB document open and being checked", with_big))
        worst = sorted(range(len(with_big)), key=lambda k: -with_big[k])[:8]
        print(
            "  slowest (edit number: ms; the huge document is edited before 0, 25, 50, 75…): "
            + ", ".join(f"{k}: {with_big[k]:.0f}" for k in worst)
        )
        first_big = client.publications(b_uri)
        print(
            f"huge document: {len(first_big)} publications during the small edits "
            f"({time.perf_counter() - opened:.1f} s since its didOpen)"
        )
        last = client.diagnostics(b_uri, big_state["version"], timeout=600)
        print(
            f"huge document: diagnostics of its last version ({len(last['diagnostics'])}) "
            f"{time.perf_counter() - opened:.1f} s after its didOpen; "
            f"RSS {rss_mb(client.pid):.0f} MB"
        )
        again, _, _ = _latencies(client, s_uri, text, version, n_edits, rng)
        print(summary("small document alone again (huge one open, idle)", again))
        ratio = pct(with_big, 95) / pct(alone, 95)
        after = pct(with_big, 95) / pct(again, 95)
        print(f"p95 with the huge document / alone: {ratio:.2f}× (/ alone again: {after:.2f}×)")
    finally:
        print(f"server exit code {client.stop()}")
    return {
        "alone p50": pct(alone, 50),
        "alone p95": pct(alone, 95),
        "with p50": pct(with_big, 50),
        "with p95": pct(with_big, 95),
        "ratio": ratio,
        "again p95": pct(again, 95),
        "ratio to again": after,
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("scenario", choices=["memory", "huge"])
    ap.add_argument("--edits", type=int)
    ap.add_argument("--docs", type=int, default=20)
    ap.add_argument("--mb", type=float, default=10)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument(
        "--trace",
        action="store_true",
        help="memory: run the server under tracemalloc and print what grew (slow)",
    )
    ap.add_argument(
        "--compare",
        metavar="SERVER_DIR",
        help="also run the server imported from SERVER_DIR (e.g. an exported main's "
        "server/), old and new alternately, and print a table of both",
    )
    ap.add_argument("--server", metavar="SERVER_DIR", help="run only the server from SERVER_DIR")
    ap.add_argument("--rounds", type=int, default=2, help="with --compare: old/new pairs")
    args = ap.parse_args()
    if not available():
        print("skipped: ../shared/corpus/articles is not present on this machine")
        return 0
    print(f"load average {load_average()} at start")
    servers = [(args.server, args.server or "this checkout")]
    if args.compare:  # old and new alternately, old first
        servers = [(args.compare, "old"), (None, "new")] * args.rounds
    rows = []
    for server, label in servers:
        print(f"\n--- {label} ({server or ROOT / 'server'}), load {load_average()}", flush=True)
        if args.scenario == "memory":
            row = bench_memory(args.docs, args.edits or 12_000, args.seed, args.trace, server)
        else:
            row = bench_huge(args.mb, args.edits or 200, args.seed, server)
        rows.append((label, row, load_average()))
    if len(rows) > 1:
        print("\n| run | " + " | ".join(rows[0][1]) + " | load after |")
        for label, row, load in rows:
            print(f"| {label} | " + " | ".join(f"{v:.2f}" for v in row.values()) + f" | {load} |")
    print(f"load average {load_average()} at the end")
    return 0


if __name__ == "__main__":
    sys.exit(main())
