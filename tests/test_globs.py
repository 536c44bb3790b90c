"""Compiled file patterns (rolint.globs) agree with their definition: pathlib's
part-by-part match from the right, or fnmatch over the whole path, where a leading
``**/`` may also match nothing."""

from __future__ import annotations

import fnmatch
from pathlib import Path, PurePosixPath

from hypothesis import given, settings
from hypothesis import strategies as st

from examples import examples
from rolint.globs import Globs
from rolint.sources import walk

PART = st.sampled_from(["a", "b", "ab.txt", "x.md", ".git", "node_modules", "ș.txt", "c.html"])
GLOB_PART = st.sampled_from(["*", "**", "a", "*.txt", "?.md", "[ab]*", ".git", "ș*"])


def _defined(rel: str, pattern: str) -> bool:
    """The definition, written with the standard library directly."""
    if not pattern.strip("/."):
        return fnmatch.fnmatchcase(rel, pattern)
    if PurePosixPath(rel).match(pattern) or fnmatch.fnmatchcase(rel, pattern):
        return True
    return pattern.startswith("**/") and _defined(rel, pattern[3:])


@settings(max_examples=examples(400), deadline=None)
@given(
    st.lists(PART, min_size=1, max_size=4),
    st.lists(GLOB_PART, min_size=1, max_size=4),
    st.booleans(),
    st.booleans(),
)
def test_compiled_patterns_match_as_defined(
    parts: list[str], glob: list[str], absolute: bool, rooted: bool
) -> None:
    rel = ("/" if absolute else "") + "/".join(parts)
    pattern = ("/" if rooted else "") + "/".join(glob)
    assert Globs([pattern]).match(rel) == _defined(rel, pattern), (rel, pattern)


def test_a_set_matches_when_one_pattern_does() -> None:
    globs = Globs(["**/*.md", "docs/*.txt"])
    assert globs.match("a.md") and globs.match("x/y/a.md")
    assert globs.match("docs/a.txt") and globs.match("x/docs/a.txt")
    assert not globs.match("a.txt")
    assert not Globs([]).match("a.txt")


def test_walk_skips_excluded_folders_and_keeps_included_files(tmp_path: Path) -> None:
    for rel in ("a.txt", "b.md", "c.py", ".git/d.txt", "sub/e.txt", "sub/node_modules/f.txt"):
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("Text.\n", encoding="utf-8")
    found = walk(tmp_path, ("**/*.txt", "**/*.md"), ("**/.git/**", "**/node_modules/**"), [])
    assert [p.relative_to(tmp_path).as_posix() for p in found] == ["a.txt", "b.md", "sub/e.txt"]
