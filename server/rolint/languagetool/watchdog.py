"""The local server's keeper: ``python -m rolint.languagetool.watchdog PARENT_PID CMD...``.

rolint starts this small process in a new session (its own process group); it starts
the JVM in that group and stops it as soon as the rolint process that asked for it is
gone — however it went: an orderly exit (rolint also kills the group from atexit), a
crash, or SIGKILL, where no atexit runs. That is what keeps orphan JVMs from piling up
(the failure vscode-ltex#908 reports). The parent is watched by polling ``getppid()``:
when rolint dies this process is re-parented, and its parent id changes.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from types import FrameType

POLL_SECONDS = 0.5
GRACE_SECONDS = 5.0


def _stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(GRACE_SECONDS)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def main(argv: list[str]) -> int:
    parent, cmd = int(argv[0]), argv[1:]
    proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL)

    def on_term(signum: int, frame: FrameType | None) -> None:
        _stop(proc)
        raise SystemExit(0)

    signal.signal(signal.SIGTERM, on_term)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the terminal's ^C is rolint's to handle
    while proc.poll() is None and os.getppid() == parent:
        time.sleep(POLL_SECONDS)
    _stop(proc)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
