"""SARIF 2.1.0 for code-scanning dashboards (GitHub code scanning reads it).

Columns are 1-based UTF-16 code units (SARIF's default ``columnKind``), lines 1-based.
Each rule used appears once in ``tool.driver.rules`` with its documentation.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, TextIO

from rolint import __version__, registry
from rolint.diagnostic import Diagnostic
from rolint.linter import FileResult
from rolint.output import Rendered
from rolint.rule import Severity

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {
    Severity.ERROR: "error",
    Severity.WARNING: "warning",
    Severity.INFO: "note",
    Severity.HINT: "note",
}


def _uri(path: str) -> str:
    p = Path(path)
    return p.as_posix() if not p.is_absolute() else p.as_uri()


def _rule_descriptor(rule_id: str) -> dict[str, Any]:
    cls = registry.rule_classes().get(rule_id)
    desc: dict[str, Any] = {"id": rule_id}
    if cls is not None:
        desc["shortDescription"] = {"text": cls.doc.summary}
        desc["fullDescription"] = {"text": f"{cls.doc.what} {cls.doc.why}"}
        desc["help"] = {"text": f"{cls.doc.what}\n\n{cls.doc.why}\n\n{cls.doc.fix_safety}"}
        desc["defaultConfiguration"] = {"level": _LEVEL[cls.severity]}
    return desc


class SarifSink:
    """SARIF needs the rule list before the results, so it keeps the (small) result
    dicts of each file, never the FileResults, and writes the log at the end."""

    def __init__(self, out: TextIO, color: bool = False) -> None:
        self.out = out
        self.indent = 2 if color else None
        self.rule_ids: list[str] = []
        self.rule_index: dict[str, int] = {}
        self.results: list[dict[str, Any]] = []
        self.notifications: list[dict[str, Any]] = []

    def file(self, r: FileResult) -> None:
        messages = [r.error] if r.error is not None else list(r.rule_errors)
        for message in messages:
            self.notifications.append(
                {
                    "level": "error",
                    "message": {"text": f"{r.path}: {message}"},
                    "locations": [
                        {"physicalLocation": {"artifactLocation": {"uri": _uri(r.path)}}}
                    ],
                }
            )
        if r.error is not None:
            return
        assert r.doc is not None
        for d in r.diagnostics:
            if d.rule not in self.rule_index:
                self.rule_index[d.rule] = len(self.rule_ids)
                self.rule_ids.append(d.rule)
            self.results.append(_result(r, d, self.rule_index[d.rule]))

    def rendered(self, r: Rendered) -> None:
        """Never called: a file's results depend on the files before it (the index of
        each rule in the rule table), so prerender() leaves SARIF to this sink."""
        raise TypeError("SARIF is never pre-rendered")

    def close(self) -> None:
        log = sarif_log(self.rule_ids, self.results, self.notifications)
        self.out.write(json.dumps(log, ensure_ascii=False, indent=self.indent))
        self.out.write("\n")


def _result(r: FileResult, d: Diagnostic, index: int) -> dict[str, Any]:
    assert r.doc is not None
    (sl, sc), (el, ec) = r.doc.range(d.start, d.end, "utf-16")
    result: dict[str, Any] = {
        "ruleId": d.rule,
        "ruleIndex": index,
        "level": _LEVEL[d.severity],
        "message": {"text": d.message},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": _uri(r.path)},
                    "region": {
                        "startLine": sl + 1,
                        "startColumn": sc + 1,
                        "endLine": el + 1,
                        "endColumn": ec + 1,
                        "charOffset": d.start,
                        "charLength": d.length,
                    },
                }
            }
        ],
    }
    if d.fix is not None:
        result["fixes"] = [
            {
                "description": {"text": "corectare sigură" if d.fix.safe else "corectare nesigură"},
                "artifactChanges": [
                    {
                        "artifactLocation": {"uri": _uri(r.path)},
                        "replacements": [
                            {
                                "deletedRegion": {
                                    "charOffset": e.start,
                                    "charLength": e.end - e.start,
                                },
                                "insertedContent": {"text": e.text},
                            }
                            for e in d.fix.edits
                        ],
                    }
                ],
            }
        ]
    return result


def sarif_log(
    rule_ids: list[str], sarif_results: list[dict[str, Any]], notifications: list[dict[str, Any]]
) -> dict[str, Any]:
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "rolint",
                "version": __version__,
                "informationUri": "https://example.invalid/rolint",
                "rules": [_rule_descriptor(rid) for rid in rule_ids],
            }
        },
        "columnKind": "utf16CodeUnits",
        "results": sarif_results,
        "invocations": [
            {
                "executionSuccessful": not notifications,
                "toolExecutionNotifications": notifications,
            }
        ],
    }
    return {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}
