"""One check of an article, as the HTTP door answers it (no HTTP here: plain functions).

The CPU-bound part (:func:`findings`) runs on the checker thread and its result is
cached; :func:`answer` then applies what differs per request (``ignore``, ``override``,
the server's address in ``url``) on the event loop, which is cheap.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any

from rolint.config import Config
from rolint.diagnostic import Edit
from rolint.fixes import fix_text
from rolint.linter import engine_for, lint_text
from rolint.output.json_format import diagnostic_json
from rolint.positions import Encoding, LineIndex
from rolint.readers import read

from .fingerprint import Memo, fingerprints
from .policy import VERDICTS, Policy

SEVERITY_ORDER = ("error", "warning", "info", "hint")


@dataclass(frozen=True)
class Findings:
    """What a check found in every field, with each diagnostic's ``blocking`` decided
    (shared between requests through the cache: never modified)."""

    content_hash: str
    fields: tuple[tuple[str, tuple[dict[str, Any], ...]], ...]
    actions: tuple[tuple[str | None, ...], ...]  # per field, per diagnostic: policy action
    complete: bool = True
    incomplete_reason: str | None = None


def content_hash(fields: list[dict[str, Any]]) -> str:
    """``sha256:`` of the fields as sent (name, format, content), order included."""
    canon = json.dumps(
        [[f["name"], f["format"], f["content"]] for f in fields],
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return "sha256:" + hashlib.sha256(canon.encode("utf-8")).hexdigest()


def _with_encoding(doc: Any, item: dict[str, Any], encoding: Encoding) -> dict[str, Any]:
    """``item`` with every range counted in ``encoding`` (the JSON sink counts UTF-16)."""
    if encoding == "utf-16":
        return item

    def span(offset: int, length: int) -> dict[str, Any]:
        (sl, sc), (el, ec) = doc.range(offset, offset + length, encoding)
        return {"start": {"line": sl, "character": sc}, "end": {"line": el, "character": ec}}

    item["range"] = span(item["offset"], item["length"])
    for edit in item.get("fix", {}).get("edits", ()):
        edit["range"] = span(edit["offset"], edit["length"])
    return item


def _with_languagetool(
    doc: Any, diags: list[Any], cfg: Config, deadline: float | None
) -> tuple[list[Any], str | None]:
    """``diags`` with LanguageTool's findings merged in, when the config enables it,
    within ``deadline`` (``time.monotonic()``); and why it is incomplete (None: it is
    not). Nothing of LanguageTool is imported unless it is enabled."""
    from rolint.languagetool.settings import enabled_in

    if deadline is None or not enabled_in(cfg.languagetool):
        return diags, None
    from rolint.languagetool.api import check_with_budget

    got = check_with_budget(doc, deadline, cfg, diags)
    if got.complete:
        return got.diagnostics, None
    return got.diagnostics, f"LanguageTool nu a răspuns la timp ({got.notice or 'incomplet'})"


def findings(
    fields: list[dict[str, Any]],
    cfg: Config,
    policy: Policy,
    encoding: Encoding,
    deadline: float | None = None,
    memo: Memo | None = None,
) -> Findings:
    """Check every field (CPU-bound: call it off the event loop). LanguageTool, when
    enabled, has until ``deadline``; what it did not answer makes the check incomplete.
    ``memo`` is the service's fingerprint table."""
    engine = engine_for(cfg)
    crashed: list[str] = []
    out = []
    actions = []
    missed: list[str] = []
    for f in fields:
        doc = read(f["content"], f["format"])
        diags, errors = engine.checked(doc)
        crashed.extend(errors)
        diags, lt_missed = _with_languagetool(doc, diags, cfg, deadline)
        if lt_missed:
            missed.append(lt_missed)
        prints = fingerprints(f["name"], doc.source, f["format"], diags, memo)
        items = []
        field_actions = []
        for d, fp in zip(diags, prints, strict=True):
            item = _with_encoding(doc, diagnostic_json(doc, d), encoding)
            action = policy.action(d.rule, d.severity.label)
            item["fingerprint"] = fp
            item["blocking"] = action == "block"
            items.append(item)
            field_actions.append(action)
        out.append((f["name"], tuple(items)))
        actions.append(tuple(field_actions))
    failed = [f"o regulă a eșuat: {e}" for e in crashed] + missed
    return Findings(
        content_hash(fields),
        tuple(out),
        tuple(actions),
        complete=not failed,
        incomplete_reason=failed[0] if failed else None,
    )


def timed_out(fields: list[dict[str, Any]], limit_ms: int) -> Findings:
    """The answer for a check that did not finish in time: nothing found, incomplete."""
    return Findings(
        content_hash(fields),
        tuple((f["name"], ()) for f in fields),
        tuple(() for _ in fields),
        complete=False,
        incomplete_reason=f"verificarea a depășit {limit_ms} ms; rezultat incomplet",
    )


def _worse(a: str, b: str) -> str:
    return a if VERDICTS.index(a) >= VERDICTS.index(b) else b


def _reasons(kept: list[tuple[str, dict[str, Any], str | None]]) -> list[str]:
    """Romanian reasons, blocking rules first, one line per (action, rule)."""
    groups: dict[tuple[str, str], list[tuple[str, dict[str, Any]]]] = {}
    for name, item, action in kept:
        if action is not None:
            groups.setdefault((action, item["rule"]), []).append((name, item))
    lines = []
    for action in ("block", "warn"):
        head = "Blochează publicarea" if action == "block" else "Avertisment"
        for (act, rule), found in groups.items():
            if act != action:
                continue
            per_field = Counter(name for name, _ in found)
            where = ", ".join(f"{n} în „{field}”" for field, n in per_field.items())
            lines.append(f"{head}: {rule} ({where}) — {found[0][1]['message']}")
    return lines


def answer(
    found: Findings,
    request: dict[str, Any],
    policy: Policy,
    check_id: str,
    ruleset: str,
    base_url: str,
) -> dict[str, Any]:
    """The response body of ``POST /v1/check`` for ``found`` and this request."""
    ignore = set(request.get("ignore", ()))
    kept: list[tuple[str, dict[str, Any], str | None]] = []
    fields_out = []
    ignored = 0
    for (name, items), actions in zip(found.fields, found.actions, strict=True):
        shown = []
        for item, action in zip(items, actions, strict=True):
            if item["fingerprint"] in ignore:
                ignored += 1
                continue
            shown.append({**item, "url": f"{base_url}/v1/rules/{item['rule']}"})
            kept.append((name, item, action))
        fields_out.append({"name": name, "diagnostics": shown})
    verdict = "publish"
    for _, _, action in kept:
        if action is not None:
            verdict = _worse(verdict, action)
    reasons = _reasons(kept)
    if not found.complete:
        verdict = _worse(verdict, policy.on_incomplete)
        reasons.append(f"Verificare incompletă: {found.incomplete_reason}")
    override = request.get("override")
    overridden = verdict == "block" and override is not None
    if override is not None and overridden:
        reasons.insert(0, f"Publicare aprobată de {override['user']}: {override['reason']}")
    counts = Counter(item["severity"] for _, item, _ in kept)
    return {
        "version": 1,
        "check_id": check_id,
        "content_hash": found.content_hash,
        "ruleset": ruleset,
        "verdict": verdict,
        "overridden": overridden,
        "reasons": reasons,
        "counts": {s: counts.get(s, 0) for s in SEVERITY_ORDER},
        "ignored": ignored,
        "complete": found.complete,
        "incomplete_reason": found.incomplete_reason,
        "fields": fields_out,
    }


def blocking_rules(body: dict[str, Any]) -> list[str]:
    """Rule ids of the blocking findings of an answer (for the audit line and metrics)."""
    return sorted(
        {d["rule"] for f in body["fields"] for d in f["diagnostics"] if d.get("blocking")}
    )


def ruleset_id(cfg: Config) -> str:
    """``rolint-<version>+<digest>`` of what decides the findings: enabled rules with their
    severities, rule options and vocabulary words (the result cache key includes it)."""
    from rolint import __version__
    from rolint import config as config_mod

    enabled = config_mod.effective_rules(cfg.rules_for(None))
    parts = {
        "rules": sorted((k, v.label) for k, v in enabled.items()),
        "options": repr(sorted(cfg.rule_options.items())),
        "accept": sorted(config_mod.read_vocabulary(cfg.accept_files)),
        "reject": sorted(config_mod.read_vocabulary(cfg.reject_files)),
    }
    digest = hashlib.sha256(json.dumps(parts, ensure_ascii=False).encode()).hexdigest()
    return f"rolint-{__version__}+{digest[:12]}"


_TOKEN = re.compile(r"\s+|\w+|[^\w\s]", re.UNICODE)


def net_edits(old: str, new: str) -> list[Edit]:
    """Edits on ``old`` that give ``new``, word-sized (a diff of word/space/punctuation
    tokens): a fix may take several rounds, and a CMS wants edits on what it sent."""
    a = _TOKEN.findall(old)
    b = _TOKEN.findall(new)
    a_at = [0]
    for tok in a:
        a_at.append(a_at[-1] + len(tok))
    b_at = [0]
    for tok in b:
        b_at.append(b_at[-1] + len(tok))
    edits = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, a, b).get_opcodes():
        if op != "equal":
            edits.append(Edit(a_at[i1], a_at[i2], new[b_at[j1] : b_at[j2]]))
    return edits


def fixed_fields(
    fields: list[dict[str, Any]], cfg: Config, unsafe: bool, encoding: Encoding
) -> list[dict[str, Any]]:
    """Every field with its fixes applied (safe ones; all with ``unsafe``), and the edits
    on the content as sent (CPU-bound: call it off the event loop)."""
    out = []
    for f in fields:
        fmt = f["format"]

        def check(text: str, fmt: str = fmt) -> list[Any]:
            return lint_text(text, fmt, None, cfg)[1]

        new, applied = fix_text(f["content"], check, unsafe=unsafe)
        lines = LineIndex(f["content"])
        edits = []
        for e in net_edits(f["content"], new):
            (sl, sc), (el, ec) = lines.position(e.start, encoding), lines.position(e.end, encoding)
            edits.append(
                {
                    "range": {
                        "start": {"line": sl, "character": sc},
                        "end": {"line": el, "character": ec},
                    },
                    "offset": e.start,
                    "length": e.end - e.start,
                    "text": e.text,
                }
            )
        out.append(
            {
                "name": f["name"],
                "format": fmt,
                "content": new,
                "changed": new != f["content"],
                "applied": applied,
                "edits": edits,
            }
        )
    return out
