"""Dump every diagnostic the engine reports over real newsroom text, one line each.

The dump proves that a rewrite of the rules reports exactly what the code before it
reported: run it on both versions and compare (``cmp``/``diff``). Every field of every
diagnostic is written: rule, severity, source offsets, message, replacements, the fix
(safe or not, every edit) and the ``data`` mapping. Texts: the 64 corpus articles, then
``--records`` records of the mhakan20 datasets (see corpus.py), each read as plain
text; the first ``--markup`` of them are also read as Markdown and as HTML (their
paragraphs wrapped in ``<p>``) so that the mapping of findings through markup is
covered too. A second engine pass re-checks every document after a one-character
edit of its middle paragraph (what the language server does), from the engine's
caches. ``--once`` checks as ``rolint check`` does (each document once: no per-block
narrowing of the context); its dump must equal the default one.

    PYTHONPATH=server python benchmarks/dump_diagnostics.py /tmp/dump-new.txt
    sha256sum /tmp/dump-new.txt

Runs with a fixed hash seed (re-executes itself with PYTHONHASHSEED=0). Skips cleanly
when ../shared is absent. The dump holds corpus text (messages quote words): keep it
outside the project.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from corpus import SHARED, load_average, load_texts


def _as_html(text: str) -> str:
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    return "".join(f"<p>{html.escape(p, quote=False)}</p>\n" for p in paragraphs)


def _edited(text: str) -> str:
    """``text`` with one character inserted in the middle of its middle paragraph."""
    parts = text.split("\n\n")
    k = len(parts) // 2
    p = parts[k]
    parts[k] = p[: len(p) // 2] + "x" + p[len(p) // 2 :]
    return "\n\n".join(parts)


def _row(label: str, d: Any) -> str:
    fix = None
    if d.fix is not None:
        fix = [d.fix.safe, [[e.start, e.end, e.text] for e in d.fix.edits]]
    row = [
        label,
        d.rule,
        d.severity.label,
        d.start,
        d.end,
        d.message,
        list(d.replacements),
        fix,
        d.data,
    ]
    return json.dumps(row, ensure_ascii=False, sort_keys=True)


def _jobs(texts: list[str], markup: int) -> list[tuple[str, str, str]]:
    jobs = [(f"text:{i}", "text", t) for i, t in enumerate(texts)]
    for i, t in enumerate(texts[:markup]):
        jobs.append((f"markdown:{i}", "markdown", t))
        jobs.append((f"html:{i}", "html", _as_html(t)))
    return jobs


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="file to write (keep it outside the project)")
    parser.add_argument("--records", type=int, default=2000, help="dataset records (2000)")
    parser.add_argument("--markup", type=int, default=300, help="texts also read as md/html")
    parser.add_argument(
        "--once", action="store_true", help="no per-block narrowing (as rolint check)"
    )
    args = parser.parse_args()
    if os.environ.get("PYTHONHASHSEED") != "0":
        env = {**os.environ, "PYTHONHASHSEED": "0"}
        return subprocess.run([sys.executable, *sys.argv], env=env, check=False).returncode
    if not (SHARED / "corpus").is_dir():
        print(f"skipped: {SHARED}/corpus is not present")
        return 0
    os.environ.setdefault("XDG_CONFIG_HOME", "/nonexistent")  # no user vocabulary

    from rolint.config import Config
    from rolint.linter import engine_for
    from rolint.readers import read

    texts = load_texts(args.records)
    engine = engine_for(Config())
    start, count = time.process_time(), 0
    with args.out.open("w", encoding="utf-8") as out:
        for label, fmt, text in _jobs(texts, args.markup):
            for suffix, body in (("", text), ("+edit", _edited(text))):
                diags = engine.check(read(body, fmt), narrow=not args.once)
                count += len(diags)
                for d in diags:
                    out.write(_row(label + suffix, d) + "\n")
        for err in engine.errors:
            out.write(json.dumps(["error", err], ensure_ascii=False) + "\n")
    print(
        f"{len(texts)} texts, {count} diagnostics, {len(engine.errors)} rule errors, "
        f"CPU {time.process_time() - start:.1f} s, load average {load_average()}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
