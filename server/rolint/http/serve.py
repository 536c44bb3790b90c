"""``rolint serve``: uvicorn around the app, with a graceful drain on SIGTERM.

On SIGTERM (or Ctrl+C) ``/readyz`` turns 503 at once so a load balancer stops sending;
after ``--drain-seconds`` uvicorn stops accepting, lets the requests in flight finish
and exits 0. ``--workers N`` starts N processes on one socket (one checker each).
"""

from __future__ import annotations

import os
import shutil
import signal
import sys
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from typing import Any

import uvicorn

CONFIG_ENV = "ROLINT_SERVE_CONFIG"


def service_from_env() -> Any:
    """The Service of a (worker) process: config from ``ROLINT_SERVE_CONFIG`` or the
    working folder, auth from the environment."""
    from .service import Service, auth_from_env, config_from

    path = os.environ.get(CONFIG_ENV)
    return Service(config_from(Path(path) if path else None), auth_from_env())


DRAIN_ENV = "ROLINT_SERVE_DRAIN_SECONDS"


def install_drain(service: Any) -> None:
    """Wrap uvicorn's SIGTERM/SIGINT handlers (called from the lifespan, in each worker,
    after uvicorn installed them): mark ``service`` draining first, so ``/readyz`` says
    503, and hand the signal on to uvicorn after ``ROLINT_SERVE_DRAIN_SECONDS``."""
    delay = float(os.environ.get(DRAIN_ENV, "0") or 0)
    for sig in (signal.SIGTERM, signal.SIGINT):
        previous = signal.getsignal(sig)
        if not callable(previous):
            continue

        def handler(
            signum: int, frame: FrameType | None, previous: Callable[..., Any] = previous
        ) -> None:
            first = not service.draining
            service.draining = True
            if first and delay > 0:
                timer = threading.Timer(delay, previous, (signum, frame))
                timer.daemon = True
                timer.start()
            else:
                previous(signum, frame)

        try:
            signal.signal(sig, handler)
        except ValueError:  # not the main thread (an app embedded elsewhere): no drain hook
            return


def run(
    host: str,
    port: int,
    workers: int = 1,
    config: Path | None = None,
    drain_seconds: float = 0.0,
    timeout_graceful: int = 30,
) -> int:
    """Serve until stopped; 0 after a clean drain, 2 when the settings are unusable."""
    from rolint.config import ConfigError

    from .service import auth_from_env, config_from

    try:
        config_from(config)  # fail here, with a message, not in every worker
        auth_from_env()
    except (ConfigError, OSError, ValueError) as exc:
        print(f"rolint serve: {exc}", file=sys.stderr)
        return 2
    if config is not None:
        os.environ[CONFIG_ENV] = str(config.resolve())
    os.environ[DRAIN_ENV] = str(drain_seconds)
    metrics_dir = None
    if workers > 1 and "PROMETHEUS_MULTIPROC_DIR" not in os.environ:
        metrics_dir = tempfile.mkdtemp(prefix="rolint-metrics-")
        os.environ["PROMETHEUS_MULTIPROC_DIR"] = metrics_dir
    # uvicorn re-raises the stop signal after its graceful shutdown (to die of it); a
    # handler of our own makes that re-raise a no-op, so a drained server exits 0.
    stopped: list[int] = []
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda signum, frame: stopped.append(signum))
    uvicorn.run(
        "rolint.http.app:create_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        access_log=False,
        timeout_graceful_shutdown=timeout_graceful,
        log_level="warning",
        lifespan="on",
    )
    if metrics_dir is not None:
        shutil.rmtree(metrics_dir, ignore_errors=True)
    return 0
