"""The ``rolint`` command: check, fix, rules, explain, lsp, serve.

Imports stay lazy: ``rolint check`` must start fast and must not import the language
server (pygls) or the HTTP stack.
"""

from __future__ import annotations

import argparse
import itertools
import logging
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rolint import __version__, gc_tuning

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
_LT_CHUNK = 64  # files whose paragraphs go to LanguageTool together

if TYPE_CHECKING:
    from rolint.config import Config
    from rolint.linter import FileResult
    from rolint.output import Rendered

_PARALLEL_MIN_FILES = 24
# block analyses (with their results) a batch keeps between files: a few files' worth
# (repeated blocks such as related-article lists still hit; see linter.bound_engines)
_BATCH_CACHE_ENTRIES = 5_000


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="rolint", description="Linter editorial pentru știri în limba română."
    )
    p.add_argument("--version", action="version", version=f"rolint {__version__}")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMANDĂ")

    def common(sp: argparse.ArgumentParser) -> None:
        sp.add_argument(
            "paths",
            nargs="*",
            default=["."],
            metavar="CĂI",
            help="fișiere sau directoare; - pentru intrarea standard",
        )
        sp.add_argument(
            "--config",
            type=Path,
            help="fișierul de configurație (altfel căutat "
            "în sus de la fiecare fișier: rolint.toml sau [tool.rolint])",
        )
        sp.add_argument(
            "--stdin-filename",
            help="nume pentru textul de la intrarea standard (alege formatul și configurația)",
        )
        sp.add_argument(
            "--input-format",
            choices=("text", "markdown", "html"),
            help="formatul textului (altfel după extensie)",
        )
        sp.add_argument(
            "--include",
            action="append",
            default=[],
            metavar="GLOB",
            help="în directoare, verifică doar fișierele potrivite (repetabil)",
        )
        sp.add_argument(
            "--exclude",
            action="append",
            default=[],
            metavar="GLOB",
            help="în directoare, sari peste aceste fișiere (repetabil)",
        )
        sp.add_argument(
            "--fail-on",
            choices=("error", "warning", "info", "hint", "never"),
            help="nivelul de la care codul de ieșire e 1 (implicit: din config, altfel warning)",
        )

    check = sub.add_parser("check", help="verifică articole")
    common(check)
    check.add_argument("--format", choices=("text", "json", "sarif", "github"), default="text")
    check.add_argument(
        "--jobs",
        type=int,
        default=os.cpu_count() or 1,
        help="procese pentru loturi mari (implicit: toate nucleele)",
    )
    check.add_argument("--no-progress", action="store_true", help="fără bară de progres")
    check.add_argument("--color", choices=("auto", "always", "never"), default="auto")
    check.add_argument(
        "--require-languagetool",
        action="store_true",
        help="cod 2 dacă LanguageTool e activat dar lipsește sau nu răspunde",
    )

    fix = sub.add_parser("fix", help="aplică corecturile sigure")
    common(fix)
    fix.add_argument("--unsafe", action="store_true", help="aplică și corecturile nesigure")
    fix.add_argument("--diff", action="store_true", help="arată schimbările fără să scrie")
    fix.add_argument("--rule", help="doar corecturile acestei reguli")

    sub.add_parser("rules", help="listează regulile")
    explain = sub.add_parser("explain", help="explică o regulă")
    explain.add_argument("rule", metavar="REGULĂ")

    vocab = sub.add_parser(
        "vocab",
        help="vocabulare: `rolint vocab learn CĂI` propune o "
        "listă de cuvinte acceptate dintr-o arhivă",
    )
    vocab.add_argument("action", choices=("learn",))
    vocab.add_argument("rest", nargs=argparse.REMAINDER, help="argumentele lui learn")

    lt = sub.add_parser("languagetool", help="LanguageTool: `install` aduce jar-urile fixate")
    lt.add_argument("action", choices=("install", "path"))

    lsp = sub.add_parser("lsp", help="pornește serverul de limbaj (LSP)")
    lsp.add_argument(
        "--stdio",
        action="store_true",
        help="stdio (implicit; acceptat pentru clienții care îl trimit, ca vscode-languageclient)",
    )
    lsp.add_argument("--tcp", action="store_true", help="ascultă pe TCP în loc de stdio")
    lsp.add_argument("--host", default="127.0.0.1")
    lsp.add_argument("--port", type=int, default=2087)

    serve = sub.add_parser(
        "serve", help="pornește serviciul HTTP de verificare înainte de publicare"
    )
    serve.add_argument("--host", default="127.0.0.1", help="implicit doar local (127.0.0.1)")
    serve.add_argument("--port", type=int, default=8710)
    serve.add_argument("--workers", type=int, default=1, help="procese (implicit 1)")
    serve.add_argument("--config", type=Path, help="fișierul de configurație ([serve.policy])")
    serve.add_argument(
        "--drain-seconds",
        type=float,
        default=0.0,
        help="la SIGTERM: secunde cu /readyz 503 înainte de oprire",
    )

    return p


# -- collecting files ------------------------------------------------------------


def _collect(args: argparse.Namespace, errors: list[tuple[str, str]]) -> list[Path]:
    from rolint.config import DEFAULT_EXCLUDE, config_for, load
    from rolint.sources import walk

    paths: list[Path] = []
    for raw in args.paths:
        if raw == "-":
            continue
        path = Path(raw)
        if path.is_dir():
            cfg = load(args.config) if args.config else config_for(path)
            include = tuple(args.include) or cfg.include
            exclude = (*DEFAULT_EXCLUDE, *cfg.exclude, *args.exclude)
            paths.extend(walk(path, include, exclude, errors))
        else:
            paths.append(path)  # named explicitly: checked even if not "included"
    return paths


# -- checking --------------------------------------------------------------------


def _config(args: argparse.Namespace, path: Path):  # type: ignore[no-untyped-def]
    from rolint.config import check_vocabulary, config_for, load

    cfg = load(args.config) if args.config else config_for(path)
    check_vocabulary(cfg)
    return cfg


def _file_config(path: str, config_path: str | None):  # type: ignore[no-untyped-def]
    """The Config a batch checks ``path`` with (ConfigError if it is broken)."""
    from rolint.config import check_vocabulary, load

    if config_path:
        cfg = _once(("config", config_path), lambda: load(Path(config_path)))
    else:
        cfg = _config_of(Path(path))
    check_vocabulary(cfg)
    return cfg


def _checked(path: str, config_path: str | None, fmt: str | None):  # type: ignore[no-untyped-def]
    """Check one file; return (its Config, or None if that failed, and its result)."""
    from rolint.config import ConfigError
    from rolint.linter import FileResult, check_path

    try:
        cfg = _file_config(path, config_path)
    except ConfigError as exc:
        return None, FileResult(path, error=str(exc))
    return cfg, check_path(Path(path), cfg, fmt, once=True)


def _check_one(path: str, config_path: str | None, fmt: str | None):  # type: ignore[no-untyped-def]
    """Check one file."""
    return _checked(path, config_path, fmt)[1]


# ("folder", path) or ("config", --config) → its Config, or the ConfigError it raised; for
# one batch (workers fork after _run_batch empties it)
_CONFIGS: dict[tuple[str, str], object] = {}


def _config_of(path: Path):  # type: ignore[no-untyped-def]
    """``config_for(path)``, looked up once per folder in this process: a batch would
    otherwise walk up the directory tree again for every file of a folder."""
    from rolint.config import config_for

    if path.is_dir():
        return config_for(path)
    folder = path.parent
    return _once(("folder", str(folder)), lambda: config_for(folder))


def _once(key: tuple[str, str], find: Callable[[], Any]):  # type: ignore[no-untyped-def]
    """``find()``, or the ConfigError it raised, remembered under ``key`` for this batch
    (loading a config again costs a stat and a path resolution, ~60 µs, per file; the
    key holds strings, since hashing a Path costs more than the look-up)."""
    from rolint.config import ConfigError

    found = _CONFIGS.get(key)
    if found is None:
        try:
            found = find()
        except ConfigError as exc:
            found = exc
        _CONFIGS[key] = found
    if isinstance(found, ConfigError):
        raise ConfigError(str(found))
    return found


def _check_one_slim(  # type: ignore[no-untyped-def]
    path: str, config_path: str | None, fmt: str | None, render: tuple[str, bool] | None
):
    """Worker entry (top-level so it pickles): check one file; return its output for
    ``render`` (format, colour) when given and LanguageTool is off for the file (the
    parent would add its findings), else a light result."""
    from rolint.linter import bound_engines
    from rolint.output import prerender

    cfg, result = _checked(path, config_path, fmt)
    gc_tuning.settle()  # a worker checks many files: freeze the loaded rules after the first
    bound_engines(_BATCH_CACHE_ENTRIES)
    if render is not None and not (cfg is not None and cfg.languagetool.get("enabled")):
        return prerender(result, *render) or result.slim()
    return result.slim()


def _run_batch(  # type: ignore[type-arg]
    args: argparse.Namespace,
    files: list[Path],
    show_progress: bool,
    render: tuple[str, bool] | None = None,
) -> Iterator:
    """The result of each file, in order, as soon as it is checked (a generator: the
    caller writes each one out and drops it, so a batch holds no diagnostics). With
    ``render`` (format, colour), workers send what they can already rendered
    (:class:`rolint.output.Rendered`)."""
    from rolint.linter import bound_engines

    config_path = str(args.config) if args.config else None
    fmt = args.input_format
    jobs = max(1, args.jobs)
    _CONFIGS.clear()  # configs may have changed since an earlier run in this process
    progress = None
    if show_progress:
        from rich.progress import Progress

        progress = Progress(transient=True)
        progress.start()
        task = progress.add_task("verific", total=len(files))
    try:
        if jobs > 1 and len(files) >= _PARALLEL_MIN_FILES:
            for r in _in_workers(files, config_path, fmt, jobs, render):
                yield r
                if progress:
                    progress.advance(task)
        else:
            for i, f in enumerate(files):
                result = _check_one(str(f), config_path, fmt)
                # outputs need only positions: keep the source, not the whole Document
                yield result.slim() if len(files) > 1 else result
                if i == 0 and len(files) > 1:
                    gc_tuning.settle()
                if len(files) > 1:
                    bound_engines(_BATCH_CACHE_ENTRIES)
                if progress:
                    progress.advance(task)
    finally:
        if progress:
            progress.stop()


def _in_workers(  # type: ignore[type-arg]
    files: list[Path],
    config_path: str | None,
    fmt: str | None,
    jobs: int,
    render: tuple[str, bool] | None,
) -> Iterator:
    """Each file's result (see :func:`_check_one_slim`), in order, from ``jobs`` worker
    processes."""
    from concurrent.futures import ProcessPoolExecutor

    _warm_up(str(files[0]), config_path)
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        chunk = max(1, min(64, len(files) // (jobs * 8)))
        yield from pool.map(
            _check_one_slim,
            [str(f) for f in files],
            [config_path] * len(files),
            [fmt] * len(files),
            [render] * len(files),
            chunksize=chunk,
        )


def _warm_up(path: str, config_path: str | None) -> None:
    """Build the engine of ``path`` (a batch's first file), its rules' tables loaded,
    before the workers fork: they inherit it, with the folder's config, instead of each
    building its own (about 0.2 s of CPU per worker with the spelling rules). Frozen
    first, so that no worker's collector walks it, and copies its pages."""
    import multiprocessing

    from rolint.config import ConfigError
    from rolint.linter import engine_for

    if multiprocessing.get_start_method() != "fork":
        return  # workers would start afresh
    try:
        cfg = _file_config(path, config_path)
    except ConfigError:
        return  # each of its files reports it
    engine_for(cfg, path).warm_up()
    gc_tuning.freeze()


def _stdin_result(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from rolint.linter import FileResult, check_bytes
    from rolint.readers import InputError, detect_format
    from rolint.sources import read_stdin

    name = args.stdin_filename or "<stdin>"
    cfg = _config(args, Path(args.stdin_filename or Path.cwd() / "stdin.txt"))
    fmt = args.input_format or detect_format(args.stdin_filename)
    try:
        data = read_stdin(cfg)
    except InputError as exc:
        return FileResult(name, error=str(exc))
    return check_bytes(data, name, cfg, fmt)


def _fail_level(args: argparse.Namespace, first: Path) -> int:
    from rolint.rule import Severity

    level = args.fail_on
    if level is None:
        level = _config(args, first).fail_on
    if level == "never":
        return 99
    return int(Severity.parse(level))


class _Tally:
    """What the exit code needs of a batch, gathered while its results stream past."""

    def __init__(self) -> None:
        self.first: Path | None = None
        self.failed = False  # an input error or a rule that crashed
        self.worst = 0
        self.messages: list[str] = []

    def add(self, r) -> None:  # type: ignore[no-untyped-def]
        """Take a FileResult or a :class:`rolint.output.Rendered`."""
        from rolint.output import severity_counts

        if self.first is None:
            self.first = Path(r.path)
        if r.error is not None:
            self.failed = True
            self.messages.append(f"rolint: {r.path}: {r.error}")
        for message in r.rule_errors:
            self.failed = True
            self.messages.append(f"rolint: {r.path}: {message}")
        for severity, n in enumerate(severity_counts(r), 1):
            if n:
                self.worst = max(self.worst, severity)

    def exit_code(self, args: argparse.Namespace) -> int:
        if self.failed:
            return EXIT_ERROR
        threshold = _fail_level(args, self.first or Path.cwd())
        return EXIT_FINDINGS if self.worst >= threshold else EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    from rolint.linter import FileResult
    from rolint.output import Rendered, sink

    walk_errors: list[tuple[str, str]] = []
    files = _collect(args, walk_errors)
    show = (
        not args.no_progress and args.format == "text" and sys.stderr.isatty() and len(files) > 20
    )
    color = args.color == "always" or (
        args.color == "auto" and sys.stdout.isatty() and "NO_COLOR" not in os.environ
    )
    out = sink(args.format, sys.stdout, color)
    tally = _Tally()
    lt = _LanguageTool(args)
    results = _run_batch(args, files, show, None if lt.forced else (args.format, color))
    if "-" in args.paths:
        results = itertools.chain([_stdin_result(args)], results)
    walked = (FileResult(path, error=msg) for path, msg in walk_errors)
    for result in itertools.chain(lt.stream(results), walked):
        if isinstance(result, Rendered):
            out.rendered(result)
        else:
            out.file(result)
        tally.add(result)
        if args.format == "text":
            sys.stdout.flush()  # a long batch shows its findings as they come
    if tally.first is None:
        print("rolint: niciun fișier de verificat", file=sys.stderr)
    out.close()
    sys.stdout.flush()
    if args.format != "text":
        for message in tally.messages:
            print(message, file=sys.stderr)
    if lt.finish() and args.require_languagetool:
        return EXIT_ERROR
    return tally.exit_code(args)


class _LanguageTool:
    """LanguageTool's findings merged into the streamed results, for the files whose
    config enables it (or every file, with ROLINT_LANGUAGETOOL_URL or
    --require-languagetool). Nothing of LanguageTool is imported unless it is wanted."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.forced = args.require_languagetool or "ROLINT_LANGUAGETOOL_URL" in os.environ
        self.configs: dict[Path, Config | None] = {}  # folder → its Config
        self.state: Any = None  # rolint.languagetool.batch.BatchState, once wanted

    def config_of(self, path: str) -> Config | None:
        from rolint.config import ConfigError

        if path in ("<stdin>", self.args.stdin_filename):
            path = self.args.stdin_filename or str(Path.cwd() / "stdin.txt")
        folder = Path(path).parent
        if folder not in self.configs:
            try:
                self.configs[folder] = _config(self.args, Path(path))
            except ConfigError:
                self.configs[folder] = None  # reported with the file already
        return self.configs[folder]

    def _wanted(self, chunk: list[FileResult]) -> bool:
        if self.forced:
            return True
        cfgs = (self.config_of(r.path) for r in chunk if r.error is None)
        return any(c is not None and c.languagetool.get("enabled") for c in cfgs)

    def stream(self, results: Iterable[FileResult | Rendered]) -> Iterator[FileResult | Rendered]:
        """The results, a chunk of files at a time (their paragraphs go to LanguageTool
        in parallel; the output still streams, so memory stays bounded)."""
        from rolint.linter import FileResult

        it = iter(results)
        while chunk := list(itertools.islice(it, _LT_CHUNK)):
            # a file a worker rendered has LanguageTool off: its result is final
            todo = [r for r in chunk if isinstance(r, FileResult)]
            if self._wanted(todo):
                from rolint.languagetool import batch

                self.state = self.state or batch.BatchState()
                batch.merge_chunk(todo, self.config_of, self.args.input_format, self.state)
            yield from chunk

    def finish(self) -> bool:
        """Say once what went wrong; True if LanguageTool was wanted and did not fully
        answer (--require-languagetool then makes it exit 2)."""
        if self.state is None:
            if not self.forced:
                return False
            from rolint.languagetool import batch

            self.state = batch.BatchState()
        notice = self.state.final_notice()
        if notice:
            print(f"rolint: LanguageTool: {notice}; raportez doar regulile rolint", file=sys.stderr)
        return notice is not None


# -- fixing ----------------------------------------------------------------------


def _fix_source(source: str, fmt: str, path: str, cfg, args: argparse.Namespace):  # type: ignore[no-untyped-def]
    """Fix ``source``; return (the FixOutcome, messages of the rules that crashed)."""
    from rolint.fixes import fix_until_done
    from rolint.linter import check_source

    crashes: dict[str, None] = {}  # in order, each once however many rounds it crashed

    def check(text: str) -> list:  # type: ignore[type-arg]
        result = check_source(text, path, cfg, fmt)
        crashes.update(dict.fromkeys(result.rule_errors))
        return result.diagnostics

    outcome = fix_until_done(source, check, unsafe=args.unsafe, rule=args.rule)
    return outcome, tuple(crashes)


def _fix_stdin(args: argparse.Namespace) -> int:
    """``rolint fix -``: the fixed text on stdout; refused (exit 2) over the size limit."""
    from rolint.fixes import encode
    from rolint.readers import InputError, decode, detect_format
    from rolint.sources import read_stdin

    name = args.stdin_filename or "<stdin>"
    cfg = _config(args, Path(args.stdin_filename or "stdin.txt"))
    try:
        source, bom = decode(read_stdin(cfg))
    except InputError as exc:
        print(f"rolint: {name}: {exc}", file=sys.stderr)
        return EXIT_ERROR
    fmt = args.input_format or detect_format(args.stdin_filename)
    outcome, crashes = _fix_source(source, fmt, name, cfg, args)
    sys.stdout.buffer.write(encode(outcome.text, bom))
    for message in crashes:
        print(f"rolint: {name}: {message}", file=sys.stderr)
    return EXIT_ERROR if crashes else EXIT_OK


def _read_only(path: Path) -> bool:
    """No write permission bit at all (0444): the owner said "do not change this" —
    root could still write it, and os.access would say yes to root."""
    import stat

    mode = path.stat().st_mode
    return not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH) or not os.access(path, os.W_OK)


def _fix_file(path: Path, args: argparse.Namespace):  # type: ignore[no-untyped-def]
    """Fix one file; return (its result after fixing, fixes written).

    A symlink is followed: the target is fixed and the link is kept. A read-only file,
    a file over max-file-size-mb (refused before it is read whole) and a failed write
    are errors, and then nothing counts as applied.
    """
    import difflib

    from rolint.config import ConfigError
    from rolint.fixes import ChangedOnDisk, encode, write_atomic
    from rolint.linter import FileResult, check_source
    from rolint.readers import InputError, detect_format
    from rolint.sources import read_source

    target = path.resolve() if path.is_symlink() else path
    try:
        cfg = _config(args, path)
        data, source, bom = read_source(target, cfg)
    except (InputError, ConfigError) as exc:
        return FileResult(str(path), error=str(exc)), 0
    fmt = args.input_format or detect_format(str(path))
    outcome, crashes = _fix_source(source, fmt, str(path), cfg, args)
    new = outcome.text
    if new != source and args.diff:
        sys.stdout.writelines(
            difflib.unified_diff(
                source.splitlines(keepends=True),
                new.splitlines(keepends=True),
                f"a/{path}",
                f"b/{path}",
            )
        )
    elif new != source:
        if _read_only(target):
            error = "fișier doar pentru citire; nu l-am modificat"
            return FileResult(str(path), error=error), 0
        try:
            write_atomic(target, encode(new, bom), expected=data)
        except ChangedOnDisk as exc:
            return FileResult(str(path), error=str(exc)), 0
        except OSError as exc:
            error = f"nu am putut scrie fișierul ({exc.strerror or exc}); nu l-am modificat"
            return FileResult(str(path), error=error), 0
    if outcome.remaining is not None:
        result = FileResult(str(path), None, outcome.remaining, rule_errors=crashes)
    else:
        result = check_source(new, str(path), cfg, fmt, bom)
        result.rule_errors = (*crashes, *result.rule_errors)
    return result, outcome.count if new != source else 0


def cmd_fix(args: argparse.Namespace) -> int:
    from rolint.linter import FileResult
    from rolint.output import count

    if "-" in args.paths:
        return _fix_stdin(args)
    walk_errors: list[tuple[str, str]] = []
    files = _collect(args, walk_errors)
    tally = _Tally()
    for walked, message in walk_errors:
        tally.add(FileResult(walked, error=message))
    total = changed = 0
    for path in files:
        result, applied = _fix_file(path, args)
        tally.add(result)
        total += applied
        changed += applied > 0
    verb = "de aplicat" if args.diff else "aplicate"
    fixes = count(total, "corectură", "corecturi")
    if total == 1:
        verb = "de aplicat" if args.diff else "aplicată"
    print(f"rolint: {fixes} {verb} în {count(changed, 'fișier', 'fișiere')}", file=sys.stderr)
    for message in tally.messages:
        print(message, file=sys.stderr)
    return tally.exit_code(args)


# -- rules & explain ---------------------------------------------------------------


def cmd_rules(args: argparse.Namespace) -> int:
    from rolint import registry

    classes = registry.rule_classes()
    width = max((len(rule_id) for rule_id in classes), default=0) + 2
    for rule_id, cls in classes.items():
        print(f"{rule_id:{width}}{cls.severity.label:9}{cls.doc.summary}")
    return EXIT_OK


def cmd_explain(args: argparse.Namespace) -> int:
    from rolint.explain import explain_text

    text = explain_text(args.rule)
    if text is None:
        print(f"rolint: regulă necunoscută: {args.rule} (vezi `rolint rules`)", file=sys.stderr)
        return EXIT_ERROR
    print(text)
    return EXIT_OK


def cmd_vocab(args: argparse.Namespace) -> int:
    from rolint.spelling.vocab import main as learn_main

    return learn_main(args.rest)


def cmd_languagetool(args: argparse.Namespace) -> int:
    from rolint.languagetool.__main__ import main as lt_main

    return lt_main([args.action])


def cmd_lsp(args: argparse.Namespace) -> int:
    from rolint.lsp.server import run

    return run(tcp=args.tcp, host=args.host, port=args.port)


def cmd_serve(args: argparse.Namespace) -> int:
    from rolint.http.serve import run  # lazily: the CLI path never imports the HTTP stack

    return run(args.host, args.port, max(1, args.workers), args.config, args.drain_seconds)


_COMMANDS = {
    "check": cmd_check,
    "fix": cmd_fix,
    "rules": cmd_rules,
    "explain": cmd_explain,
    "lsp": cmd_lsp,
    "vocab": cmd_vocab,
    "languagetool": cmd_languagetool,
    "serve": cmd_serve,
}


def main(argv: list[str] | None = None) -> int:
    from rolint.config import ConfigError
    from rolint.rulepacks import PackError

    gc_tuning.tune()
    args = _parser().parse_args(argv)
    if args.command in ("check", "fix") and not os.environ.get("ROLINT_DEBUG"):
        # check and fix report a crashing rule per file themselves; its traceback goes to
        # stderr only when asked for (ROLINT_DEBUG=1). The language server keeps its log.
        logging.getLogger("rolint.engine").addHandler(logging.NullHandler())
        logging.getLogger("rolint.engine").propagate = False
    try:
        return _COMMANDS[args.command](args)
    except (ConfigError, PackError) as exc:
        print(f"rolint: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK


def run() -> int:
    """The ``rolint`` command and ``python -m rolint``: :func:`main`, then the process
    ends (in process, call :func:`main`: it leaves the collector's generations alone)."""
    code = main()
    gc_tuning.before_exit()
    return code
