"""LanguageTool's JSON matches → rolint Diagnostics in source coordinates."""

from __future__ import annotations

from typing import Any

from rolint.diagnostic import Diagnostic, Edit, Fix
from rolint.document import Document
from rolint.languagetool.annotate import Request, source_span
from rolint.rule import Severity

MAX_REPLACEMENTS = 5
FAMILY = "languagetool"
# LanguageTool's issue types: the ones that are errors of the language are warnings,
# matters of style and the rest are information.
_WARNING_TYPES = frozenset({"misspelling", "grammar", "typographical", "uncategorized"})


def severity_for(rule: str, issue_type: str, settings: dict[str, str]) -> Severity | None:
    """The severity of a ``languagetool/<ID>`` diagnostic under the file's rule settings
    (``[rules]`` may name the id or the family; "off": None)."""
    level = settings.get(rule, settings.get(FAMILY))
    if level == "off":
        return None
    if level is not None and level != "on":
        return Severity.parse(level)
    return Severity.WARNING if issue_type in _WARNING_TYPES else Severity.INFO


def to_diagnostics(
    doc: Document, req: Request, matches: list[dict[str, Any]], settings: dict[str, str]
) -> list[Diagnostic]:
    out = []
    for m in matches:
        rule_info = m.get("rule") or {}
        rule = f"{FAMILY}/{rule_info.get('id', 'UNKNOWN')}"
        severity = severity_for(rule, str(rule_info.get("issueType", "")), settings)
        if severity is None:
            continue
        start, end = source_span(doc, req, int(m.get("offset", 0)), int(m.get("length", 0)))
        reps = tuple(
            str(r["value"])
            for r in (m.get("replacements") or [])[:MAX_REPLACEMENTS]
            if "value" in r
        )
        fix = None
        if reps and _plain(doc, start, end):
            fix = Fix((Edit(start, end, doc.escape(reps[0])),), safe=False)
        category = rule_info.get("category") or {}
        out.append(
            Diagnostic(
                rule,
                severity,
                str(m.get("message", "")),
                start,
                end,
                reps,
                fix,
                {
                    "category": category.get("id", ""),
                    "category_name": category.get("name", ""),
                    "issue_type": rule_info.get("issueType", ""),
                    "description": rule_info.get("description", ""),
                },
            )
        )
    return out


def _plain(doc: Document, start: int, end: int) -> bool:
    """Is the source span prose only (no markup that a replacement would erase)?"""
    if doc.fmt == "text":
        return True
    piece = doc.source[start:end]
    return not any(c in piece for c in "<>&*_[]`")
