"""LanguageTool in the language server: a second lane beside the built-in checks.

The built-in diagnostics of a version are published first, as before. Then this lane
sends the version's paragraphs to LanguageTool off the event loop (only those not in
the paragraph cache of :class:`rolint.languagetool.runner.Service`, so a one-word edit
re-sends one paragraph) and, when the answers arrive, publishes the built-in items
plus LanguageTool's merged ones — unless the document has moved on meanwhile: an
answer for an older version is dropped. A dead or hung server leaves the built-in
diagnostics alone, costs one notice, and the lane tries again after a short cool-off,
so it recovers by itself when the server is back.

The server code calls exactly two functions: :func:`after_publish` (push mode) and
:func:`pulled` (pull mode). Nothing of LanguageTool is imported until a document's
configuration enables it.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field
from typing import Any

from rolint.languagetool.settings import LTSettings, from_table
from rolint.lsp.convert import diagnostic_json

log = logging.getLogger("rolint.lsp.languagetool")


@dataclass
class _Answer:
    key: Any  # the CheckResult key it belongs to
    items: list[dict[str, Any]]
    complete: bool


@dataclass
class Lane:
    """Per-server state: the answer per document, running tasks, the notice state."""

    answers: dict[str, _Answer] = field(default_factory=dict)
    tasks: dict[str, asyncio.Task[None]] = field(default_factory=dict)
    failing: bool = False
    published: int = 0  # LanguageTool publications so far (tests and benchmarks read it)


def lane_of(ls: Any) -> Lane:
    lane = getattr(ls, "_languagetool_lane", None)
    if lane is None:
        lane = Lane()
        ls._languagetool_lane = lane
    return lane


def settings_for(ls: Any, st: Any, res: Any) -> LTSettings | None:
    """The document's LanguageTool settings (None: not enabled). The editor's
    ``languageTool.url`` setting overrides the project's url and turns it on."""
    if res.doc is None or res.cfg is None:
        return None
    settings = from_table(res.cfg.languagetool)
    editor_url = ls.settings_for(st.folder).languagetool_url
    if editor_url:
        settings = LTSettings(
            True,
            editor_url.rstrip("/"),
            settings.disabled_rules,
            settings.disabled_categories,
            settings.picky,
            settings.timeout_ms,
        )
    return settings if settings.enabled else None


def after_publish(ls: Any, st: Any, res: Any) -> None:
    """Push mode: built-in items of ``res`` were just published; add LanguageTool's."""
    settings = settings_for(ls, st, res)
    if settings is None:
        return
    _start(ls, st, res, settings, refresh=False)


def pulled(ls: Any, st: Any, res: Any) -> tuple[list[dict[str, Any]], str]:
    """Pull mode: the items and result id to answer with; starts LanguageTool for this
    version if needed (its answer triggers ``workspace/diagnostic/refresh``)."""
    settings = settings_for(ls, st, res)
    if settings is None:
        return res.items, res.result_id
    lane = lane_of(ls)
    answer = lane.answers.get(st.doc.uri)
    if answer is not None and answer.key == res.key:
        return res.items + answer.items, f"{res.result_id}.lt"
    _start(ls, st, res, settings, refresh=True)
    return res.items, res.result_id


def _start(ls: Any, st: Any, res: Any, settings: LTSettings, refresh: bool) -> None:
    lane = lane_of(ls)
    uri = st.doc.uri
    old = lane.tasks.get(uri)
    if old is not None and not old.done():
        old.cancel()  # its answer would be for an older version anyway
    lane.tasks[uri] = asyncio.ensure_future(_run(ls, lane, st, res, settings, refresh))


def _check(res: Any, settings: LTSettings) -> tuple[list[Any], bool, str | None]:
    """On a worker thread: LanguageTool for ``res.doc``, merged; LT diagnostics kept."""
    from rolint.languagetool import local
    from rolint.languagetool.merge import merge
    from rolint.languagetool.runner import service, speller_accepts

    svc = service()
    svc.url(settings, wait_s=local.START_TIMEOUT)  # a local server: wait for it once
    outcome = svc.check(res.doc, settings, res.cfg.rules_for(res.path))
    merged = merge(res.doc, res.diags, outcome.diagnostics, speller_accepts(res.cfg, res.path))
    ours = {id(d) for d in res.diags}
    return [d for d in merged if id(d) not in ours], outcome.complete, outcome.notice


async def _run(ls: Any, lane: Lane, st: Any, res: Any, settings: LTSettings, refresh: bool) -> None:
    loop = asyncio.get_running_loop()
    try:
        kept, complete, notice = await loop.run_in_executor(None, _check, res, settings)
    except asyncio.CancelledError:
        raise
    except Exception as exc:  # never let LanguageTool break the built-in lane
        log.exception("LanguageTool lane failed")
        kept, complete, notice = [], False, f"{type(exc).__name__}: {exc}"
    _notice(ls, lane, complete, notice)
    if st.closed or ls.key(st) != res.key:
        return  # an answer for an older version: dropped
    items: list[dict[str, Any]] = [dict(diagnostic_json(res.doc, d, res.encoding)) for d in kept]
    lane.answers[st.doc.uri] = _Answer(res.key, items, complete)
    lane.published += 1
    if refresh:
        _refresh(ls)
    else:
        ls.send_diagnostics(st.doc.uri, res.items + items, st.doc.version)


def _notice(ls: Any, lane: Lane, complete: bool, notice: str | None) -> None:
    """One notice when LanguageTool starts failing, one line when it is back."""
    if not complete and not lane.failing:
        lane.failing = True
        ls.show_once(
            "warning",
            f"rolint: LanguageTool indisponibil ({notice}); afișez doar regulile rolint",
        )
    elif complete and lane.failing:
        lane.failing = False
        ls._shown = {m for m in ls._shown if "LanguageTool" not in m}
        ls.log_client("info", "rolint: LanguageTool răspunde din nou")


def _refresh(ls: Any) -> None:
    try:
        ls.protocol.send_request("workspace/diagnostic/refresh", None)
    except Exception:
        log.debug("cannot ask for a diagnostic refresh", exc_info=True)


def forget(ls: Any, uri: str) -> None:
    """A closed document: its task and answer go."""
    lane = lane_of(ls)
    task = lane.tasks.pop(uri, None)
    if task is not None:
        task.cancel()
    lane.answers.pop(uri, None)
