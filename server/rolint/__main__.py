"""``python -m rolint`` is the ``rolint`` command."""

from rolint.cli import main

raise SystemExit(main())
