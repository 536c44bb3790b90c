"""Human output: ``path:line:col: severity [rule] message``, coloured on a terminal.

Columns are 1-based code points (what a person counts), lines 1-based.
"""

from __future__ import annotations

from typing import TextIO

from rolint.linter import FileResult
from rolint.output import Rendered, count, severity_counts
from rolint.rule import Severity

_COLOR = {
    Severity.ERROR: "\x1b[31m",
    Severity.WARNING: "\x1b[33m",
    Severity.INFO: "\x1b[36m",
    Severity.HINT: "\x1b[2m",
}
_RESET = "\x1b[0m"
_BOLD = "\x1b[1m"


def _red(text: str, color: bool) -> str:
    return f"{_COLOR[Severity.ERROR]}{text}{_RESET}" if color else text


def write_file(out: TextIO, r: FileResult, color: bool = False) -> None:
    """The lines of one file's findings (and of its errors)."""
    if r.error is not None:
        out.write(f"{r.path}: {_red('eroare de intrare', color)}: {r.error}\n")
        return
    for message in r.rule_errors:
        out.write(f"{r.path}: {_red('eroare internă', color)}: {message}\n")
    assert r.doc is not None
    for d in r.diagnostics:
        line, col = r.doc.lines.position(d.start, "utf-32")
        sev = d.severity.label
        if color:
            sev = f"{_COLOR[d.severity]}{sev}{_RESET}"
        hint = ""
        if d.replacements:
            shown = d.replacements[0] or "(ștergere)"
            hint = f" → {shown}"
            if d.fix is not None:
                hint += " [corectabil]" if d.fix.safe else " [corectabil, nesigur]"
        rule = f"{_BOLD}{d.rule}{_RESET}" if color else d.rule
        out.write(f"{r.path}:{line + 1}:{col + 1}: {sev} [{rule}] {d.message}{hint}\n")


class TextSink:
    """One line per finding as each file is checked; the summary at the end."""

    def __init__(self, out: TextIO, color: bool = False) -> None:
        self.out = out
        self.color = color
        self.counts = {s: 0 for s in Severity}
        self.files = 0
        self.errors = 0
        self.crashed = 0

    def file(self, r: FileResult) -> None:
        write_file(self.out, r, self.color)
        self._add(r)

    def rendered(self, r: Rendered) -> None:
        self.out.write(r.text)
        self._add(r)

    def _add(self, r: FileResult | Rendered) -> None:
        """Count the file for the summary."""
        self.files += 1
        if r.error is not None:
            self.errors += 1
            return
        self.crashed += bool(r.rule_errors)
        for severity, n in zip(Severity, severity_counts(r), strict=True):
            self.counts[severity] += n

    def close(self) -> None:
        total = sum(self.counts.values())
        parts = [f"{n} {s.label}" for s, n in sorted(self.counts.items(), reverse=True) if n]
        summary = (
            f"{count(total, 'problemă', 'probleme')} în {count(self.files, 'fișier', 'fișiere')}"
        )
        if parts:
            summary += " (" + ", ".join(parts) + ")"
        if self.errors:
            verb = "nu a putut fi verificat" if self.errors == 1 else "nu au putut fi verificate"
            summary += f"; {count(self.errors, 'fișier', 'fișiere')} {verb}"
        if self.crashed:
            verb = "verificat incomplet" if self.crashed == 1 else "verificate incomplet"
            summary += f"; {count(self.crashed, 'fișier', 'fișiere')} {verb} (o regulă a eșuat)"
        self.out.write(summary + "\n")
