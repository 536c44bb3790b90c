"""The suggestion path's shortcuts give exactly what the plain computations give.

``Compiled.present`` drops most absent keys with a byte filter before it walks the
hash table, and ``edit_keys`` builds its keys a run at a time: if the filter ever
dropped a stored key, or the runs missed or added a key, suggestions would change
silently. Each shortcut is checked against the slow answer: ``has_key`` one key at a
time, and the edit generator as first written.

Example counts: the property tests draw ``examples(n)``, a quarter of the full
count ``n`` (at least 100) by default and all of it with ``ROLINT_FUZZ=long``
(tests/examples.py).
"""

from __future__ import annotations

import functools
import struct
from collections.abc import Iterable
from pathlib import Path
from zlib import crc32

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import rolint.spelling.dictionary as dictionary_mod
import rolint.spelling.store as store
from examples import examples
from rolint.spelling.dictionary import Dictionary, ensure_compiled
from rolint.spelling.lexicon import WordList
from rolint.spelling.store import Compiled, CompiledError, build, fold_key
from rolint.spelling.suggest import ALPHABET, Extra, Suggester, edit_keys, rep_keys

# Our own sample words: plain, with diacritics, with a hyphen, and with letters that
# folding keeps (é, ö, ü, ñ), so that keys hold multi-byte UTF-8.
WORDS = [
    "casă",
    "case",
    "caseta",
    "pom",
    "pomul",
    "mere",
    "Mere",
    "măr",
    "mărul",
    "țară",
    "țări",
    "ședință",
    "bună-ziua",
    "prim-ministru",
    "café",
    "Müller",
    "mañana",
    "Göteborg",
    "naïve",
    "fiică",
    "fiice",
    "chiar",
    "ochii",
    "xilofon",
]

_LETTERS = "abcdeimnostuxzăâîșțéöüñ-'"


def _plain_edit_keys(key: str) -> set[str]:
    """``edit_keys`` as first written: one string per edit."""
    n = len(key)
    out = [key[:i] + key[i + 1 :] for i in range(n)]
    out += [key[:i] + key[i + 1] + key[i] + key[i + 2 :] for i in range(n - 1)]
    for i in range(n):
        out += [key[:i] + c + key[i + 1 :] for c in ALPHABET]
    for i in range(n + 1):
        out += [key[:i] + c + key[i:] for c in ALPHABET]
    out += [key[:i] + "-" + key[i:] for i in range(1, n)]
    out += rep_keys(key)  # unchanged from the first version
    return set(out)


def _slow_present(compiled: Compiled, keys: Iterable[str]) -> set[str]:
    return {k for k in keys if compiled.has_key(k)}


def _build(tmp_path: Path, forms: list[str], name: str = "x.cdict") -> Compiled:
    out = tmp_path / name
    build(forms, out)
    return Compiled(out)


# -- edit keys (no dictionary needed) --------------------------------------------------


@settings(max_examples=examples(400), deadline=None)
@given(st.text(alphabet=_LETTERS + "\n\t ", max_size=12))
def test_edit_keys_are_the_plain_edit_keys(key: str) -> None:
    assert edit_keys(key) == _plain_edit_keys(key) - {key}


@pytest.mark.parametrize("word", WORDS)
def test_edit_keys_of_the_sample_words(word: str) -> None:
    key = fold_key(word)
    assert edit_keys(key) == _plain_edit_keys(key) - {key}  # key itself: not an edit


# -- the filter of the compiled store ----------------------------------------------------


@pytest.mark.parametrize("per_key", [1, 4, 64])
def test_present_agrees_with_has_key_on_edits_of_stored_words(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, per_key: int
) -> None:
    """A dense filter (nearly every byte set), the default and a sparse one (nearly
    every absent key dropped by the filter): the answer is the same."""
    monkeypatch.setattr(store, "FILTER_BYTES_PER_KEY", per_key)
    c = _build(tmp_path, WORDS)
    keys: set[str] = set()
    for w in WORDS:
        keys |= edit_keys(fold_key(w))
        keys.add(fold_key(w))
    found = c.present(keys)
    assert found == _slow_present(c, keys)
    assert {fold_key(w) for w in WORDS} <= found


def test_every_stored_key_has_its_filter_byte_set(tmp_path: Path) -> None:
    c = _build(tmp_path, WORDS)
    for key, _forms in c.iter_groups():
        assert c._filter[crc32(key.encode("utf-8")) >> c._filter_shift] == 1


def test_the_filter_drops_most_absent_keys(tmp_path: Path) -> None:
    """The point of the filter: with four bytes a key, ~1/4 of the absent keys pass."""
    c = _build(tmp_path, [f"w{i}x{i * 7}" for i in range(2000)])
    absent = [f"q{i}z" for i in range(4000)]
    passed = sum(c._filtered([crc32(k.encode()) for k in absent]))
    assert passed < len(absent) * 0.4


@settings(max_examples=examples(150), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    # at least one form: an empty store's blob is one empty line, which has_key("")
    # (not present) reads as a key
    stored=st.lists(st.text(alphabet=_LETTERS, min_size=1, max_size=8), min_size=1, max_size=40),
    asked=st.lists(st.text(alphabet=_LETTERS + "\n", max_size=8), max_size=40),
    per_key=st.sampled_from([1, 4, 32]),
)
def test_present_agrees_with_has_key_on_random_keys(
    tmp_path_factory: pytest.TempPathFactory,
    stored: list[str],
    asked: list[str],
    per_key: int,
) -> None:
    old = store.FILTER_BYTES_PER_KEY
    store.FILTER_BYTES_PER_KEY = per_key
    try:
        c = _build(tmp_path_factory.mktemp("store"), stored)
    finally:
        store.FILTER_BYTES_PER_KEY = old
    keys = [*asked, *(fold_key(w) for w in stored)]
    assert c.present(keys) == _slow_present(c, keys)
    for key in keys[:5]:  # one key alone (itemgetter gives an item, not a tuple)
        assert c.present([key]) == _slow_present(c, [key])


def test_present_of_nothing_and_of_odd_keys(tmp_path: Path) -> None:
    c = _build(tmp_path, WORDS)
    assert c.present([]) == set()
    assert c.present(iter(["casa"])) == {"casa"}
    assert c.present(["casa\nmere", "mere", ""]) == {"mere"}
    assert c.present(["mere", "mere"]) == {"mere"}
    empty = _build(tmp_path, [], "empty.cdict")
    assert empty.present(["casa", "mere"]) == set()


def test_present_agrees_with_has_key_on_the_real_dictionary(dictionary) -> None:  # type: ignore[no-untyped-def]
    compiled = dictionary.compiled
    for word in [*WORDS, "catalgat", "guvernl", "sedinta", "intrun", "Bucuresti", "xqzw"]:
        keys = edit_keys(fold_key(word))
        assert compiled.present(keys) == _slow_present(compiled, keys), word


# -- the cache file: a broken new-format file is rejected, then rebuilt ------------------


def _header(path: Path) -> list[object]:
    raw = path.read_bytes()
    return list(store._HEADER.unpack(raw[: store._HEADER.size]))


def _rewrite_header(path: Path, fields: list[object]) -> None:
    raw = path.read_bytes()
    head = store._HEADER.pack(*fields)
    path.write_bytes(head + raw[len(head) :])


@pytest.mark.parametrize(
    "damage",
    ["truncate", "truncate-filter", "old-version", "filter-bits", "filter-offset", "slots"],
)
def test_a_damaged_cache_file_is_rejected(tmp_path: Path, damage: str) -> None:
    out = tmp_path / "x.cdict"
    build(WORDS, out)
    Compiled(out)  # sound
    fields = _header(out)
    if damage == "truncate":
        out.write_bytes(out.read_bytes()[:-1])
    elif damage == "truncate-filter":  # cut inside the filter section
        filt_off = fields[-2]
        assert isinstance(filt_off, int)
        out.write_bytes(out.read_bytes()[: filt_off + 10])
    else:
        index = {"old-version": 1, "slots": 2, "filter-offset": -2, "filter-bits": -1}[damage]
        value = fields[index]
        assert isinstance(value, int)
        fields[index] = 5 if damage == "old-version" else value + 1
        _rewrite_header(out, fields)
    with pytest.raises(CompiledError):
        Compiled(out)


def test_a_damaged_cache_is_rebuilt_on_open(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(dictionary_mod, "_wordfreq_ro", dict)
    monkeypatch.setattr(dictionary_mod, "_wordfreq_en", list)
    monkeypatch.setattr(
        dictionary_mod, "ensure_compiled", functools.partial(ensure_compiled, in_process=True)
    )
    monkeypatch.setenv("ROLINT_CACHE_DIR", str(tmp_path / "cache"))
    aff, dic = tmp_path / "xx_XX.aff", tmp_path / "xx_XX.dic"
    aff.write_text("SET UTF-8\n", encoding="utf-8")
    dic.write_text("3\ncasă\nmere\nmăr\n", encoding="utf-8")
    path = ensure_compiled(aff, dic, in_process=True)
    fields = _header(path)
    fields[-1] = 40  # filter bits out of range
    _rewrite_header(path, fields)
    d = Dictionary.open(dic)
    assert d.check("casă")
    assert d.compiled.present(["casa", "mar", "pere"]) == {"casa", "mar"}


# -- the suggester with the real dictionary ------------------------------------------------


def _plain_may_have_frequent(
    sugg: Suggester, word: str, min_zipf: float, extra: Extra | None
) -> bool:
    """``may_have_frequent`` as first written: one key at a time."""
    frequent = sugg._frequent_keys(min_zipf)
    low = word.lower()
    key = fold_key(low)
    keys = [key]
    if "î" in low[1:-1]:
        keys.append(fold_key(low[0] + low[1:-1].replace("î", "â") + low[-1]))
    keys.extend(_plain_edit_keys(key))
    group = sugg.dict.compiled.group
    for k in keys:
        if k in frequent:
            return True
        if "-" in k and (group(k) or (extra is not None and extra(k))):
            return True
    return any("-" in form for form, _ in sugg._splits(low, key))


def test_may_have_frequent_is_the_plain_answer(dictionary) -> None:  # type: ignore[no-untyped-def]
    from rolint.spelling.checker import SpellChecker

    chk = SpellChecker(dictionary)
    sugg = chk.suggester
    extra = chk._extra(WordList())
    names = WordList(["Mass-Mediax", "Sud-Estul"])
    with_names = chk._extra(names)
    cases = [
        "Catalgat",
        "Guvernl",
        "Sedinta",
        "Xqzwv",
        "Massmedia",
        "Primministru",
        "Dintrun",
        "Cînd",
        "Müller",
        "Sudestul",
    ]
    for word in cases:
        for min_zipf in (3.5, 5.0):
            for e in (extra, with_names, None):
                got = sugg.may_have_frequent(word, min_zipf, e)
                assert got == _plain_may_have_frequent(sugg, word, min_zipf, e), (word, e)


def _plain_splits(sugg: Suggester, low: str, key: str) -> list[tuple[str, float]]:
    """``_splits`` as first written: both halves looked up at every cut."""
    from rolint.spelling.suggest import (
        COST_HYPHEN,
        COST_SPACE,
        FUNCTION_WORDS,
        SPLIT_MIN_ZIPF,
        _clitic_pair,
    )

    out = []
    if len(key) >= 4 and "-" not in key and " " not in key:
        for i in range(1, len(key) - 1):
            left, right = sugg._best(low[:i]), sugg._best(low[i:])
            if left is None or right is None:
                continue
            space = left in FUNCTION_WORDS and len(left) >= 2 and len(right) >= 3
            if space and sugg.dict.zipf(right) >= SPLIT_MIN_ZIPF:
                out.append((f"{left} {right}", COST_SPACE))
            if _clitic_pair(left, right):
                out.append((f"{left}-{right}", COST_HYPHEN))
    return out


def test_splits_look_up_only_the_halves_that_can_pair(dictionary) -> None:  # type: ignore[no-untyped-def]
    sugg = Suggester(dictionary)
    cases = [
        "deacord",
        "pecare",
        "înloc",
        "dintrodată",
        "dintrun",
        "printro",
        "nam",
        "sau",
        "miau",
        "dânduile",
        "luândule",
        "făcândumi",
        "știule",
        "spunându-i",
        "pentrucă",
        "despreei",
        "careeste",
        "asupraei",
        "nuam",
        "catalgat",
        *WORDS,
    ]
    found = 0
    for word in cases:
        low = word.lower()
        key = fold_key(low)
        expected = _plain_splits(sugg, low, key)
        assert list(sugg._splits(low, key)) == expected, word
        found += bool(expected)
    assert found >= 8  # the cases do reach both kinds of suggestion


def test_header_layout_has_room() -> None:
    assert struct.calcsize(store._HEADER.format) <= store.HEADER_SIZE
