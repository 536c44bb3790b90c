"""What a cold `rolint check` does before and after it checks: the command's own exit
path, and (below) the caches and lazy work that keep start-up short."""

from __future__ import annotations

import datetime
import os
import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from rolint import packcache, rulepacks
from rolint.engine import Engine
from rolint.rulepacks import PackError
from rolint.rules import attribution, typos
from rolint.rules._text import LazyPattern


def _probe(code: str, *args: str) -> list[str]:
    proc = subprocess.run(
        [sys.executable, "-c", code, *args], input=b"", capture_output=True, text=False
    )
    return proc.stdout.decode().splitlines()[-1].split()  # the probe's line comes last


def test_the_command_freezes_before_exit_but_main_in_process_does_not() -> None:
    """`rolint` (cli.run) freezes what is alive before the process ends, so shutdown's
    collections skip the loaded tables; cli.main, called in process, leaves the
    collector's generations as they were."""
    probe = (
        "import gc, sys; from rolint import cli; sys.argv[1:] = ['check', '-']; "
        "code = cli.{}(); print(code, gc.get_freeze_count() > 0)"
    )
    assert _probe(probe.format("main")) == ["0", "False"]
    assert _probe(probe.format("run")) == ["0", "True"]


# -- the pack cache (rolint.packcache) ----------------------------------------------


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An empty cache folder of this test's own; load_pack forgets what it loaded."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("ROLINT_CACHE_DIR", str(folder))
    rulepacks.load_pack.cache_clear()
    yield folder
    rulepacks.load_pack.cache_clear()


@pytest.fixture
def pack(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A pack folder of this test's own holding one pack, ``proba.yaml``."""
    folder = tmp_path / "rules"
    folder.mkdir()
    monkeypatch.setattr(rulepacks, "packs_dir", lambda: folder)
    path = folder / "proba.yaml"
    path.write_text("lista:\n  - cuvânt: mâine\n    nr: 3\n    da: true\n", encoding="utf-8")
    return path


def _load() -> object:
    rulepacks.load_pack.cache_clear()
    return rulepacks.load_pack("proba")


def test_a_parsed_pack_is_cached_and_read_back_the_same(cache: Path, pack: Path) -> None:
    expected = {"lista": [{"cuvânt": "mâine", "nr": 3, "da": True}]}
    assert _load() == expected
    (cached,) = cache.glob("pack-proba-*.json")
    blob = cached.read_bytes()
    assert b"m\xc3\xa2ine" in blob  # the data is JSON text, not pickle
    assert packcache.read(pack, pack.read_bytes()) == expected
    assert packcache.same(_load(), expected)
    assert cached.read_bytes() == blob  # read, not written again


def test_an_edited_pack_is_parsed_again(cache: Path, pack: Path) -> None:
    _load()
    pack.write_text("lista: [altceva]\n", encoding="utf-8")
    assert _load() == {"lista": ["altceva"]}
    assert len(list(cache.glob("pack-proba-*.json"))) == 2  # named by the pack's bytes


@pytest.mark.parametrize(
    "damage",
    [
        lambda b: b[: len(b) // 2],  # torn
        lambda b: b"",
        lambda b: b"\xff\xfe garbage",
        lambda b: b.replace("mâine".encode(), "mâini".encode()),  # data no longer its digest
        lambda b: b.replace(b'"format": 1', b'"format": 0'),
        lambda b: b"[1, 2]\n" + b.partition(b"\n")[2],  # header not a mapping
    ],
)
def test_a_damaged_cache_file_is_ignored_and_rewritten(
    cache: Path, pack: Path, damage: Callable[[bytes], bytes]
) -> None:
    expected = _load()
    (cached,) = cache.glob("pack-proba-*.json")
    good = cached.read_bytes()
    cached.write_bytes(damage(good))
    assert packcache.read(pack, pack.read_bytes()) is packcache.MISSING
    assert _load() == expected
    assert cached.read_bytes() == good


def test_data_json_would_change_is_not_cached(cache: Path, pack: Path) -> None:
    pack.write_text("1: unu\nzi: 2026-12-02\n", encoding="utf-8")
    data = _load()
    assert data == {1: "unu", "zi": datetime.date(2026, 12, 2)}
    assert not list(cache.glob("pack-proba-*.json"))
    pack.write_text("10: zece\n", encoding="utf-8")
    assert _load() == {10: "zece"}  # a number as key: JSON would give back "10"
    assert not list(cache.glob("pack-proba-*.json"))
    assert not packcache.same({"1": 1}, {1: 1}) and not packcache.same([True], [1])
    assert not packcache.same({"a": 1, "b": 2}, {"b": 2, "a": 1})


def test_a_folder_that_cannot_be_written_only_costs_the_parse(
    tmp_path: Path, pack: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("ROLINT_CACHE_DIR", str(blocker / "cache"))
    assert _load() == {"lista": [{"cuvânt": "mâine", "nr": 3, "da": True}]}
    rulepacks.load_pack.cache_clear()


def test_a_broken_pack_is_reported_not_cached(cache: Path, pack: Path) -> None:
    pack.write_text("lista: [neînchis\n", encoding="utf-8")
    with pytest.raises(PackError, match=r"proba\.yaml: YAML invalid"):
        _load()
    pack.write_bytes(b"lista: [\xff]\n")
    with pytest.raises(PackError, match=r"proba\.yaml: pachetul de reguli nu e text UTF-8"):
        _load()
    assert not list(cache.glob("pack-*.json"))


def test_line_ends_are_read_as_in_a_text_file(cache: Path, pack: Path) -> None:
    pack.write_bytes(b"text: |\r\n  un\r\n  doi\r\n")
    assert _load() == {"text": "un\ndoi\n"}


def test_the_old_cache_files_of_a_pack_are_pruned(cache: Path, pack: Path) -> None:
    for i in range(packcache.KEEP + 3):
        pack.write_text(f"lista: [{i}]\n", encoding="utf-8")
        _load()
    kept = list(cache.glob("pack-proba-*.json"))
    assert len(kept) == packcache.KEEP
    assert packcache.cache_file(pack, pack.read_bytes()) in kept  # the newest stays


def _cache_with_dictionary(folder: Path) -> Path:
    """An empty cache folder, but for links to the compiled dictionary and participle
    list of the user's cache (seconds to build again)."""
    from rolint.spelling.dictionary import cache_dir

    folder.mkdir()
    for f in cache_dir().glob("*"):
        if f.name.startswith(("spelling-", "participles-")) and not f.name.endswith(".lock"):
            (folder / f.name).symlink_to(f)
    return folder


def test_a_check_with_its_packs_cached_never_imports_yaml(tmp_path: Path) -> None:
    """The second `rolint check` reads every pack from the cache: PyYAML stays out."""
    article = tmp_path / "a.txt"
    article.write_text("Titlu\n\nPrimarul sa dus la şedinţă, deasemenea.\n", encoding="utf-8")
    env = dict(os.environ, ROLINT_CACHE_DIR=str(_cache_with_dictionary(tmp_path / "cache")))
    probe = (
        "import sys; from rolint import cli; code = cli.main(['check', sys.argv[1]]); "
        "print(); print('yaml' in sys.modules)"
    )

    def run() -> tuple[str, str]:
        proc = subprocess.run(
            [sys.executable, "-c", probe, str(article)], env=env, capture_output=True, text=True
        )
        report, _, imported = proc.stdout.rpartition("\n\n")
        return report, imported.strip()

    first, second = run(), run()
    assert first[1] == "True" and second[1] == "False"
    assert first[0] == second[0] and "sa dus" in first[0]


# -- patterns compiled on first use (rolint.rules._text.LazyPattern) ---------------


def _lazy_patterns() -> list[LazyPattern]:
    data = attribution.attribution_data()
    found = [v for v in vars(data).values() if isinstance(v, LazyPattern)]
    found += [a[1] for a in data.anonymous] + [c[1] for c in data.claims]
    typo = typos.typo_data()
    return [*found, *([typo.pattern] if typo.pattern is not None else [])]


def test_a_lazy_pattern_matches_as_its_regex() -> None:
    lazy = LazyPattern(r"(?<![\w-])(?:surs[ae]|martor)(?![\w])", re.IGNORECASE)
    plain = re.compile(lazy.pattern, lazy.flags)
    text = "Sursa, martorii și o martoră; MARTOR-ul, sursele, surse."
    assert [m.span() for m in lazy.finditer(text)] == [m.span() for m in plain.finditer(text)]
    assert [m.span() for m in lazy.finditer(text, 10, 40)] == [
        m.span() for m in plain.finditer(text, 10, 40)
    ]
    found, expected = lazy.search(text, 5), plain.search(text, 5)
    assert found is not None and expected is not None and found.span() == expected.span()
    assert lazy.compiled is lazy.compiled  # compiled once


def test_warm_up_compiles_every_lazy_pattern_of_the_rules() -> None:
    """The language server and serve call Engine.warm_up when idle: afterwards no
    keystroke pays for compiling a cue pattern."""
    patterns = _lazy_patterns()
    assert len(patterns) > 15
    for p in patterns:  # as in a fresh process, whatever ran before in this one
        p._compiled = None
    Engine([attribution.MissingSource(), attribution.AnonymousSource(), typos.Typo_()]).warm_up()
    assert all(p._compiled is not None for p in patterns)
