"""Run one command and measure what it cost: wall time, CPU time, peak memory.

- wall: perf_counter around the process, start to exit;
- CPU: user + system time from ``wait4`` (the process and the children it waited for,
  e.g. rolint's worker processes);
- peak RSS: the resident memory of the whole process tree, summed and sampled every
  10 ms from /proc (a tool that forks workers is counted with its workers).

A run that outlives its time limit is killed with its process group and reported as
timed out; its numbers are not used for ratios.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

PAGE = os.sysconf("SC_PAGE_SIZE")


@dataclass
class Run:
    """What one command cost, and what it printed."""

    wall: float  # seconds
    cpu: float  # seconds, user + system
    rss_mb: float  # peak resident memory of the process tree, MB
    returncode: int
    stdout: bytes
    stderr: bytes
    timed_out: bool = False


def _children(pid: int) -> list[int]:
    out: list[int] = []
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return out
    for tid in tasks:
        try:
            text = Path(f"/proc/{pid}/task/{tid}/children").read_text()
        except OSError:
            continue
        out.extend(int(c) for c in text.split())
    return out


def tree_rss(pid: int) -> int:
    """Resident bytes of ``pid`` and all its descendants (0 once it is gone)."""
    total, stack, seen = 0, [pid], set()
    while stack:
        p = stack.pop()
        if p in seen:
            continue
        seen.add(p)
        try:
            total += int(Path(f"/proc/{p}/statm").read_text().split()[1]) * PAGE
        except (OSError, IndexError, ValueError):
            continue
        stack.extend(_children(p))
    return total


class _Sampler(threading.Thread):
    def __init__(self, pid: int, deadline: float | None) -> None:
        super().__init__(daemon=True)
        self.pid, self.deadline = pid, deadline
        self.peak = 0
        self.timed_out = False
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.is_set():
            self.peak = max(self.peak, tree_rss(self.pid))
            if self.deadline is not None and time.perf_counter() > self.deadline:
                self.timed_out = True
                with contextlib.suppress(OSError):
                    os.killpg(self.pid, signal.SIGKILL)
                return
            self.done.wait(0.01)


def run(
    cmd: list[str],
    *,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    stdin: Path | None = None,
    timeout: float | None = None,
) -> Run:
    """Run ``cmd`` to its end (or ``timeout`` seconds) and return its costs and output."""
    with (
        tempfile.TemporaryFile() as out,
        tempfile.TemporaryFile() as err,
        open(stdin or os.devnull, "rb") as inp,
    ):
        start = time.perf_counter()
        proc = subprocess.Popen(
            cmd, cwd=cwd, env=env, stdin=inp, stdout=out, stderr=err, start_new_session=True
        )
        sampler = _Sampler(proc.pid, None if timeout is None else start + timeout)
        sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        sampler.done.set()
        sampler.join()
        out.seek(0)
        err.seek(0)
        # Not ru_maxrss: it counts the forked child of this (large) Python before its exec.
        peak = sampler.peak
        return Run(
            wall=wall,
            cpu=usage.ru_utime + usage.ru_stime,
            rss_mb=peak / 1e6,
            returncode=proc.returncode,
            stdout=out.read(),
            stderr=err.read(),
            timed_out=sampler.timed_out,
        )
