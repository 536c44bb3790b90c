"""Run commands and measure what they cost: wall time, CPU time, peak memory.

- wall: perf_counter around the processes, start to the last exit;
- CPU: user + system time from ``wait4`` (each process and the children it waited for,
  e.g. rolint's worker processes), summed over the processes;
- peak RSS: the resident memory of the whole process tree, summed and sampled every
  10 ms from /proc (a tool that forks workers is counted with its workers);
- peak PSS: the proportional set size of the same tree (smaps_rollup), where a page
  shared by n processes counts 1/n in each: the fair sum for a tool of several processes
  (forked workers share the parent's pages, which RSS counts once per process).
  smaps_rollup walks the page tables (tens of ms for a large process), so it is read
  only when the RSS sum reaches a new high, and at most every 0.25 s once the tree is
  over 100 MB.

Several commands can run at once (:func:`run_all`: one tool over parts of a workload);
they are measured as one. A run that outlives its time limit is killed with its
process groups and reported as timed out; its numbers are not used for ratios.
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
    """What one command (or several at once) cost, and what it printed."""

    wall: float  # seconds
    cpu: float  # seconds, user + system
    rss_mb: float  # peak resident memory of the process tree, MB
    returncode: int  # the first non-zero exit status, else 0
    stdout: bytes  # of the first command
    stderr: bytes
    timed_out: bool = False
    pss_mb: float = 0.0  # peak proportional set size of the tree, MB
    stdouts: tuple[bytes, ...] = ()  # of every command, in order


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


def tree(pids: list[int]) -> list[int]:
    """``pids`` and all their descendants that are still alive."""
    out, stack, seen = [], list(pids), set()
    while stack:
        p = stack.pop()
        if p in seen:
            continue
        seen.add(p)
        out.append(p)
        stack.extend(_children(p))
    return out


def _rss(pid: int) -> int:
    try:
        return int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE
    except (OSError, IndexError, ValueError):
        return 0


def _pss(pid: int) -> int:
    try:
        text = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return 0
    for line in text.splitlines():
        if line.startswith("Pss:"):
            return int(line.split()[1]) * 1024
    return 0


def tree_rss(pid: int) -> int:
    """Resident bytes of ``pid`` and all its descendants (0 once it is gone)."""
    return sum(_rss(p) for p in tree([pid]))


def tree_pss(pid: int) -> int:
    """Proportional set size of ``pid`` and all its descendants, in bytes."""
    return sum(_pss(p) for p in tree([pid]))


class _Sampler(threading.Thread):
    PSS_EVERY = 0.25  # seconds at least between two smaps_rollup reads of a large tree
    PSS_SMALL = 100_000_000  # bytes of RSS under which a tree is small

    def __init__(self, pids: list[int], deadline: float | None) -> None:
        super().__init__(daemon=True)
        self.pids, self.deadline = pids, deadline
        self.peak = 0
        self.peak_pss = 0
        self.timed_out = False
        self.done = threading.Event()

    def run(self) -> None:
        pss_at, pss_rss = 0.0, 0
        while not self.done.is_set():
            procs = tree(self.pids)
            rss = sum(_rss(p) for p in procs)
            self.peak = max(self.peak, rss)
            now = time.perf_counter()
            # A small tree is read at every new high (cheap); a large one at most every
            # PSS_EVERY seconds (its page tables take tens of ms to walk).
            every = self.PSS_EVERY if rss > self.PSS_SMALL else 0.0
            if rss > pss_rss * 1.02 and now - pss_at >= every:
                self.peak_pss = max(self.peak_pss, sum(_pss(p) for p in procs))
                pss_at, pss_rss = time.perf_counter(), rss
            if self.deadline is not None and now > self.deadline:
                self.timed_out = True
                for pid in self.pids:
                    with contextlib.suppress(OSError):
                        os.killpg(pid, signal.SIGKILL)
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
    return run_all([cmd], cwd=cwd, env=env, stdin=stdin, timeout=timeout)


def run_all(
    cmds: list[list[str]],
    *,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    stdin: Path | None = None,
    timeout: float | None = None,
) -> Run:
    """Run ``cmds`` at the same time, each to its end (or all killed after ``timeout``
    seconds), measured together: wall until the last exits, CPU and memory summed."""
    with contextlib.ExitStack() as stack:
        outs = [stack.enter_context(tempfile.TemporaryFile()) for _ in cmds]
        err = stack.enter_context(tempfile.TemporaryFile())
        start = time.perf_counter()
        procs = []
        for cmd, out in zip(cmds, outs, strict=True):
            inp = stack.enter_context(open(stdin or os.devnull, "rb"))
            procs.append(
                subprocess.Popen(
                    cmd,
                    cwd=cwd,
                    env=env,
                    stdin=inp,
                    stdout=out,
                    stderr=err,
                    start_new_session=True,
                )
            )
        pids = [p.pid for p in procs]
        sampler = _Sampler(pids, None if timeout is None else start + timeout)
        sampler.start()
        cpu, codes = 0.0, []
        for proc in procs:
            _, status, usage = os.wait4(proc.pid, 0)
            proc.returncode = os.waitstatus_to_exitcode(status)
            codes.append(proc.returncode)
            cpu += usage.ru_utime + usage.ru_stime
        wall = time.perf_counter() - start
        sampler.done.set()
        sampler.join()
        stdouts = []
        for out in outs:
            out.seek(0)
            stdouts.append(out.read())
        err.seek(0)
        # Not ru_maxrss: it counts the forked child of this (large) Python before its exec.
        return Run(
            wall=wall,
            cpu=cpu,
            rss_mb=sampler.peak / 1e6,
            returncode=next((c for c in codes if c != 0), 0),
            stdout=stdouts[0],
            stderr=err.read(),
            timed_out=sampler.timed_out,
            pss_mb=sampler.peak_pss / 1e6,
            stdouts=tuple(stdouts),
        )
