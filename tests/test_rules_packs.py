"""The rule packs in rules/: every entry works, and a broken pack is reported precisely.

Editors change these files without Python, so each spelling/typo entry is checked on
its own (every expanded wrong form is flagged with its correction, every correct form
is left alone, every example sentence is flagged), and a malformed pack must fail with
a message naming the file, the entry and the field.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from rolint import rulepacks
from rolint.rule import unmark
from rolint.rulepacks import PackError
from rolint.rules import _text, attribution, diacritics, orthography, typos

_CACHED = (
    rulepacks.load_pack,
    _text.text_pack_lines,
    typos.typo_data,
    diacritics.missing_data,
    orthography.orthography_data,
    attribution.attribution_data,
)


def _clear() -> None:
    for fn in _CACHED:
        fn.cache_clear()


def _check(text: str) -> list[tuple[str, tuple[str, ...]]]:
    rule = typos.Typo_()
    return [(text[f.start : f.end], f.replacements) for f in rule.check_block(text, "p", None)]


TYPOS = sorted(typos.typo_data().typos.values(), key=lambda t: (t.index, t.wrong))


@pytest.mark.parametrize("typo", TYPOS, ids=lambda t: t.wrong)
def test_every_typo_form_is_flagged_with_its_correction(typo: typos.Typo) -> None:
    found = _check(f"Ieri {typo.wrong} azi.")
    assert found == [(typo.wrong, typo.right)]
    for right in typo.right:
        assert not _check(f"Ieri {right} azi."), f"{right!r} is flagged"


@pytest.mark.parametrize(("index", "example"), typos.typo_data().examples)
def test_every_typo_example_is_flagged_exactly_where_it_marks(index: int, example: str) -> None:
    from rolint.engine import Engine
    from rolint.fixes import fix_text
    from rolint.readers import read

    text, spans = unmark(example)

    def check(t: str) -> list:  # type: ignore[type-arg]
        return Engine([typos.Typo_()]).check(read(t))

    found = check(text)
    assert sorted({(d.start, d.end) for d in found}) == list(spans), f"typos[{index}]"
    fixed, _ = fix_text(text, check)
    assert not [d for d in check(fixed) if d.fix and d.fix.safe], f"typos[{index}]: {fixed!r}"


def test_typo_keeps_case_and_matches_cedilla() -> None:
    assert _check("DEASEMENEA, vine.") == [("DEASEMENEA", ("DE ASEMENEA",))]
    assert _check("Ar fii bine.") == [("Ar fii", ("Ar fi",))]
    assert _check("cunoştiinţă") == [("cunoştiinţă", ("cunoștință",))]


@pytest.fixture
def packs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A writable copy of rules/ that the loaders read instead of the real one."""
    folder = tmp_path / "rules"
    shutil.copytree(rulepacks.packs_dir(), folder)
    monkeypatch.setattr(rulepacks, "packs_dir", lambda: folder)
    monkeypatch.setattr(_text, "packs_dir", lambda: folder)
    _clear()
    yield folder
    _clear()


@pytest.mark.parametrize(
    ("pack", "content", "loader", "expected"),
    [
        (
            "typos",
            "typos:\n  - wrong: abc\n",
            typos.typo_data,
            ["typos.yaml", "typos[0]", "'right'"],
        ),
        (
            "typos",
            "typos:\n  - wrong: ab{c,d}\n    right: x{y,z,w}\n",
            typos.typo_data,
            ["typos.yaml", "typos[0]", "'right'"],
        ),
        (
            "typos",
            "typos:\n  - wrong: abc\n    right: abd\n    kind: glumă\n",
            typos.typo_data,
            ["typos.yaml", "typos[0]", "'kind'"],
        ),
        (
            "typos",
            "typos:\n  - wrong: abc\n    rigth: abd\n",
            typos.typo_data,
            ["typos.yaml", "typos[0]", "'rigth'"],
        ),
        ("typos", "typos: [abc]\n", typos.typo_data, ["typos.yaml", "typos[0]"]),
        ("typos", "typos:\n  - wrong: [abc\n", typos.typo_data, ["typos.yaml", "YAML"]),
        (
            "diacritics_missing",
            "add:\n  - plain: tara\n",
            diacritics.missing_data,
            ["diacritics_missing.yaml", "add[0]", "'forms'"],
        ),
        (
            "diacritics_missing",
            "context:\n  - plain: sa\n    write: să\n",
            diacritics.missing_data,
            ["diacritics_missing.yaml", "context[0]", "'before'"],
        ),
        (
            "orthography",
            "replace:\n  - old: sînt\n",
            orthography.orthography_data,
            ["orthography.yaml", "replace[0]", "'new'"],
        ),
        (
            "attribution",
            "source_cues: [a]\nfigure_units: [lei]\nanonymous:\n  - kind: rumour\n",
            attribution.attribution_data,
            ["attribution.yaml", "anonymous[0]", "'cues'"],
        ),
        (
            "attribution",
            "source_cues: 5\n",
            attribution.attribution_data,
            ["attribution.yaml", "source_cues"],
        ),
    ],
)
def test_broken_pack_names_file_entry_and_field(
    packs: Path,
    pack: str,
    content: str,
    loader,
    expected: list[str],  # type: ignore[no-untyped-def]
) -> None:
    (packs / f"{pack}.yaml").write_text(content, encoding="utf-8")
    with pytest.raises(PackError) as err:
        loader()
    for part in expected:
        assert part in str(err.value)


def test_broken_text_list_names_file_and_line(packs: Path) -> None:
    (packs / "diacritics_missing.txt").write_text("si\tși\nfara\n", encoding="utf-8")
    with pytest.raises(PackError, match=r"diacritics_missing\.txt: rândul 2"):
        diacritics.missing_data()


def test_editor_entry_takes_effect(packs: Path) -> None:
    path = packs / "typos.yaml"
    path.write_text(
        path.read_text(encoding="utf-8")
        + "  - wrong: guvernanță proastă\n    right: guvernare proastă\n",
        encoding="utf-8",
    )
    assert _check("O guvernanță proastă.") == [("guvernanță proastă", ("guvernare proastă",))]


def test_anonymous_cue_kind_is_checked(packs: Path) -> None:
    """The cue list's kind steers the code (an enum), so a misspelt kind is refused at
    load, naming the file, the entry and the kinds there are."""
    from rolint.rules import attribution

    path = packs / "attribution.yaml"
    text = path.read_text(encoding="utf-8").replace("kind: rumour", "kind: rumor", 1)
    path.write_text(text, encoding="utf-8")
    attribution.attribution_data.cache_clear()
    try:
        with pytest.raises(PackError) as err:
            attribution.attribution_data()
    finally:
        attribution.attribution_data.cache_clear()
    for part in ("attribution.yaml", "anonymous[1]", "'rumor'", "rumour"):
        assert part in str(err.value)
