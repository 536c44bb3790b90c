"""LanguageTool for ``rolint check``: every file's paragraphs sent in parallel
(bounded by the Service's pool), merged into each file's built-in findings.

A LanguageTool that is absent or fails mid-batch costs one notice on stderr; every
built-in finding is still reported and the exit code is what it would have been
without LanguageTool (the CLI turns an incomplete run into exit 2 only when asked to
with ``--require-languagetool``).
"""

from __future__ import annotations

from collections.abc import Callable
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


def run(
    results: list[FileResult], config_of: Callable[[str], Config | None], fmt: str | None
) -> tuple[bool, str | None]:
    """Add LanguageTool's findings to ``results`` in place, for the files whose config
    enables it. Returns (complete, notice); incomplete when no file enables it (the
    CLI calls this only when LanguageTool is wanted)."""
    todo: list[tuple[FileResult, Document, Config, Any]] = []
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
    if not todo:
        return False, "nu este activat pentru aceste fișiere ([languagetool] enabled = true)"
    svc = service()
    svc.url(todo[0][3], wait_s=local.START_TIMEOUT)  # a local server: start it once, wait
    pending = [(r, doc, cfg, svc.submit(doc, settings)) for r, doc, cfg, settings in todo]
    complete, notice = True, None
    for r, doc, cfg, p in pending:
        outcome = svc.collect(p, cfg.rules_for(r.path))
        complete = complete and outcome.complete
        notice = notice or outcome.notice
        r.diagnostics = merge(doc, r.diagnostics, outcome.diagnostics, speller_accepts(cfg, r.path))
    return complete, notice
