"""Every scaling case of issue #17, before and after, through the CLI and per rule.

One command measures each hostile input at sizes doubling from 64 KB to 4 MB (UTF-8
bytes), on two package trees run alternately at every size (``old``: main before the
fixes, a7b68cb by default; ``new``: this checkout), so both see the same machine load:

* through ``rolint check --format json``, ``rolint check`` (text output, for the cases
  with many findings: position conversion and output are part of the cost) and, for
  the fix cases, ``rolint fix``: a real process each, its CPU time (user + system),
  wall time and peak RSS (``os.wait4``), output written to a file;
* per rule: a child process reads the input (``(reading)``) and checks it with each
  rule the case stresses alone (a fresh engine holding that rule), CPU time each; the
  RSS shown for these rows is the child's peak (all of its rules).

Cases: ``letters`` (``ţara`` × n, no space), ``paragraph`` (news text with every line
break made a space), ``table`` (an HTML ``<table>`` of Romanian cells), ``cedillas``
(``ţara `` × n: one safe fix per word), ``news`` (news articles as they are, checked
and fixed), ``brackets`` (Markdown, n ``[`` on one line), ``names`` (a new capitalised
unknown name in every paragraph), ``emoji`` (one line of news text with an emoji after
every few words: positions in UTF-16 on one long astral line).

Targets: every ratio per doubling ≤ 2.3 and 1 MB of any input checked in < 5 s. A run
that exceeds ``--timeout`` (``--old-timeout`` for the old tree), or would at four times
its CPU time, ends its series; ``--old-max-kb`` stops the old tree early (its quadratic
cases need minutes). The summary is a markdown table (bold: a ratio above 2.3, 1 MB
above 5 s); ``--details`` adds every measurement. About 10 minutes on a quiet machine.

    python3 benchmarks/bench_scaling_all.py [--old a7b68cb|PATH] [--cases letters,news]
        [--max-kb 4096] [--old-max-kb 1024] [--no-rules] [--quick] [--details]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path

from bench_scaling_cli import brackets, extract, html_table
from bench_scaling_rules import make_text
from corpus import DATASET, SHARED, load_average, load_texts

HERE = Path(__file__).resolve()
ROOT = HERE.parents[1]
MEMORY_MB = 2500  # address space of each child: the old speller needs gigabytes
EMOJI = "😀"


def distinct_articles() -> list[str]:
    """The corpus articles, then each mhakan20 record once (title, blank line, text):
    a repeated article would come from the engine's block cache, not be checked."""
    seen: set[str] = set()
    out = []
    for text in load_texts(1 << 30):
        key = " ".join(text.split())
        if key not in seen:
            seen.add(key)
            out.append(text.strip())
    return out


def news(size: int) -> str:
    """Distinct news articles as they are (headlines, paragraphs), one after another
    and cut before a word: an ordinary document, only long."""
    parts, total = [], 0
    for text in distinct_articles():
        parts.append(text)
        total += len(text.encode("utf-8")) + 2
        if total >= size:
            break
    cut = "\n\n".join(parts).encode("utf-8")[:size].decode("utf-8", "ignore")
    return cut[: cut.rfind(" ")] + "\n"


def emoji_line(size: int) -> str:
    """One line of news text with an emoji after every eighth word."""
    words = make_text("paragraph", size).split(" ")
    out, total = [], 0
    for i, word in enumerate(words):
        piece = f"{word} {EMOJI}" if i % 8 == 7 else word
        total += len(piece.encode("utf-8")) + 1
        if total > size:
            break
        out.append(piece)
    return " ".join(out)


@dataclass(frozen=True)
class Case:
    name: str  # the input file's name (its format comes from the extension)
    make: Callable[[int], str]
    commands: tuple[str, ...]  # "json", "text", "fix"
    rules: tuple[str, ...]  # rule ids timed alone (besides the reader)


CASES = {
    "letters": Case(
        "a.txt", lambda s: make_text("letters", s), ("json", "text"), ("spelling/unknown",)
    ),
    "paragraph": Case(
        "a.txt",
        lambda s: make_text("paragraph", s),
        ("json", "text"),
        ("diacritics/cedilla", "diacritics/missing", "quotes/style", "spelling/unknown"),
    ),
    "table": Case("a.html", html_table, ("json",), ()),
    "cedillas": Case(
        "a.txt", lambda s: "ţara " * (s // 6) + "\n", ("fix",), ("diacritics/cedilla",)
    ),
    "news": Case(
        "a.txt", news, ("json", "text", "fix"), ("diacritics/cedilla", "spelling/unknown")
    ),
    "brackets": Case("a.md", brackets, ("json",), ()),
    "names": Case("a.txt", lambda s: make_text("names", s), ("json",), ("spelling/unknown",)),
    "emoji": Case("a.txt", emoji_line, ("json", "text"), ("diacritics/cedilla",)),
}
CLI_ARGS = {
    "json": ["check", "--format", "json", "--no-progress"],
    "text": ["check", "--no-progress"],
    "fix": ["fix"],
}


@dataclass
class Run:
    cpu: float | None = None  # None: not run (or failed)
    wall: float = 0.0
    rss: float = 0.0
    note: str = ""


@dataclass
class Series:
    """One line of the summary: a case, a command or rule, a tree, every size."""

    case: str
    what: str
    tree: str
    runs: dict[int, Run] = field(default_factory=dict)
    stopped: bool = False


def _limit() -> None:
    cap = MEMORY_MB * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))


def run_child(cmd: list[str], env: dict[str, str], cwd: Path, timeout: float) -> tuple[Run, str]:
    """Run ``cmd``; its CPU, wall time and peak RSS from ``os.wait4``, and its stdout."""
    out_path = Path(cwd, "out.txt")
    with open(out_path, "wb") as out, open(Path(cwd, "err.txt"), "wb") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, cwd=cwd, env=env, preexec_fn=_limit)
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() - start > timeout:
                proc.kill()
                os.wait4(proc.pid, 0)
                return Run(note=f"> {timeout:.0f} s (stopped)"), ""
            time.sleep(0.01)
    proc.returncode = os.waitstatus_to_exitcode(status)
    run = Run(usage.ru_utime + usage.ru_stime, time.perf_counter() - start, usage.ru_maxrss / 1024)
    if proc.returncode not in (0, 1):
        tail = Path(cwd, "err.txt").read_text(errors="replace").strip().splitlines() or ["?"]
        run.note = f"exit {proc.returncode}: {tail[-1][:60]}"
    return run, out_path.read_text(encoding="utf-8", errors="replace")


def env_for(tree: Path) -> dict[str, str]:
    return dict(os.environ, PYTHONPATH=str(tree), XDG_CONFIG_HOME="/nonexistent")


def cli_run(tree: Path, case: Case, command: str, source: Path, work: Path, timeout: float) -> Run:
    """One ``rolint`` process on a fresh copy of the input; the note says what it found."""
    target = work / case.name
    target.write_bytes(source.read_bytes())
    cmd = [sys.executable, "-m", "rolint", *CLI_ARGS[command], case.name]
    run, out = run_child(cmd, env_for(tree), work, timeout)
    if run.cpu is None or run.note:
        return run
    if command == "json":
        found = sum(len(f["diagnostics"]) for f in json.loads(out)["files"])
        run.note = f"{found} findings"
    elif command == "text":
        run.note = out.strip().splitlines()[-1][:40] if out.strip() else ""
    else:
        run.note = out.strip().splitlines()[-1][:40] if out.strip() else ""
    return run


def child(source: str, fmt: str, rules: list[str]) -> None:
    """In a fresh process: the reader's CPU time, then each rule's alone; JSON on stdout."""
    from rolint import gc_tuning
    from rolint.engine import Engine
    from rolint.readers import read
    from rolint.registry import rule_classes

    gc_tuning.tune()
    text = Path(source).read_text(encoding="utf-8")
    read("Încălzire ţ.", fmt)
    t0 = time.process_time()
    doc = read(text, fmt)
    out: dict[str, object] = {"(reading)": [time.process_time() - t0, len(doc.blocks)]}
    for rule_id in rules:
        engine = Engine([rule_classes()[rule_id]()])
        engine.check(read("Încălzire ţ.", fmt))  # the rule's data loaded first (not timed)
        t0 = time.process_time()
        found = len(engine.check(doc))
        seconds = time.process_time() - t0
        out[rule_id] = [seconds, found] if not engine.errors else [None, "rule failed"]
    print(json.dumps(out))


def rules_run(
    tree: Path, case: Case, rules: tuple[str, ...], source: Path, work: Path, timeout: float
) -> dict[str, Run]:
    """The reader's and each of ``rules``' CPU seconds, in one fresh process."""
    fmt = {".html": "html", ".md": "markdown"}.get(Path(case.name).suffix, "text")
    cmd = [sys.executable, str(HERE), "--child", str(source), fmt, ",".join(rules)]
    run, out = run_child(cmd, env_for(tree), work, timeout)
    names = ("(reading)", *rules)
    if run.cpu is None or run.note or not out.strip():
        return {n: Run(note=run.note or "failed") for n in names}
    got = json.loads(out.strip().splitlines()[-1])
    result = {}
    for n in names:
        seconds, note = got[n]
        result[n] = Run(seconds, 0.0, run.rss, note if seconds is None else f"{note}")
    return result


def sizes_kb(min_kb: int, max_kb: int) -> list[int]:
    out, kb = [], min_kb
    while kb <= max_kb:
        out.append(kb)
        kb *= 2
    return out


def _keep_going(series: Series, run: Run, timeout: float) -> None:
    """Stop a series whose run failed or whose next size would pass the time limit
    (four times this one's CPU time: a quadratic case; CPU, since on a loaded machine
    the wall time says more about the load than about rolint)."""
    if run.cpu is None or run.note.startswith("exit") or run.cpu * 4 > timeout:
        series.stopped = True


@dataclass
class Bench:
    trees: dict[str, Path]
    timeout: float
    old_timeout: float
    old_max_kb: int
    with_rules: bool
    table: dict[tuple[str, str, str], Series] = field(default_factory=dict)

    def series(self, case: str, what: str, tree: str) -> Series:
        key = (case, what, tree)
        if key not in self.table:
            self.table[key] = Series(case, what, tree)
        return self.table[key]

    def allowed(self, tree: str, kb: int) -> bool:
        return tree != "old" or kb <= self.old_max_kb

    def limit(self, tree: str) -> float:
        return self.old_timeout if tree == "old" else self.timeout

    def one_size(self, name: str, kb: int, work: Path) -> None:
        """Every command of case ``name`` at ``kb``, old and new alternating."""
        case = CASES[name]
        source = work / "source"
        source.write_text(case.make(kb * 1024), encoding="utf-8")
        run_dir = work / "run"
        run_dir.mkdir(exist_ok=True)
        for command in case.commands:
            for label, tree in self.trees.items():
                s = self.series(name, f"rolint {CLI_ARGS[command][0]} ({command})", label)
                if s.stopped or not self.allowed(label, kb):
                    continue
                limit = self.limit(label)
                s.runs[kb] = run = cli_run(tree, case, command, source, run_dir, limit)
                _keep_going(s, run, limit)
        if not self.with_rules:
            return
        for label, tree in self.trees.items():
            todo = tuple(r for r in case.rules if not self.series(name, r, label).stopped)
            if self.series(name, "(reading)", label).stopped or not self.allowed(label, kb):
                continue
            runs = rules_run(tree, case, todo, source, run_dir, self.limit(label))
            for rule_id, run in runs.items():
                s = self.series(name, rule_id, label)
                if not s.stopped:
                    s.runs[kb] = run
                    _keep_going(s, run, self.limit(label))

    def start_up(self, work: Path) -> dict[tuple[str, str], float]:
        """CPU seconds of each tree's ``rolint check`` of one short sentence."""
        out = {}
        case = Case("a.txt", str, (), ())
        source = work / "tiny"
        source.write_text("Guvernul a aprobat ieri bugetul.\n", encoding="utf-8")
        for label, tree in self.trees.items():
            for command in ("json", "text"):
                run_dir = work / "run"
                run_dir.mkdir(exist_ok=True)
                out[(label, command)] = cli_run(tree, case, command, source, run_dir, 60).cpu or 0.0
        return out


def _kb_label(kb: int) -> str:
    return f"{kb // 1024} M" if kb >= 1024 else f"{kb} K"


def ratios(values: list[tuple[int, float]], floor: float) -> list[float]:
    """Value over the value at half the size, for consecutive sizes above ``floor``."""
    return [b / a for (ka, a), (kb, b) in pairwise(values) if kb == 2 * ka and a >= floor]


def _cell(run: Run | None) -> str:
    if run is None:
        return ""
    if run.cpu is None:
        return run.note or "failed"
    return f"{run.cpu:.2f}"


def summary(bench: Bench, kbs: list[int]) -> list[str]:
    """The markdown table: CPU seconds per size, worst ratios, 1 MB wall time, RSS."""
    head = " | ".join(_kb_label(k) for k in kbs)
    lines = [
        f"| case | measured | tree | CPU s: {head} | worst CPU ratio | 1 M wall s "
        "| peak RSS MB (smallest → largest) | worst RSS ratio |",
        "|---|---|---|" + "---:|" * (len(kbs) + 4),
    ]
    for s in bench.table.values():
        done = [(k, r) for k, r in sorted(s.runs.items()) if r.cpu is not None]
        cpu = ratios([(k, r.cpu or 0.0) for k, r in done], 0.05)
        rss = ratios([(k, r.rss) for k, r in done if r.rss], 1.0)
        worst = f"{max(cpu):.2f}" if cpu else "–"
        if cpu and max(cpu) > 2.3:
            worst = f"**{worst}**"
        one_m = s.runs.get(1024)
        wall = f"{one_m.wall:.2f}" if one_m and one_m.cpu is not None and one_m.wall else "–"
        mem = f"{done[0][1].rss:.0f} → {done[-1][1].rss:.0f}" if done and done[0][1].rss else "–"
        cells = []
        for k in kbs:
            cell = _cell(s.runs.get(k))
            run = s.runs.get(k)
            if k == 1024 and run and run.cpu is not None and run.cpu > 5:
                cell = f"**{cell}**"
            cells.append(cell)
        lines.append(
            f"| {s.case} | {s.what} | {s.tree} | {' | '.join(cells)} | {worst} | {wall} "
            f"| {mem} | {f'{max(rss):.2f}' if rss else '–'} |"
        )
    return lines


def details(bench: Bench) -> list[str]:
    lines = [
        "| case | measured | tree | size | CPU s | wall s | peak RSS MB | note |",
        "|---|---|---|---:|---:|---:|---:|---|",
    ]
    for s in bench.table.values():
        for kb, r in sorted(s.runs.items()):
            cpu = f"{r.cpu:.2f}" if r.cpu is not None else "–"
            rss = f"{r.rss:.0f}" if r.rss else "–"
            lines.append(
                f"| {s.case} | {s.what} | {s.tree} | {_kb_label(kb)} | {cpu} | {r.wall:.2f} "
                f"| {rss} | {r.note} |"
            )
    return lines


def old_tree(spec: str, tmp: Path) -> Path:
    """``spec`` as a package folder: a path to a ``server`` folder, or a git revision."""
    if Path(spec, "rolint").is_dir():
        return Path(spec)
    return extract(spec, tmp)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--child", nargs=3, metavar=("SOURCE", "FORMAT", "RULES"))
    parser.add_argument("--old", default="a7b68cb", help="revision or server folder ('' = none)")
    parser.add_argument("--cases", default=",".join(CASES))
    parser.add_argument("--min-kb", type=int, default=64)
    parser.add_argument("--max-kb", type=int, default=4096)
    parser.add_argument("--old-max-kb", type=int, default=1024)
    parser.add_argument("--timeout", type=float, default=90.0, help="wall seconds per process")
    parser.add_argument("--old-timeout", type=float, default=20.0, help="the same, old tree")
    parser.add_argument("--no-rules", action="store_true", help="the CLI runs only")
    parser.add_argument("--quick", action="store_true", help="64 K … 512 K, old up to 256 K")
    parser.add_argument("--details", action="store_true", help="also every measurement")
    args = parser.parse_args()
    if args.child:
        child(args.child[0], args.child[1], [r for r in args.child[2].split(",") if r])
        return 0
    if not (SHARED / "corpus").is_dir() or not DATASET.is_dir():
        print(f"skipped: {SHARED}/corpus is not present")
        return 0
    if args.quick:
        args.max_kb, args.old_max_kb = 512, 256
    kbs = sizes_kb(args.min_kb, args.max_kb)
    began = time.perf_counter()
    print(f"load average at the start: {load_average()}", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        trees = {"new": ROOT / "server"}
        if args.old:
            trees = {"old": old_tree(args.old, Path(tmp)), **trees}
        bench = Bench(trees, args.timeout, args.old_timeout, args.old_max_kb, not args.no_rules)
        for (label, command), cpu in bench.start_up(Path(tmp)).items():
            print(f"start-up CPU s ({label}, {command}, one sentence): {cpu:.2f}")
        for name in args.cases.split(","):
            for kb in kbs:
                bench.one_size(name, kb, Path(tmp))
            print(
                f"  {name} done at {time.perf_counter() - began:.0f} s, load {load_average()}",
                flush=True,
            )
        print(f"\nload average at the end: {load_average()}; {time.perf_counter() - began:.0f} s\n")
        print("\n".join(summary(bench, kbs)))
        if args.details:
            print("\n" + "\n".join(details(bench)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
