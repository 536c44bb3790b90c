"""What the doors call: a Document and its built-in diagnostics in, merged out.

``check_with_budget`` is for ``rolint serve``: LanguageTool inside the request's time
budget, and if it misses the budget, the built-in verdict in time with
``complete = False``.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from rolint.config import Config
from rolint.diagnostic import Diagnostic
from rolint.document import Document
from rolint.languagetool.merge import merge
from rolint.languagetool.runner import service, speller_accepts
from rolint.languagetool.settings import LTSettings, from_table


@dataclass
class Checked:
    diagnostics: list[Diagnostic]  # ours and LanguageTool's, merged
    complete: bool  # False: LanguageTool was on but did not (fully) answer
    notice: str | None = None  # why not, in Romanian


def settings_of(cfg: Config) -> LTSettings:
    return from_table(cfg.languagetool)


def check_with_budget(
    doc: Document,
    deadline: float,
    cfg: Config | None = None,
    builtin: list[Diagnostic] | None = None,
) -> Checked:
    """``doc`` checked by rolint and, when enabled, by LanguageTool until ``deadline``
    (a ``time.monotonic()`` value). ``builtin``: diagnostics already computed."""
    cfg = cfg or Config()
    if builtin is None:
        from rolint.linter import engine_for

        builtin = engine_for(cfg, doc.path).check(doc)
    settings = settings_of(cfg)
    if not settings.enabled:
        return Checked(builtin, True)
    svc = service()
    wait_s = max(0.0, deadline - time.monotonic())
    outcome = svc.check(doc, settings, cfg.rules_for(doc.path), deadline, wait_s=wait_s)
    merged = merge(doc, builtin, outcome.diagnostics, speller_accepts(cfg, doc.path))
    return Checked(merged, outcome.complete, outcome.notice)
