"""``python -m rolint`` is the ``rolint`` command."""

from rolint.cli import run

raise SystemExit(run())
