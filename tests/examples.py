"""How many examples a property test draws.

The default profile draws a quarter of a test's full count, never fewer than 100
(Hypothesis's own default), which keeps the whole suite under a minute on two cores and
still meets every branch these properties were written for; ``ROLINT_FUZZ=long`` (as for
tests/fuzz) draws the full count, for a change to the speller's fast paths, the LSP's
reuse of diagnostics or the fix applier, and before a release.
"""

from __future__ import annotations

import os

LONG = os.environ.get("ROLINT_FUZZ", "fast") == "long"


def examples(full: int) -> int:
    """``full`` under ``ROLINT_FUZZ=long``; by default a quarter of it, at least 100."""
    return full if LONG else min(full, max(100, full // 4))
