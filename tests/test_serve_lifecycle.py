"""The process: SIGTERM drains (the request in flight completes, exit 0), readyz turns
503 while draining, a full queue answers 429 with Retry-After, several workers serve one
port; and ``rolint check`` never imports the HTTP stack."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

from serve_server import ROOT, Server, text


def _article(tag: str, paragraphs: int) -> str:
    """A long article never checked before (``tag`` makes it unique: no cache hit)."""
    return "\n\n".join(
        f"Paragraful {i} {tag}: primarul a declarat că elevii sînt în siguranță "
        f"și că ţara are nevoie de {i} școli noi."
        for i in range(paragraphs)
    )


def _check_in_thread(server: Server, content: str) -> tuple[threading.Thread, list[object]]:
    out: list[object] = []

    def run() -> None:
        try:
            with httpx.Client(timeout=120) as c:
                out.append(c.post(f"{server.url}/v1/check", json={"fields": [text("b", content)]}))
        except Exception as exc:  # recorded for the assertion
            out.append(exc)

    t = threading.Thread(target=run)
    t.start()
    return t, out


def _wait_for_log(server: Server, event: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if any(x.get("path") == event for x in server.log_lines()):
            return
        time.sleep(0.05)


def test_sigterm_during_a_request_completes_it_and_exits_zero() -> None:
    s = Server(args=("--drain-seconds", "1"))
    try:
        s.wait_ready()
        # ~450,000 characters (under max-field-chars): about a second of checking, so
        # that it is still running when the signal comes, however fast the rules get.
        thread, out = _check_in_thread(s, _article("sigterm", 4000))
        time.sleep(0.1)  # the check is running on the checker thread now
        # the event loop is free while the check runs: health answers before the check
        assert httpx.get(f"{s.url}/livez", timeout=10).status_code == 200
        assert not out, "the check finished too soon to test the drain"
        s.proc.send_signal(15)
        time.sleep(0.2)
        draining = httpx.get(f"{s.url}/readyz", timeout=10)
        assert draining.status_code == 503 and draining.json()["status"] == "draining"
        thread.join(120)
        (r,) = out
        assert isinstance(r, httpx.Response), r
        assert r.status_code == 200 and r.json()["complete"] is True
        assert r.json()["fields"][0]["diagnostics"]
        assert s.proc.wait(timeout=60) == 0
    finally:
        s.close()


def test_full_queue_answers_429_with_retry_after() -> None:
    s = Server("[serve]\nqueue = 1\n")
    try:
        s.wait_ready()
        with ThreadPoolExecutor(6) as pool:
            futures = [
                pool.submit(
                    httpx.post,
                    f"{s.url}/v1/check",
                    json={"fields": [text("b", _article(f"q{i}", 600))]},
                    timeout=120,
                )
                for i in range(6)
            ]
            answers = [f.result() for f in futures]
        codes = sorted(r.status_code for r in answers)
        assert 200 in codes and 429 in codes and set(codes) <= {200, 429}
        busy = next(r for r in answers if r.status_code == 429)
        assert int(busy.headers["retry-after"]) >= 1
        assert busy.headers["content-type"] == "application/problem+json"
    finally:
        assert s.terminate() == 0
        s.close()


def test_two_workers_share_the_port_and_the_metrics() -> None:
    s = Server(args=("--workers", "2"))
    try:
        s.wait_ready()
        for i in range(6):
            r = s.client.post("/v1/check", json={"fields": [text("t", f"Știrea {i} e gata.")]})
            assert r.status_code == 200
        metrics = s.client.get("/metrics").text
        lines = [x for x in metrics.splitlines() if x.startswith("rolint_checks_total{")]
        assert sum(float(x.split()[-1]) for x in lines) >= 6
    finally:
        assert s.terminate() == 0
        s.close()


def test_bad_config_exits_2_with_a_message(tmp_path: Path) -> None:
    cfg = tmp_path / "rolint.toml"
    cfg.write_text('[serve.policy]\nblock = ["nu/exista"]\n', encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "server")}
    cmd = [sys.executable, "-m", "rolint", "serve", "--port", "1", "--config", str(cfg)]
    done = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=60)
    assert done.returncode == 2
    assert "serve.policy.block" in done.stderr


def test_rolint_check_does_not_import_the_http_stack(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Elevii sînt în vacanță.\n", encoding="utf-8")
    (tmp_path / "rolint.toml").write_text('[serve.policy]\nblock = ["error"]\n', "utf-8")
    code = (
        "import sys; from rolint.cli import main; rc = main(['check', sys.argv[1]]);"
        "bad = [m for m in ('starlette', 'uvicorn', 'prometheus_client', 'jsonschema', "
        "'rolint.http.app') if m in sys.modules]; print('LOADED', bad); sys.exit(rc)"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT / "server")}
    done = subprocess.run(
        [sys.executable, "-c", code, str(article)], capture_output=True, text=True, env=env
    )
    assert done.returncode == 1, done.stderr  # the finding is reported
    assert "LOADED []" in done.stdout
