"""The ``rolint`` command: check, fix, rules, explain, lsp.

Imports stay lazy: ``rolint check`` must start fast and must not import the language
server (pygls) or the HTTP stack.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from rolint import __version__, gc_tuning

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
_PARALLEL_MIN_FILES = 24


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
    from rolint.config import config_for, load

    return load(args.config) if args.config else config_for(path)


def _check_one(path: str, config_path: str | None, fmt: str | None):  # type: ignore[no-untyped-def]
    """Check one file."""
    from rolint.config import ConfigError, load
    from rolint.linter import FileResult, check_path

    try:
        cfg = load(Path(config_path)) if config_path else _config_of(Path(path))
    except ConfigError as exc:
        return FileResult(path, error=str(exc))
    return check_path(Path(path), cfg, fmt)


# folder → its Config, or the ConfigError it raised; for one batch (workers fork after
# _run_batch empties it)
_CONFIGS: dict[Path, object] = {}


def _config_of(path: Path):  # type: ignore[no-untyped-def]
    """``config_for(path)``, looked up once per folder in this process: a batch would
    otherwise walk up the directory tree again for every file of a folder."""
    from rolint.config import ConfigError, config_for

    if path.is_dir():
        return config_for(path)
    found = _CONFIGS.get(path.parent)
    if found is None:
        try:
            found = config_for(path.parent)
        except ConfigError as exc:
            found = exc
        _CONFIGS[path.parent] = found
    if isinstance(found, ConfigError):
        raise ConfigError(str(found))
    return found


def _check_one_slim(path: str, config_path: str | None, fmt: str | None):  # type: ignore[no-untyped-def]
    """Worker entry (top-level so it pickles): check one file, return a light result."""
    result = _check_one(path, config_path, fmt).slim()
    gc_tuning.settle()  # a worker checks many files: freeze the loaded rules after the first
    return result


def _run_batch(args: argparse.Namespace, files: list[Path], show_progress: bool) -> list:  # type: ignore[type-arg]
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
    results = []
    try:
        if jobs > 1 and len(files) >= _PARALLEL_MIN_FILES:
            from concurrent.futures import ProcessPoolExecutor

            with ProcessPoolExecutor(max_workers=jobs) as pool:
                chunk = max(1, min(64, len(files) // (jobs * 8)))
                for r in pool.map(
                    _check_one_slim,
                    [str(f) for f in files],
                    [config_path] * len(files),
                    [fmt] * len(files),
                    chunksize=chunk,
                ):
                    results.append(r)
                    if progress:
                        progress.advance(task)
        else:
            for i, f in enumerate(files):
                result = _check_one(str(f), config_path, fmt)
                # outputs need only positions: keep the source, not the whole Document
                results.append(result.slim() if len(files) > 1 else result)
                if i == 0 and len(files) > 1:
                    gc_tuning.settle()
                if progress:
                    progress.advance(task)
    finally:
        if progress:
            progress.stop()
    return results


def _stdin_result(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from rolint.linter import check_bytes
    from rolint.readers import detect_format

    name = args.stdin_filename or "<stdin>"
    cfg = _config(args, Path(args.stdin_filename or Path.cwd() / "stdin.txt"))
    fmt = args.input_format or detect_format(args.stdin_filename)
    return check_bytes(sys.stdin.buffer.read(), name, cfg, fmt)


def _fail_level(args: argparse.Namespace, results: list) -> int:  # type: ignore[type-arg]
    from rolint.rule import Severity

    level = args.fail_on
    if level is None:
        level = _config(args, Path(results[0].path) if results else Path.cwd()).fail_on
    if level == "never":
        return 99
    return int(Severity.parse(level))


def _exit_code(args: argparse.Namespace, results: list) -> int:  # type: ignore[type-arg]
    if any(r.error is not None for r in results):
        return EXIT_ERROR
    threshold = _fail_level(args, results)
    worst = max((int(d.severity) for r in results for d in r.diagnostics), default=0)
    return EXIT_FINDINGS if worst >= threshold else EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    from rolint.linter import FileResult
    from rolint.output import renderer

    walk_errors: list[tuple[str, str]] = []
    files = _collect(args, walk_errors)
    show = (
        not args.no_progress and args.format == "text" and sys.stderr.isatty() and len(files) > 20
    )
    results = _run_batch(args, files, show)
    if "-" in args.paths:
        results.insert(0, _stdin_result(args))
    results.extend(FileResult(path, error=msg) for path, msg in walk_errors)
    lt_failed = _languagetool(args, results)
    color = args.color == "always" or (
        args.color == "auto" and sys.stdout.isatty() and "NO_COLOR" not in os.environ
    )
    if not results:
        print("rolint: niciun fișier de verificat", file=sys.stderr)
    renderer(args.format)(results, sys.stdout, color)
    sys.stdout.flush()
    if args.format != "text":
        for r in results:
            if r.error is not None:
                print(f"rolint: {r.path}: {r.error}", file=sys.stderr)
    if lt_failed and args.require_languagetool:
        return EXIT_ERROR
    return _exit_code(args, results)


def _languagetool(args: argparse.Namespace, results: list) -> bool:  # type: ignore[type-arg]
    """LanguageTool's findings merged into ``results`` where enabled; True if it was
    wanted (enabled, or required) and did not fully answer. Imported only when needed."""
    import os

    from rolint.config import ConfigError

    def config_of(path: str):  # type: ignore[no-untyped-def]
        if path in ("<stdin>", args.stdin_filename):
            path = args.stdin_filename or str(Path.cwd() / "stdin.txt")
        try:
            return _config(args, Path(path))
        except ConfigError:
            return None  # reported with the file already

    wanted = args.require_languagetool or "ROLINT_LANGUAGETOOL_URL" in os.environ
    if not wanted:
        cfgs = [config_of(r.path) for r in results if r.error is None]
        wanted = any(c is not None and c.languagetool.get("enabled") for c in cfgs)
    if not wanted:
        return False
    from rolint.languagetool.batch import run

    complete, notice = run(results, config_of, args.input_format)
    if notice:
        print(f"rolint: LanguageTool: {notice}; raportez doar regulile rolint", file=sys.stderr)
    return not complete or notice is not None


# -- fixing ----------------------------------------------------------------------


def _fix_source(source: str, fmt: str, path: str, cfg, args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from rolint.fixes import fix_text
    from rolint.linter import lint_text

    def check(text: str) -> list:  # type: ignore[type-arg]
        return lint_text(text, fmt, path, cfg)[1]

    return fix_text(source, check, unsafe=args.unsafe, rule=args.rule)


def cmd_fix(args: argparse.Namespace) -> int:
    import difflib

    from rolint.fixes import ChangedOnDisk, encode, write_atomic
    from rolint.linter import FileResult, check_bytes
    from rolint.readers import InputError, decode, detect_format

    walk_errors: list[tuple[str, str]] = []
    files = _collect(args, walk_errors)
    results: list[FileResult] = [FileResult(p, error=m) for p, m in walk_errors]
    total = 0
    if "-" in args.paths:
        data = sys.stdin.buffer.read()
        name = args.stdin_filename or "<stdin>"
        try:
            source, bom = decode(data)
        except InputError as exc:
            print(f"rolint: {name}: {exc}", file=sys.stderr)
            return EXIT_ERROR
        cfg = _config(args, Path(args.stdin_filename or "stdin.txt"))
        fmt = args.input_format or detect_format(args.stdin_filename)
        new, _ = _fix_source(source, fmt, name, cfg, args)
        sys.stdout.buffer.write(encode(new, bom))
        return EXIT_OK
    for path in files:
        try:
            data = path.read_bytes()
            cfg = _config(args, path)
            source, bom = decode(data)
        except InputError as exc:
            results.append(FileResult(str(path), error=str(exc)))
            continue
        except OSError as exc:
            results.append(FileResult(str(path), error=f"nu pot citi fișierul: {exc.strerror}"))
            continue
        fmt = args.input_format or detect_format(str(path))
        new, count = _fix_source(source, fmt, str(path), cfg, args)
        if new != source:
            total += count
            if args.diff:
                sys.stdout.writelines(
                    difflib.unified_diff(
                        source.splitlines(keepends=True),
                        new.splitlines(keepends=True),
                        f"a/{path}",
                        f"b/{path}",
                    )
                )
            else:
                try:
                    write_atomic(path, encode(new, bom), expected=data)
                except (ChangedOnDisk, OSError) as exc:
                    results.append(FileResult(str(path), error=str(exc)))
                    continue
        results.append(check_bytes(encode(new, bom), str(path), cfg, fmt))
    verb = "de aplicat" if args.diff else "aplicate"
    print(f"rolint: {total} corecturi {verb} în {len(files)} fișiere", file=sys.stderr)
    for r in results:
        if r.error is not None:
            print(f"rolint: {r.path}: {r.error}", file=sys.stderr)
    return _exit_code(args, results)


# -- rules & explain ---------------------------------------------------------------


def cmd_rules(args: argparse.Namespace) -> int:
    from rolint import registry

    for rule_id, cls in registry.rule_classes().items():
        state = "" if registry.default_enabled(cls) else " (dezactivată implicit)"
        print(f"{rule_id:32} {cls.severity.label:8} {cls.doc.summary}{state}")
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


_COMMANDS = {
    "check": cmd_check,
    "fix": cmd_fix,
    "rules": cmd_rules,
    "explain": cmd_explain,
    "lsp": cmd_lsp,
    "vocab": cmd_vocab,
    "languagetool": cmd_languagetool,
}


def main(argv: list[str] | None = None) -> int:
    from rolint.config import ConfigError
    from rolint.rulepacks import PackError

    gc_tuning.tune()
    args = _parser().parse_args(argv)
    try:
        return _COMMANDS[args.command](args)
    except (ConfigError, PackError) as exc:
        print(f"rolint: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK
