"""Human output: ``path:line:col: severity [rule] message``, coloured on a terminal.

Columns are 1-based code points (what a person counts), lines 1-based.
"""

from __future__ import annotations

from typing import TextIO

from rolint.linter import FileResult
from rolint.rule import Severity

_COLOR = {
    Severity.ERROR: "\x1b[31m",
    Severity.WARNING: "\x1b[33m",
    Severity.INFO: "\x1b[36m",
    Severity.HINT: "\x1b[2m",
}
_RESET = "\x1b[0m"
_BOLD = "\x1b[1m"


def render(results: list[FileResult], out: TextIO, color: bool = False) -> None:
    counts = {s: 0 for s in Severity}
    errors = 0
    for r in results:
        if r.error is not None:
            errors += 1
            red = _COLOR[Severity.ERROR] if color else ""
            out.write(f"{r.path}: {red}eroare de intrare{_RESET if color else ''}: {r.error}\n")
            continue
        assert r.doc is not None
        for d in r.diagnostics:
            counts[d.severity] += 1
            (line, col), _ = r.doc.range(d.start, d.end, "utf-32")
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
    total = sum(counts.values())
    parts = [f"{n} {s.label}" for s, n in sorted(counts.items(), reverse=True) if n]
    summary = f"{total} probleme în {len(results)} fișiere"
    if parts:
        summary += " (" + ", ".join(parts) + ")"
    if errors:
        summary += f"; {errors} fișiere nu au putut fi verificate"
    out.write(summary + "\n")
