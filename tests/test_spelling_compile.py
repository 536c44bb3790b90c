"""The Hunspell reader, the affix expansion and the compiled table, on a tiny dictionary.

No system dictionary needed: each test writes its own .aff/.dic.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from rolint.spelling.affix import AffixError, expand, parse_aff, read_dic
from rolint.spelling.dictionary import (
    Dictionary,
    DictionaryNotFound,
    cache_path,
    ensure_compiled,
    locate,
)
from rolint.spelling.store import Compiled, CompiledError, build, fold_key

AFF = """\
SET UTF-8
TRY aeiouăâîșț
KEY qwertyuiop|asdfghjkl|zxcvbnm
REP 1
REP ce che

# prefix ne-, cross product with suffixes
PFX N Y 1
PFX N 0 ne .

SFX S Y 3
SFX S 0 uri [^ăe]   # neuter plural
SFX S ă e ă
SFX S 0 ul [^ăe]

SFX V Y 2
SFX V a ez a
SFX V a ăm [^i]a
"""

DIC = """\
6
casă/S
pom/S
lucra/VN
București
iPhone
tară
"""


@pytest.fixture(autouse=True)
def _no_wordfreq(monkeypatch: pytest.MonkeyPatch) -> None:
    """Frequencies are irrelevant for a tiny dictionary; loading them costs a second."""
    import rolint.spelling.dictionary as dictionary

    monkeypatch.setattr(dictionary, "_wordfreq_ro", dict)
    monkeypatch.setattr(dictionary, "_wordfreq_en", list)


@pytest.fixture
def tiny(tmp_path: Path) -> tuple[Path, Path]:
    aff = tmp_path / "xx_XX.aff"
    dic = tmp_path / "xx_XX.dic"
    aff.write_text(AFF, encoding="utf-8")
    dic.write_text(DIC, encoding="utf-8")
    return aff, dic


@pytest.fixture
def tiny_dict(
    tiny: tuple[Path, Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> Dictionary:
    monkeypatch.setenv("ROLINT_CACHE_DIR", str(tmp_path / "cache"))
    aff, dic = tiny
    return Dictionary(Compiled(ensure_compiled(aff, dic, in_process=True)))


def test_parse_aff_reads_groups_and_suggestion_tables(tiny: tuple[Path, Path]) -> None:
    aff = parse_aff(tiny[0])
    assert set(aff.suffixes) == {"S", "V"}
    assert set(aff.prefixes) == {"N"}
    assert len(aff.suffixes["S"].rules) == 3
    assert aff.rep == [("ce", "che")]
    assert aff.key == ["qwertyuiop", "asdfghjkl", "zxcvbnm"]


def test_read_dic_skips_count_and_splits_flags(tiny: tuple[Path, Path]) -> None:
    entries = list(read_dic(tiny[1]))
    assert entries[0] == ("casă", "S")
    assert ("București", "") in entries


def test_expansion_applies_strip_condition_and_cross_product(tiny: tuple[Path, Path]) -> None:
    _, forms = expand(*tiny)
    got = set(forms)
    assert {"casă", "case", "pom", "pomuri", "pomul"} <= got
    assert {"lucra", "lucrez", "lucrăm", "nelucra", "nelucrez", "nelucrăm"} <= got
    assert "casăuri" not in got  # condition [^ăe] refuses casă
    assert "nepom" not in got  # prefix only where the flag allows it


def test_unsupported_features_are_refused(tmp_path: Path) -> None:
    aff = tmp_path / "bad.aff"
    aff.write_text("SET UTF-8\nCOMPOUNDFLAG X\n", encoding="utf-8")
    with pytest.raises(AffixError):
        parse_aff(aff)


def test_fold_key_lowercases_and_drops_romanian_diacritics() -> None:
    assert fold_key("Țării") == "tarii"
    assert fold_key("ÎNCĂ") == "inca"
    assert fold_key("şcoală") == "scoala"  # cedilla too
    assert fold_key("Müller") == "müller"  # other accents are kept


def test_case_rules_follow_hunspell(tiny_dict: Dictionary) -> None:
    d = tiny_dict
    assert d.check("casă") and d.check("Casă") and d.check("CASĂ")
    assert d.check("București") and d.check("BUCUREȘTI")
    assert not d.check("bucurești")  # a name in lower case is an error
    assert d.check("iPhone") and d.check("IPHONE")
    assert not d.check("Iphone") and not d.check("iphone")
    assert not d.check("casa")


def test_variants_differ_only_by_diacritics_in_the_words_case(tiny_dict: Dictionary) -> None:
    d = tiny_dict
    assert d.variants("casa") == ["casă"]
    assert d.variants("Casa") == ["Casă"]
    assert d.variants("tara") == ["tară"]
    assert d.variants("bucuresti") == []  # a name is not a diacritic variant of lower case
    assert d.variants("Bucuresti") == ["București"]
    assert d.variants("pom") == []


def test_compiled_file_round_trip_and_truncation(tmp_path: Path) -> None:
    out = tmp_path / "x.cdict"
    info = build(["mere", "Mere", "măr", "mărul"], out, freq={"mere": 4.5}, english=["apple"])
    assert info["forms"] == 4
    c = Compiled(out)
    assert sorted(c.group("mere") or []) == ["Mere", "mere"]
    assert c.group("mar") == ["măr"]
    assert c.group("pere") is None
    assert c.frequencies() == {"mere": 4.5}
    assert c.english() == frozenset({"apple"})
    assert dict(c.iter_groups())["marul"] == ["mărul"]
    out.write_bytes(out.read_bytes()[:-3])
    with pytest.raises(CompiledError):
        Compiled(out)


def test_one_words_zipf_is_its_value_in_the_whole_table(tmp_path: Path) -> None:
    """The binary search over the sorted frequency lines finds every stored word, and
    nothing for a prefix, an extension or a word between two stored ones (the first and
    last lines and multi-byte letters included)."""
    freq = {
        "a": 7.1,
        "apă": 5.5,
        "casa": 3.02,
        "casă": 5.0,
        "mere": 4.5,
        "zăpadă": 4.0,
        "ștrand": 2.5,
        "ține": 5.25,
    }
    out = tmp_path / "x.cdict"
    build(["casă", "mere"], out, freq=freq, english=[])
    c = Compiled(out)
    table = c.frequencies()
    assert table == freq
    for word, z in table.items():
        assert c.zipf(word) == z
    for absent in ("", "0", "ap", "apăx", "b", "cas", "casaa", "casă ", "zz", "ș", "ține-"):
        assert c.zipf(absent) is None, absent
    empty = tmp_path / "empty.cdict"
    build(["casă"], empty, freq={}, english=[])
    assert Compiled(empty).zipf("casă") is None


def test_dictionary_zipf_is_the_same_before_and_after_the_table_loads(dictionary) -> None:  # type: ignore[no-untyped-def]
    """On rospell's real table: every 7th stored word, in three cases, and words it does
    not hold, answered by look-up and then from the loaded table."""
    fresh = Dictionary(dictionary.compiled)
    table = dictionary.compiled.frequencies()
    words = sorted(table)[::7]
    words += [w.capitalize() for w in words[::5]] + [w.upper() for w in words[::11]]
    words += ["", "catalgat", "xyzzy", "Ministrul", "ŞCOALĂ"]
    looked_up = [fresh.zipf(w) for w in words]
    assert fresh._freq is None  # answered without reading the whole table
    assert fresh.freq == table
    assert [fresh.zipf(w) for w in words] == looked_up
    assert looked_up[0] == table[words[0]] and any(z > 0 for z in looked_up[-len(words) // 3 :])


def test_cache_is_reused_and_rebuilt_when_the_dictionary_changes(
    tiny: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ROLINT_CACHE_DIR", str(tmp_path / "cache"))
    aff, dic = tiny
    first = ensure_compiled(aff, dic, in_process=True)
    assert first.parent == tmp_path / "cache"
    assert ensure_compiled(aff, dic, in_process=True) == first
    dic.write_text(DIC + "măr\n", encoding="utf-8")
    st = dic.stat()
    os.utime(dic, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))
    second = cache_path(aff, dic)
    assert second != first
    assert not second.exists()
    d = Dictionary(Compiled(ensure_compiled(aff, dic, in_process=True)))
    assert d.check("măr")


def test_compile_in_a_child_process(
    tiny: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ROLINT_CACHE_DIR", str(tmp_path / "cache"))
    out = ensure_compiled(*tiny)
    assert Dictionary(Compiled(out)).check("pomuri")


def test_opening_a_compiled_dictionary_is_fast(tiny_dict: Dictionary) -> None:
    t = time.perf_counter()
    Dictionary(Compiled(tiny_dict.compiled.path)).check("pom")
    assert time.perf_counter() - t < 0.3


def test_locate_override_and_errors(
    tiny: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    aff, dic = tiny
    assert locate(str(dic)) == (aff, dic)
    assert locate(str(aff)) == (aff, dic)
    assert locate(str(dic)[:-4]) == (aff, dic)
    monkeypatch.setenv("ROLINT_DICTIONARY", str(dic))
    assert locate() == (aff, dic)
    with pytest.raises(DictionaryNotFound, match="nu există"):
        locate(str(tmp_path / "nimic.dic"))
