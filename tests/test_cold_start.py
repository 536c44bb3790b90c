"""What a cold `rolint check` does before and after it checks: the command's own exit
path, and (below) the caches and lazy work that keep start-up short."""

from __future__ import annotations

import subprocess
import sys


def _probe(code: str, *args: str) -> list[str]:
    proc = subprocess.run(
        [sys.executable, "-c", code, *args], input=b"", capture_output=True, text=False
    )
    return proc.stdout.decode().splitlines()[-1].split()  # the probe's line comes last


def test_the_command_freezes_before_exit_but_main_in_process_does_not() -> None:
    """`rolint` (cli.run) freezes what is alive before the process ends, so shutdown's
    collections skip the loaded tables; cli.main, called in process, leaves the
    collector's generations as they were."""
    probe = (
        "import gc, sys; from rolint import cli; sys.argv[1:] = ['check', '-']; "
        "code = cli.{}(); print(code, gc.get_freeze_count() > 0)"
    )
    assert _probe(probe.format("main")) == ["0", "False"]
    assert _probe(probe.format("run")) == ["0", "True"]
