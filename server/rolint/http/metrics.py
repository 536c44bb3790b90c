"""Prometheus metrics (prometheus-client), every name prefixed ``rolint_``.

Label sets are bounded: verdicts (3), rule ids (the rule registry), route templates and
status codes. With ``--workers N`` each worker process writes its samples to the folder
in ``PROMETHEUS_MULTIPROC_DIR`` (set by ``rolint serve``) and ``/metrics`` adds them up.
"""

from __future__ import annotations

import os

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
)

_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.15, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)


class Metrics:
    """The service's metrics in their own registry (one per app: tests start several)."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        r = self.registry
        self.checks = Counter(
            "rolint_checks_total", "Checks answered, by verdict", ["verdict"], registry=r
        )
        self.check_seconds = Histogram(
            "rolint_check_duration_seconds",
            "Time from request to answer of POST /v1/check and /v1/fix",
            ["endpoint"],
            buckets=_BUCKETS,
            registry=r,
        )
        self.overrides = Counter(
            "rolint_overrides_total",
            "Overrides recorded, by blocking rule",
            ["rule"],
            registry=r,
        )
        self.requests = Counter(
            "rolint_http_requests_total",
            "HTTP requests, by route and status",
            ["route", "status"],
            registry=r,
        )
        self.cache = Counter(
            "rolint_cache_lookups_total", "Result cache lookups", ["result"], registry=r
        )
        self.incomplete = Counter(
            "rolint_incomplete_checks_total", "Checks answered incomplete", registry=r
        )
        self.queue = Gauge(
            "rolint_queue_depth",
            "Checks waiting or running",
            registry=r,
            multiprocess_mode="livesum",
        )

    def exposition(self) -> tuple[bytes, str]:
        """The text exposition format (of every worker, in multiprocess mode)."""
        if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
            from prometheus_client import multiprocess

            registry = CollectorRegistry()
            multiprocess.MultiProcessCollector(registry)
            return generate_latest(registry), CONTENT_TYPE_LATEST
        return generate_latest(self.registry), CONTENT_TYPE_LATEST
