"""Which rules each rolint configuration of the suite really runs, checked end to end.

A "same rule work" ratio is only fair when rolint runs exactly the peer's rules. The
configuration is checked twice: by rolint's own config code when the tool is made
(bench/tools.py), and here through the command itself: every bad example of every rule
(the examples the rule tests already run) is written to a probe file of its own, each
rolint configuration checks all of them, and the rule ids it reports must be exactly the
ones it is meant to run — a rule left on by mistake, or one that does not run, fails
the suite. The throughput sections then check that no finding comes from another rule.
"""

from __future__ import annotations

from pathlib import Path

import measure
from tools import Tool

_SUFFIX = {"text": ".txt", "markdown": ".md", "html": ".html"}


def write_probe(folder: Path) -> list[Path]:
    """One file per bad example of every rule (the format chosen by its extension)."""
    from rolint import registry

    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for rule_id, cls in registry.rule_classes().items():
        for i, ex in enumerate(e for e in cls.examples if e.bad):
            name = f"{rule_id.replace('/', '-')}-{i}{_SUFFIX.get(ex.fmt, '.txt')}"
            path = folder / name
            path.write_text(ex.text, encoding="utf-8")
            out.append(path)
    return out


def ran(tool: Tool, paths: list[Path], timeout: float) -> frozenset[str]:
    """The rule ids ``tool`` reports on ``paths``."""
    run = measure.run(tool.command(paths), cwd=tool.cwd, env=tool.env, timeout=timeout)
    if run.timed_out or run.returncode not in (0, 1):
        err = run.stderr.decode("utf-8", errors="replace")[-800:]
        raise RuntimeError(f"{tool.name} on the rule probe: exit {run.returncode}: {err}")
    return frozenset(f.rule for f in tool.parse(run.stdout, paths))


def verify(tools: list[Tool], folder: Path, timeout: float) -> dict[str, list[str]]:
    """Each rolint configuration's rule set on the probe; raises when one differs from
    the intended set. Returns the rule ids each configuration ran (for the report)."""
    paths = write_probe(folder)
    out: dict[str, list[str]] = {}
    for tool in tools:
        if tool.rules is None:
            continue
        got = ran(tool, paths, timeout)
        if got != tool.rules:
            extra, absent = sorted(got - tool.rules), sorted(tool.rules - got)
            raise RuntimeError(
                f"{tool.name} ran the wrong rules: also {extra or 'none'}, "
                f"without {absent or 'none'}"
            )
        out[tool.name] = sorted(got)
    return out


def check_findings(tool: Tool, rule_ids: set[str]) -> None:
    """No finding of a throughput run may come from a rule the tool should not run."""
    if tool.rules is not None and not rule_ids <= tool.rules:
        raise RuntimeError(
            f"{tool.name} reported rules it should not run: {sorted(rule_ids - tool.rules)}"
        )
