"""``rolint vocab learn PATHS``: propose an accept list from an archive of articles.

Every article is checked as ``spelling/unknown`` would check it; a word it flags in
at least ``--min-docs`` different articles is proposed (a typo is rarely repeated
across many articles; a new word or a name the dictionary lacks is). The output is
a vocabulary file for an editor to review before it goes into the project's accept
list: one word per line, with a ``#`` comment giving how often it was seen and, when
the word is close to a dictionary word, that word (a frequent typo such as
``deasemenea`` must not be accepted).

Files: ``.txt``, ``.md``/``.markdown`` and ``.html``/``.htm``, or folders of them.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from rolint.spelling.reason import Reason

SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")


@dataclass
class Seen:
    docs: set[int] = field(default_factory=set)
    count: int = 0
    forms: Counter[str] = field(default_factory=Counter)
    suggestion: str = ""


def _files(paths: Iterable[str | Path]) -> Iterator[Path]:
    for p in map(Path, paths):
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                if f.is_file() and f.suffix.lower() in SUFFIXES:
                    yield f
        elif p.is_file():
            yield p


def _texts(path: Path) -> list[str]:
    """Block texts of one file, through the project's readers when available."""
    raw = path.read_text(encoding="utf-8-sig", errors="replace")
    try:
        from rolint.readers import detect_format, read

        doc = read(raw, detect_format(str(path)), path=str(path))
        return doc.block_texts
    except Exception:  # a reader problem must not stop learning from an archive
        return [b for b in raw.split("\n\n") if b.strip()]


def collect(paths: Iterable[str | Path], dictionary: str | None = None) -> dict[str, Seen]:
    """Flagged words of every article, keyed by lower case."""
    from rolint.spelling.api import checker_for

    chk = checker_for(dictionary)
    seen: dict[str, Seen] = defaultdict(Seen)
    for n, f in enumerate(_files(paths)):
        try:
            texts = _texts(f)
        except OSError as exc:
            print(f"rolint: {f}: {exc.strerror}", file=sys.stderr)
            continue
        ctx = chk.names_in(texts)
        for t in texts:
            for issue in chk.check(t, ctx):
                if issue.reason == Reason.REJECTED:
                    continue
                s = seen[issue.word.lower()]
                s.docs.add(n)
                s.count += 1
                s.forms[issue.word] += 1
                if issue.suggestions and not s.suggestion:
                    s.suggestion = issue.suggestions[0]
    return dict(seen)


def _entry_form(s: Seen) -> str:
    """The form to write: lower case if the word is ever written so, else as written."""
    lower = [f for f in s.forms if f == f.lower()]
    if lower:
        return lower[0]
    return s.forms.most_common(1)[0][0]


def learn(
    paths: Iterable[str | Path],
    min_docs: int = 3,
    dictionary: str | None = None,
) -> list[str]:
    """Words flagged in at least ``min_docs`` articles, most widespread first."""
    return [w for w, _ in _proposals(collect(paths, dictionary), min_docs)]


def _proposals(seen: dict[str, Seen], min_docs: int) -> list[tuple[str, Seen]]:
    rows = [(_entry_form(s), s) for s in seen.values() if len(s.docs) >= min_docs]
    rows.sort(key=lambda r: (-len(r[1].docs), -r[1].count, r[0]))
    return rows


def format_list(rows: list[tuple[str, Seen]]) -> str:
    lines = [
        "# Propunere de vocabular (rolint vocab learn): verificați fiecare cuvânt",
        "# înainte să-l adăugați în lista de acceptare a proiectului.",
    ]
    for word, s in rows:
        note = f"{len(s.docs)} articole, {s.count} apariții"
        if s.suggestion and s.suggestion.lower() != word.lower():
            note += f"; seamănă cu „{s.suggestion}”"
        lines.append(f"{word}  # {note}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(
        prog="rolint vocab learn",
        description="Propune o listă de cuvinte acceptate dintr-o arhivă de articole.",
    )
    p.add_argument("paths", nargs="+", help="fișiere sau foldere (.txt, .md, .html)")
    p.add_argument(
        "--min-docs",
        type=int,
        default=3,
        help="în câte articole diferite trebuie să apară (implicit 3)",
    )
    p.add_argument("-o", "--output", help="scrie lista în acest fișier (implicit: ieșirea)")
    p.add_argument("--dictionary", help="calea dicționarului (.dic)")
    ns = p.parse_args(argv)
    from rolint.spelling.dictionary import DictionaryNotFound

    try:
        rows = _proposals(collect(ns.paths, ns.dictionary), max(1, ns.min_docs))
    except DictionaryNotFound as exc:
        print(f"rolint: {exc}", file=sys.stderr)
        return 2
    text = format_list(rows)
    if ns.output:
        from rolint.fixes import write_atomic

        write_atomic(Path(ns.output), text.encode("utf-8"))
        print(f"{len(rows)} cuvinte propuse în {ns.output}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
