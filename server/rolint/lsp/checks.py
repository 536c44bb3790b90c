"""The work the language server does off the event loop, on its lint thread.

Everything here is synchronous and knows nothing of the protocol: it resolves the
configuration of a document (project config + editor layer), runs the shared engine
(whose block cache makes a re-check after an edit cost only the touched blocks plus
document-level rules, with a result equal to a full check by construction), converts
results to LSP values, and computes fix edits.

Two lanes run engine work (see :mod:`rolint.lsp.lanes`): the interactive lane
(documents being edited, one thread) and the bulk lane (documents over ``BULK_CHARS``,
in a worker process, :mod:`rolint.lsp.worker`; workspace checks on a thread), so a
10 MB document never holds up squiggles elsewhere. Engines and their caches are not
thread-safe, so the bulk thread uses its own engines (same rule instances, own cache):
rules are pure functions of their input and setup.
"""

from __future__ import annotations

import contextlib
import itertools
import zlib
from bisect import bisect_left
from collections.abc import Callable, Hashable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rolint import config as config_mod
from rolint.config import Config, ConfigError
from rolint.diagnostic import Diagnostic, Edit
from rolint.document import Document
from rolint.engine import Engine
from rolint.fixes import apply_edits, fix_text, fixable
from rolint.linter import engine_for
from rolint.lsp.convert import diagnostic_json
from rolint.lsp.settings import Settings, effective_config, vocabulary_file
from rolint.positions import Encoding
from rolint.readers import InputError, read
from rolint.sources import read_source, too_large, walk

_STALE_EVERY = 2000  # diagnostics converted between two staleness checks
BULK_CHARS = 1_000_000  # documents larger than this are checked on the bulk lane
_BULK_ENGINES: dict[int, tuple[Engine, Engine]] = {}


def lane_engine(cfg: Config, path: str | None, bulk: bool) -> Engine:
    """The engine for a check on the interactive (shared engine) or bulk lane."""
    engine = engine_for(cfg, path)
    if not bulk:
        return engine
    found = _BULK_ENGINES.get(id(engine))
    if found is None or found[0] is not engine:
        if len(_BULK_ENGINES) > 32:
            _BULK_ENGINES.clear()
        found = (engine, Engine(engine.rules, engine.severities))
        _BULK_ENGINES[id(engine)] = found
    return found[1]


def warm_up(cfg: Config, path: str | None) -> None:
    """Let the interactive lane's engine for ``cfg`` build its rules' lazy tables."""
    lane_engine(cfg, path, False).warm_up()


class Stale(Exception):
    """The document changed while it was being checked; the result would be thrown away."""


@dataclass(frozen=True)
class Snapshot:
    """What one check needs, captured on the event loop."""

    key: Hashable
    text: str
    fmt: str
    path: Path | None
    folder: Path | None
    settings: Settings
    encoding: Encoding
    #: the document's previous result: conversions of unmoved diagnostics are reused
    previous: CheckResult | None = None

    @property
    def bulk(self) -> bool:
        return len(self.text) > BULK_CHARS


@dataclass
class CheckResult:
    """A checked version of a document: rolint and LSP diagnostics in parallel lists."""

    key: Hashable
    source: str
    doc: Document | None  # None: not checked (too large, see messages)
    diags: list[Diagnostic]
    items: list[dict[str, Any]]  # LSP Diagnostics as JSON data (convert.diagnostic_json)
    encoding: Encoding
    cfg: Config | None = None
    fmt: str = "text"
    path: str | None = None
    result_id: str = ""
    bulk: bool = False
    #: stamps of the config and vocabulary files this check read (see config_stamps)
    stamps: dict[str, tuple[int, int]] = field(default_factory=dict)
    #: (level, text) for the client: "error" | "warning" | "info"
    messages: list[tuple[str, str]] = field(default_factory=list)


def base_config(path: Path | None, folder: Path | None, messages: list[tuple[str, str]]) -> Config:
    """The project's config for a document (an invalid config is reported, defaults used)."""
    start = path if path is not None else folder if folder is not None else Path.cwd()
    try:
        return config_mod.config_for(start)
    except ConfigError as exc:
        messages.append(("error", f"{exc} — folosesc setările implicite până la corectare"))
        root = folder if folder is not None else start if start.is_dir() else start.parent
        return Config(root=root)


def document_config(snap: Snapshot, messages: list[tuple[str, str]]) -> Config:
    base = base_config(snap.path, snap.folder, messages)
    return effective_config(base, snap.settings, _str(snap.path), snap.folder)


def _str(path: Path | None) -> str | None:
    return str(path) if path is not None else None


def _run(
    doc: Document,
    cfg: Config,
    path: str | None,
    bulk: bool,
    encoding: Encoding,
    key: Hashable,
    fmt: str,
    messages: list[tuple[str, str]],
    stale: Callable[[], bool],
    previous: CheckResult | None = None,
) -> CheckResult:
    if stale():
        raise Stale
    engine = lane_engine(cfg, path, bulk)
    diags, errors = engine.checked(doc)
    messages.extend(("error", e) for e in errors)
    reuse, prefix, tail, tail_from = _reusable(previous, doc, encoding)
    items = []
    for i, d in enumerate(diags):
        if i % _STALE_EVERY == _STALE_EVERY - 1 and stale():
            raise Stale
        if d.end < prefix:
            item = reuse.get(_same(d))
        elif d.start >= tail_from:
            item = tail.get(_same(d))
        else:
            item = None
        items.append(item if item is not None else diagnostic_json(doc, d, encoding))
    return CheckResult(
        key, doc.source, doc, diags, items, encoding, cfg, fmt, path, messages=messages, bulk=bulk
    )


_Reuse = dict[tuple[object, ...], dict[str, Any]]


def _same(d: Diagnostic) -> tuple[object, ...]:
    return (d.rule, d.message, d.severity, d.start, d.end)


def _reusable(
    previous: CheckResult | None, doc: Document, encoding: Encoding
) -> tuple[_Reuse, int, _Reuse, int]:
    """Converted diagnostics of the previous result that cannot have moved.

    Returns ``(head, prefix, tail, tail_from)``:

    * ``prefix`` is the length of the text both versions share from the start. A
      diagnostic ending before it (strictly: the character at its end is shared too, so
      a ``\r`` cannot have become ``\r\n``) has the same position in both texts,
      whatever the encoding arithmetic: ``head`` holds its JSON by :func:`_same`.
    * ``tail_from`` is the first line start (in the new text) inside the text both
      versions share at the end, provided the old text has a line start at the same
      place of that shared end with the same line number. From there on both texts are
      equal and the lines are numbered alike, so a diagnostic starting at or after it
      has the same line and character as its old counterpart ``len(new) - len(old)``
      code points earlier: ``tail`` holds the old JSON by :func:`_same` of the new
      offsets. ``tail_from`` is past the end of the text when there is no such point.
    """
    new = doc.source
    nothing: _Reuse = {}
    if previous is None or previous.encoding != encoding or not previous.items:
        return nothing, 0, nothing, len(new) + 1
    old = previous.source
    prefix = _common_prefix(old, new)
    head = {
        _same(d): item
        for d, item in zip(previous.diags, previous.items, strict=True)
        if d.end < prefix
    }
    tail: _Reuse = {}
    tail_from = len(new) + 1
    old_doc = previous.doc
    suffix = _common_suffix(old, new)
    if old_doc is not None and suffix > 0:
        delta = len(new) - len(old)
        starts = doc.lines.line_starts
        line = bisect_left(starts, len(new) - suffix + 1)  # the break before it is shared
        old_starts = old_doc.lines.line_starts
        if (
            line < len(starts)
            and line < len(old_starts)
            and old_starts[line] == starts[line] - delta
        ):
            tail_from = starts[line]
            old_from = tail_from - delta
            for d, item in zip(previous.diags, previous.items, strict=True):
                if d.start >= old_from:
                    tail[(d.rule, d.message, d.severity, d.start + delta, d.end + delta)] = item
    return head, prefix, tail, tail_from


def _unchecked(
    key: Hashable,
    text: str,
    encoding: Encoding,
    cfg: Config,
    fmt: str,
    path: str | None,
    messages: list[tuple[str, str]],
) -> CheckResult:
    return CheckResult(key, text, None, [], [], encoding, cfg, fmt, path, messages=messages)


def check(snap: Snapshot, stale: Callable[[], bool]) -> CheckResult:
    """Check one snapshot; raise :class:`Stale` as soon as the document has moved on."""
    messages: list[tuple[str, str]] = []
    place = snap.path.parent if snap.path is not None else snap.folder
    stamps = config_stamps([(place, snap.folder, snap.settings)]) if place else {}
    cfg = document_config(snap, messages)
    path = _str(snap.path)
    reason = too_large(snap.text, cfg)
    if reason is not None:
        messages.append(("warning", f"{path or 'document'}: {reason}"))
        result = _unchecked(snap.key, snap.text, snap.encoding, cfg, snap.fmt, path, messages)
    else:
        doc = read(snap.text, snap.fmt, path)
        result = _run(
            doc,
            cfg,
            path,
            snap.bulk,
            snap.encoding,
            snap.key,
            snap.fmt,
            messages,
            stale,
            snap.previous,
        )
    result.stamps = stamps
    return result


def check_file(
    path: Path, fmt: str, folder: Path | None, settings: Settings, encoding: Encoding
) -> CheckResult:
    """Check a file on disk (rolint.checkWorkspace) as ``rolint check`` reads it, on the
    bulk lane."""
    messages: list[tuple[str, str]] = []
    base = base_config(path, folder, messages)
    cfg = effective_config(base, settings, str(path), folder)
    try:  # as every door reads a file: size limit before reading, then decoding
        _, source, bom = read_source(path, cfg)
    except InputError as exc:
        messages.append(("warning", f"{path}: {exc}"))
        return _unchecked(None, "", encoding, cfg, fmt, str(path), messages)
    doc = read(source, fmt, str(path), bom)
    return _run(doc, cfg, str(path), True, encoding, None, fmt, messages, lambda: False)


# -- fixes -------------------------------------------------------------------------


def _common_prefix(a: str, b: str) -> int:
    lo, hi = 0, min(len(a), len(b))
    while lo < hi:  # binary search: each comparison runs in C
        mid = (lo + hi + 1) // 2
        if a[:mid] == b[:mid]:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _common_suffix(a: str, b: str) -> int:
    lo, hi = 0, min(len(a), len(b))
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if a[len(a) - mid :] == b[len(b) - mid :]:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _diff_edit(old: str, new: str) -> Edit:
    """One edit turning ``old`` into ``new``: the changed middle, common ends kept."""
    prefix = _common_prefix(old, new)
    suffix = _common_prefix(old[prefix:][::-1], new[prefix:][::-1])
    return Edit(prefix, len(old) - suffix, new[prefix : len(new) - suffix])


def _disjoint(edits: list[Edit]) -> bool:
    return all(
        b.start > a.end or (b.start == a.end and a.start < a.end)
        for a, b in itertools.pairwise(edits)
    )


def fix_edits(result: CheckResult, rule: str | None = None) -> list[Edit]:
    """Source edits applying every safe fix (of ``rule``, or all) until none remains.

    The same loop as ``rolint fix`` (``fixes.fix_text``). When one round suffices (the
    usual case) the edits are the fixes themselves, so the editor keeps cursors and
    marks; otherwise one edit covers the changed region.
    """
    if result.doc is None or result.cfg is None:
        return []
    engine = lane_engine(result.cfg, result.path, result.bulk)
    source, fmt, path = result.source, result.fmt, result.path

    def check_text(text: str) -> list[Diagnostic]:
        if text is source:
            return result.diags
        return engine.check(read(text, fmt, path))

    final, _ = fix_text(source, check_text, rule=rule)
    if final == source:
        return []
    edits = sorted(
        (e for d in fixable(result.diags, rule=rule) if d.fix for e in d.fix.edits),
        key=lambda e: (e.start, e.end),
    )
    if _disjoint(edits) and apply_edits(source, edits)[0] == final:
        return edits
    return [_diff_edit(source, final)]


# -- the workspace ----------------------------------------------------------------


def workspace_files(folder: Path) -> Iterator[Path]:
    """Files ``rolint check FOLDER`` would check (the folder's config include/exclude)."""
    try:
        cfg = config_mod.config_for(folder)
    except ConfigError:
        cfg = Config(root=folder)
    exclude = (*config_mod.DEFAULT_EXCLUDE, *cfg.exclude)
    yield from walk(folder, cfg.include, exclude, [])


def _stamp(path: Path) -> tuple[int, int]:
    try:
        st = path.stat()
    except OSError:
        return (-1, -1)
    return (st.st_mtime_ns, st.st_size)


def config_stamps(places: list[tuple[Path, Path | None, Settings]]) -> dict[str, tuple[int, int]]:
    """Modification stamps of every config and vocabulary file the given places use.

    ``places`` are (folder of a document or workspace folder, its workspace folder,
    its settings). A changed stamp means open documents must be checked again.
    """
    stamps: dict[str, tuple[int, int]] = {}
    for where, folder, settings in places:
        found = config_mod.find_config(where)
        # which config applies, as a number stable across processes (not hash(): the
        # huge-document worker computes stamps too, with its own hash seed)
        stamps[f"config:{where}"] = (zlib.crc32(str(found).encode("utf-8", "surrogatepass")), 0)
        files: list[Path] = []
        base = Config(root=folder or where)
        if found is not None:
            files.append(found)
            with contextlib.suppress(ConfigError):
                base = config_mod.load(found)
        files.extend(base.accept_files)
        files.extend(base.reject_files)
        files.append(vocabulary_file(base, settings, folder))
        for f in files:
            stamps[str(f)] = _stamp(f)
    return stamps


def folder_of(path: Path, folders: list[Path]) -> Path | None:
    """The innermost workspace folder holding ``path``."""
    best: Path | None = None
    for folder in folders:
        try:
            path.relative_to(folder)
        except ValueError:
            continue
        if best is None or len(folder.parts) > len(best.parts):
            best = folder
    return best
