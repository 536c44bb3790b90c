"""``python -m rolint.spelling``: compile the dictionary cache, check words, learn vocab."""

from rolint.spelling.cli import main

raise SystemExit(main())
