"""LanguageTool for ``rolint check``: every file's paragraphs sent in parallel
(bounded by the Service's pool), merged into each file's built-in findings.

A LanguageTool that is absent or fails mid-batch costs one notice on stderr; every
built-in finding is still reported and the exit code is what it would have been
without LanguageTool (the CLI turns an incomplete run into exit 2 only when asked to
with ``--require-languagetool``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from rolint.config import Config
from rolint.document import Document
from rolint.languagetool import local
from rolint.languagetool.api import settings_of
from rolint.languagetool.merge import merge
from rolint.languagetool.runner import service, speller_accepts
from rolint.linter import FileResult
from rolint.readers import detect_format, read


def _document(result: FileResult, fmt: str | None) -> Document | None:
    if isinstance(result.doc, Document):
        return result.doc
    if result.doc is None:
        return None
    return read(result.doc.source, fmt or detect_format(result.path), result.path, False)


@dataclass
class BatchState:
    """What LanguageTool did over a whole batch, chunk after chunk."""

    sent: int = 0  # files sent to LanguageTool
    complete: bool = True
    notice: str | None = None

    def final_notice(self) -> str | None:
        """The one notice to print at the end (None: LanguageTool answered in full)."""
        if self.sent == 0:
            return "nu este activat pentru aceste fișiere ([languagetool] enabled = true)"
        if not self.complete:
            return self.notice or "răspuns incomplet"
        return self.notice


def _todo(
    results: list[FileResult], config_of: Callable[[str], Config | None], fmt: str | None
) -> list[tuple[FileResult, Document, Config, Any]]:
    todo = []
    for r in results:
        if r.error is not None or r.doc is None:
            continue
        cfg = config_of(r.path)
        if cfg is None:
            continue
        settings = settings_of(cfg)
        if settings.enabled:
            doc = _document(r, fmt)
            if doc is not None:
                todo.append((r, doc, cfg, settings))
    return todo


def merge_chunk(
    results: list[FileResult],
    config_of: Callable[[str], Config | None],
    fmt: str | None,
    state: BatchState,
) -> None:
    """Add LanguageTool's findings to ``results`` in place, for the files whose config
    enables it; every file's paragraphs are in flight together (bounded by the
    Service's pool). What went wrong is added to ``state``."""
    todo = _todo(results, config_of, fmt)
    if not todo:
        return
    svc = service()
    svc.url(todo[0][3], wait_s=local.START_TIMEOUT)  # a local server: start it once, wait
    pending = [(r, doc, cfg, svc.submit(doc, settings)) for r, doc, cfg, settings in todo]
    state.sent += len(todo)
    for r, doc, cfg, p in pending:
        outcome = svc.collect(p, cfg.rules_for(r.path))
        state.complete = state.complete and outcome.complete
        state.notice = state.notice or outcome.notice
        r.diagnostics = merge(doc, r.diagnostics, outcome.diagnostics, speller_accepts(cfg, r.path))
