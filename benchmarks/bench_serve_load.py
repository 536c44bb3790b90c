"""Load test of ``rolint serve`` on loopback: N concurrent clients send M checks of
~1,500-word articles built from ../shared/corpus (read at run time, never copied).

Each client edits its own article, as an editor's CMS does on every save: every request
changes one paragraph (a sentence added with the request number), so no two requests
have the same content hash and the result cache never answers; the engine's per-block
cache does, for the paragraphs that did not change. ``--mode cold`` sends a different
article every time (nothing cached anywhere); ``--mode repeat`` sends the same revision
again (result-cache hits). Bounded in count (``--requests``) and time (``--max-seconds``).

    python benchmarks/bench_serve_load.py                         # 20 clients, 5,000 requests
    python benchmarks/bench_serve_load.py --mode cold --requests 1000
    python benchmarks/bench_serve_load.py --format html --workers 2
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus

ROOT = Path(__file__).resolve().parents[1]


def paragraphs() -> list[str]:
    """Corpus paragraphs of at least 8 words (the 64 articles and 400 dataset records)."""
    out = []
    for text in corpus.load_texts(400):
        out.extend(p.strip() for p in text.split("\n") if len(p.split()) >= 8)
    return out


def article(pool: list[str], start: int, words: int) -> list[str]:
    """Consecutive paragraphs from ``start`` until ``words`` words."""
    out: list[str] = []
    count = 0
    i = start
    while count < words:
        p = pool[i % len(pool)]
        out.append(p)
        count += len(p.split())
        i += 1
    return out


def fields(paras: list[str], fmt: str) -> list[dict[str, str]]:
    if fmt == "html":
        body = "\n".join(f"<p>{p.replace('&', '&amp;').replace('<', '&lt;')}</p>" for p in paras)
    else:
        body = "\n\n".join(paras)
    return [
        {"name": "title", "format": "text", "content": paras[0][:120]},
        {"name": "body", "format": fmt, "content": body},
    ]


def request_for(mode: str, pool: list[str], client: int, n: int, args: argparse.Namespace) -> dict:  # type: ignore[type-arg]
    """The body of request ``n`` of ``client``."""
    if mode == "cold":
        paras = article(pool, (client * 100_003 + n * 37) % len(pool), args.words)
    else:
        paras = article(pool, client * 211, args.words)
        if mode == "revisions":
            k = n % len(paras)
            paras[k] = f"{paras[k]} Actualizare {client}-{n}: redacția a adăugat o precizare."
    return {"document": {"id": f"bench-{client}"}, "fields": fields(paras, args.format)}


async def post(
    reader: asyncio.StreamReader, writer: asyncio.StreamWriter, port: int, body: bytes
) -> tuple[int, bytes]:
    """One ``POST /v1/check`` on a kept-alive connection (a minimal HTTP/1.1 client: the
    load generator shares the machine with the server, so it must cost little)."""
    head = (
        f"POST /v1/check HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
        f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n"
    )
    writer.write(head.encode() + body)
    await writer.drain()
    status_line = await reader.readuntil(b"\r\n")
    length = 0
    while True:
        line = await reader.readuntil(b"\r\n")
        if line == b"\r\n":
            break
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value)
    return int(status_line.split()[1]), await reader.readexactly(length)


async def client_loop(
    port: int,
    todo: list[bytes],
    deadline: float,
    out: list[float],
    errors: list[str],
) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        while todo and time.monotonic() < deadline:
            body = todo.pop()
            start = time.perf_counter()
            try:
                status, answer = await asyncio.wait_for(post(reader, writer, port, body), 60)
            except (OSError, asyncio.IncompleteReadError, TimeoutError) as exc:
                errors.append(f"{type(exc).__name__}: {exc}")
                writer.close()
                reader, writer = await asyncio.open_connection("127.0.0.1", port)
                continue
            if status != 200:
                errors.append(f"{status}: {answer[:200]!r}")
            else:
                out.append(time.perf_counter() - start)
    finally:
        writer.close()


def start_server(port: int, workers: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "server")}
    cmd = [sys.executable, "-m", "rolint", "serve", "--port", str(port), "--workers", str(workers)]
    proc = subprocess.Popen(
        cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=2).status_code == 200:
                return proc
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    stop(proc)
    raise SystemExit("rolint serve did not become ready")


def stop(proc: subprocess.Popen[bytes]) -> int:
    proc.send_signal(signal.SIGTERM)
    try:
        return proc.wait(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        return proc.wait()


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system) of process ``pid`` and its children now alive (Linux
    /proc): what the server spent, whatever else the shared machine was doing."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if stat.parent.name == str(pid) or fields[1] == str(pid):
            total += (int(fields[11]) + int(fields[12])) / tick
    return total


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def bodies(pool: list[str], args: argparse.Namespace) -> list[list[bytes]]:
    """Every client's request bodies, encoded before the clock starts (last first)."""
    out = []
    for client in range(args.clients):
        numbers = range(client, args.requests, args.clients)
        out.append(
            [json.dumps(request_for(args.mode, pool, client, n, args)).encode() for n in numbers][
                ::-1
            ]
        )
    return out


async def run(
    port: int, todo: list[list[bytes]], args: argparse.Namespace
) -> tuple[list[float], list[str], float]:
    out: list[float] = []
    errors: list[str] = []
    deadline = time.monotonic() + args.max_seconds
    start = time.perf_counter()
    await asyncio.gather(
        *(client_loop(port, todo[i], deadline, out, errors) for i in range(args.clients))
    )
    return out, errors, time.perf_counter() - start


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--requests", type=int, default=5000)
    p.add_argument("--clients", type=int, default=20)
    p.add_argument("--workers", type=int, default=2)
    p.add_argument("--words", type=int, default=1500)
    p.add_argument("--format", choices=("text", "html"), default="text")
    p.add_argument("--mode", choices=("revisions", "cold", "repeat"), default="revisions")
    p.add_argument("--max-seconds", type=float, default=600)
    p.add_argument("--port", type=int, help="an already running server (default: start one)")
    args = p.parse_args()
    if not corpus.available():
        print(f"skipped: {corpus.ARTICLES} is not present on this machine")
        return 0
    pool = paragraphs()
    todo = bodies(pool, args)
    proc = None
    port = args.port
    if port is None:
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        proc = start_server(port, args.workers)
    print(f"load average before: {corpus.load_average()}")
    sample = request_for(args.mode, pool, 0, 0, args)
    words = sum(len(f["content"].split()) for f in sample["fields"])
    print(
        f"{args.requests} requests, {args.clients} clients, mode {args.mode}, format "
        f"{args.format}, ~{words} words per request, server workers {args.workers}"
    )
    cpu_before = cpu_seconds(proc.pid) if proc is not None else 0.0
    own_before = time.process_time()
    try:
        latencies, errors, seconds = asyncio.run(run(port, todo, args))
        cpu = cpu_seconds(proc.pid) - cpu_before if proc is not None else 0.0
    finally:
        code = stop(proc) if proc is not None else 0
    own = time.process_time() - own_before
    print(f"load average after:  {corpus.load_average()}")
    done = len(latencies)
    if latencies:
        ms = [x * 1000 for x in latencies]
        print(
            f"answered {done} in {seconds:.1f} s: {done / seconds:.1f} req/s; "
            f"p50 {statistics.median(ms):.1f} ms, p95 {percentile(ms, 0.95):.1f} ms, "
            f"p99 {percentile(ms, 0.99):.1f} ms, max {max(ms):.1f} ms"
        )
        print(
            f"CPU per request: server {cpu / done * 1000:.1f} ms (all workers), "
            f"load generator {own / done * 1000:.1f} ms; the server alone could answer "
            f"~{(os.cpu_count() or 1) / (cpu / done):.0f} req/s on {os.cpu_count()} idle cores"
        )
    not_sent = args.requests - done - len(errors)
    print(f"errors: {len(errors)}; not sent (time limit): {not_sent}; server exit code {code}")
    for e in errors[:5]:
        print("  ", e)
    return 1 if errors or code != 0 else 0


if __name__ == "__main__":
    raise SystemExit(main())
