"""spelling/unknown with the real rospell dictionary (skipped when it is not installed).

Every sentence here is written for these tests. The first test run on a machine
compiles the dictionary into the cache (scripts/setup.sh does it at install time).
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from rolint.readers import read
from rolint.rule import RuleSetup
from rolint.rules.spelling import Unknown
from rolint.spelling.checker import SpellChecker


@pytest.fixture(scope="module")
def chk(dictionary) -> SpellChecker:  # type: ignore[no-untyped-def]
    return SpellChecker(dictionary)


def flagged(chk: SpellChecker, text: str) -> list[str]:
    return [i.word for i in chk.check(text)]


def first(chk: SpellChecker, word: str) -> str | None:
    s = chk.suggest(word)
    return s[0] if s else None


def rule_findings(text: str, **options: object) -> list[tuple[str, tuple[str, ...]]]:
    rule = Unknown(RuleSetup(options={"user-vocabulary": False, **options}))
    doc = read(text)
    ctx = rule.context(doc)
    out = []
    for b in doc.blocks:
        bt = doc.block_text(b)
        out += [(bt[f.start : f.end], f.replacements) for f in rule.check_block(bt, b.kind, ctx)]
    return out


# -- the issue's own example -------------------------------------------------------------
def test_catalgat_gets_catalogat_first(dictionary) -> None:  # type: ignore[no-untyped-def]
    chk = SpellChecker(dictionary, defer_to_typos=False)
    issues = chk.check("Purtătorul de cuvânt a catalgat propunerea drept absurdă.")
    assert [i.word for i in issues] == ["catalgat"]
    assert issues[0].suggestions[0] == "catalogat"


def test_words_of_the_typo_pack_are_left_to_spelling_typo(chk: SpellChecker) -> None:
    # rules/typos.yaml lists it: spelling/typo reports it once, with the newsroom's fix
    assert flagged(chk, "Purtătorul de cuvânt a catalgat propunerea.") == []
    assert first(chk, "catalgat") == "catalogat"


# -- suggestion classes ------------------------------------------------------------------
@pytest.mark.parametrize(
    ("typo", "right"),
    [
        ("guvenul", "guvernul"),  # omission
        ("parlamenul", "parlamentul"),  # omission
        ("guvrenul", "guvernul"),  # transposition
        ("primăria", None),  # valid: no suggestion needed
        ("minsitrul", "ministrul"),  # transposition
        ("consiliull", "consiliul"),  # doubled letter
        ("alegerrile", "alegerile"),  # doubled letter
        ("președintelw", "președintele"),  # keyboard neighbour (w next to e)
        ("bugetuk", "bugetul"),  # keyboard neighbour (k next to l)
        ("sedința", "ședința"),  # missing diacritic (with others present)
        ("românâ", "română"),  # wrong diacritic
        ("înpreună", "împreună"),  # keyboard/sound neighbour n → m
    ],
)
def test_suggestion_classes_put_the_right_word_first(
    chk: SpellChecker, typo: str, right: str | None
) -> None:
    if right is None:
        assert chk.dictionary.check(typo)
        return
    assert not chk.dictionary.check(typo)
    assert first(chk, typo) == right


def test_missing_space_and_hyphen_suggestions(chk: SpellChecker) -> None:
    assert first(chk, "deacord") == "de acord"
    assert first(chk, "primministru") == "prim-ministru"
    assert "dintr-odată" in chk.suggest("dintrodată")


def test_at_most_five_suggestions_in_the_words_case(chk: SpellChecker) -> None:
    assert len(chk.suggest("cas")) <= 5
    assert first(chk, "Guvrenul") == "Guvernul"
    assert first(chk, "GUVRENUL") == "GUVERNUL"


def test_suggestions_are_fast(chk: SpellChecker) -> None:
    chk.suggest("catalgat")  # frequencies loaded
    t = time.perf_counter()
    for w in ("pateneriat", "minsitrul", "consiliull", "deacord", "înregitrare"):
        chk.suggest(w)
    assert (time.perf_counter() - t) / 5 < 0.05  # 10 ms p95 measured in benchmarks/


# -- normalisation -----------------------------------------------------------------------
@pytest.mark.parametrize(
    "sentence",
    [
        "Nu ştiu dacă a fost o ţintă reală.",  # cedilla letters: diacritics/cedilla's job
        "N-am spus că s-a terminat dintr-un motiv anume.",
        "Vrea să-și vadă familia într-o zi liberă.",
        "Show-ul a fost transmis pe TikTok, iar clipul a ajuns pe YouTube-ul lor.",
        "Mi-ar plăcea să-i spună ce-a văzut.",
        "Ex-ministrul și vice-președintele au discutat despre relațiile nord-coreene.",
        "Conform art. 5 alin. 2, dl. Ionescu are termen până în nr. 3 al lunii.",
        "Terenul are 250 mp, iar centrala produce 5 MW și 300 kWh pe zi.",
        "Detalii pe https://www.exemplu.ro/articol sau la contact@exemplu.ro.",
        "Postarea cu #Alegeri2024 a fost distribuită de @ziarist_local.",
        "Totul a început în anii '90, la o emisiune a lui O'Brien.",
        "Aproximativ 11.000 de oameni au votat în 2024, față de 9,5% în 2020.",
    ],
)
def test_normalisation_cases_are_not_flagged(chk: SpellChecker, sentence: str) -> None:
    assert flagged(chk, sentence) == []


def test_typo_inside_a_hyphenated_word_is_found(chk: SpellChecker) -> None:
    issues = chk.check("Am văzut șhow-ul de aseară și s-a terminat tărziu.")
    words = [i.word for i in issues]
    assert "tărziu" in words
    assert issues[words.index("tărziu")].suggestions[0] == "târziu"


# -- missing diacritics and old spelling belong to other rules ---------------------------
def test_missing_diacritics_are_left_to_diacritics_missing(chk: SpellChecker) -> None:
    assert flagged(chk, "Si in tara asta sedinta a inceput cand trebuia.") == []


def test_old_orthography_is_left_to_orthography_old(chk: SpellChecker) -> None:
    assert flagged(chk, "Noi sîntem aici cînd vine primăvara, hotărît.") == []


def test_diacritic_variants_api(dictionary) -> None:  # type: ignore[no-untyped-def]
    from rolint.spelling import diacritic_variants

    assert diacritic_variants("si") == ["și"]
    assert "țara" in diacritic_variants("tara")
    assert diacritic_variants("Tara")[0][0] == "Ț"
    assert diacritic_variants("guvernul") == []
    assert diacritic_variants("cînd") == []  # î → â is not "only diacritics"


# -- names -------------------------------------------------------------------------------
def test_capitalised_words_mid_sentence_and_acronyms_are_names(chk: SpellChecker) -> None:
    assert flagged(chk, "Ministrul Zorbulescu a vorbit cu agenția XYZQ despre Kraljevo.") == []


def test_shipped_names_are_known_at_sentence_start(chk: SpellChecker) -> None:
    text = "Phenian a răspuns imediat. Choe a semnat. Kim Jong Un a tăcut. TikTok a tăcut."
    assert flagged(chk, text) == []


def test_names_seen_mid_sentence_count_for_the_whole_document() -> None:
    text = "Zorbulescu nu a comentat.\n\nDecizia aparține lui Zorbulescu, au spus colegii."
    assert rule_findings(text) == []


def test_capitalised_typo_at_sentence_start_is_still_flagged() -> None:
    found = rule_findings("Guvrenul a decis ieri. Totul e în regulă.")
    assert found and found[0][0] == "Guvrenul"
    assert found[0][1][0] == "Guvernul"


def test_lower_case_use_of_a_known_name_is_flagged(chk: SpellChecker) -> None:
    issues = chk.check("Filmul a apărut pe tiktok și a ajuns la bucurești.")
    assert {i.word: i.suggestions[0] for i in issues} == {
        "tiktok": "TikTok",
        "bucurești": "București",
    }


def test_no_suggestions_finds_the_same_words_without_ranking_lower_case_ones(
    chk: SpellChecker, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``max-suggestions = 0`` (a CI listing unknown words, or Vale's batch work in
    bench/): the same words at the same places, none with a suggestion, and no ranking
    for a lower-case word (a capitalised one still needs its best candidate to be told
    from a name)."""
    text = (
        "Guvrenul a anunțat ieri că bugetul a fost catalogat drept nesustenabil. "
        "Filmul a apărut pe tiktok, iar primarul zorbulescu nu a comentat, scrie agenția."
    )
    bare = SpellChecker(chk.dictionary, max_suggestions=0)
    ranked: list[str] = []
    real = bare.suggester.ranked

    def spy(word: str, *args: object, **kwargs: object) -> object:
        ranked.append(word)
        return real(word, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(bare.suggester, "ranked", spy)
    full, quiet = chk.check(text), bare.check(text)
    assert [(i.start, i.end, i.word) for i in quiet] == [(i.start, i.end, i.word) for i in full]
    assert {i.word for i in quiet} == {"Guvrenul", "tiktok", "zorbulescu"}
    assert all(i.suggestions == () for i in quiet)
    assert ranked == ["Guvrenul"]
    assert bare.suggest("zorbulescu") == []


def test_headline_in_capitals_is_checked(chk: SpellChecker) -> None:
    issues = chk.check("MII DE OAMENI AU PROTESTAT ÎN FAȚA GUVRENULUI")
    assert [i.word for i in issues] == ["GUVRENULUI"]
    assert issues[0].suggestions[0] == "GUVERNULUI"


def test_check_capitalised_option_flags_mid_sentence_names() -> None:
    text = "Ieri, ministrul Zorbulescu a venit."
    assert rule_findings(text) == []
    assert [w for w, _ in rule_findings(text, **{"check-capitalised": True})] == ["Zorbulescu"]


def test_names_list_can_be_switched_off(chk: SpellChecker) -> None:
    assert chk.check("Acum i-a scris lui tiktok.")[0].suggestions[:1] == ("TikTok",)
    from rolint.spelling.checker import SpellChecker as Checker

    bare = Checker(chk.dictionary, use_names=False)
    assert "TikTok" not in bare.suggest("tiktok")
    assert rule_findings("Choe a răspuns.", names=False) == []  # not a typo of a word


# -- vocabularies ------------------------------------------------------------------------
def test_accept_list_case_rules(dictionary) -> None:  # type: ignore[no-untyped-def]
    chk = SpellChecker(dictionary, accept={"zorbenie", "ZorbaNet", "Zorbulescu"}, reject=())
    # a lower-case entry: any case
    assert flagged(chk, "O zorbenie. Zorbenie mare, ZORBENIE.") == []
    # an entry with capitals: as written or all caps, with Romanian endings
    assert flagged(chk, "ZorbaNet a scris. ZORBANET a scris. Zorbulescului i-a plăcut.") == []
    # ... and its lower-case use is flagged, with the entry as the fix
    issues = chk.check("Am citit pe zorbanet despre asta.")
    assert [(i.word, i.suggestions[0]) for i in issues] == [("zorbanet", "ZorbaNet")]


def test_reject_list_flags_dictionary_words_in_any_case(dictionary) -> None:  # type: ignore[no-untyped-def]
    chk = SpellChecker(dictionary, accept=(), reject={"vroiam"})
    assert flagged(chk, "Vroiam să plec, dar vroiam și să rămân. VROIAM!") == [
        "Vroiam",
        "vroiam",
        "VROIAM",
    ]
    assert chk.check("vroiam")[0].reason == "rejected"
    assert "vroiam" not in chk.suggest("vroiamm")


def test_rule_reads_vocabularies_from_setup() -> None:
    rule = Unknown(
        RuleSetup(
            options={"user-vocabulary": False},
            accept=frozenset({"zorbenie"}),
            reject=frozenset({"casă"}),
        )
    )
    doc = read("O zorbenie într-o casă.")
    found = [
        doc.text[f.start : f.end]
        for b in doc.blocks
        for f in rule.check_block(doc.block_text(b), b.kind, rule.context(doc))
    ]
    assert found == ["casă"]


def test_user_vocabulary_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "accept.txt").write_text("# cuvintele mele\nzorbenie\n", encoding="utf-8")
    (tmp_path / "reject.txt").write_text("casă  # nu\n", encoding="utf-8")
    monkeypatch.setenv("ROLINT_USER_VOCABULARY", str(tmp_path))
    rule = Unknown(RuleSetup())
    doc = read("O zorbenie într-o casă.")
    found = [
        doc.text[f.start : f.end]
        for b in doc.blocks
        for f in rule.check_block(doc.block_text(b), b.kind, rule.context(doc))
    ]
    assert found == ["casă"]


def test_dictionary_option_overrides_the_found_one(tmp_path: Path) -> None:
    rule = Unknown(RuleSetup(options={"dictionary": str(tmp_path / "nu-exista.dic")}))
    assert list(rule.check_block("catalgat", "paragraph", None)) == []  # disabled, no crash


def test_finding_message_and_unsafe_fix() -> None:
    rule = Unknown(RuleSetup(options={"user-vocabulary": False, "defer-to-typos": False}))
    (f,) = list(rule.check_block("Au catalgat totul.", "paragraph", frozenset()))
    assert f.replacements[0] == "catalogat"
    assert f.fix == "unsafe"
    assert "catalgat" in f.message and "catalogat" in f.message


# -- vocab learn -------------------------------------------------------------------------
def test_vocab_learn_proposes_words_frequent_across_articles(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    from rolint.spelling.vocab import learn, main

    for i in range(4):
        (tmp_path / f"a{i}.txt").write_text(
            f"Articolul {i} vorbește despre zorbenie și despre guvern.\n", encoding="utf-8"
        )
    (tmp_path / "b.md").write_text("O singură greșală: catalgat.\n", encoding="utf-8")
    assert learn([tmp_path], min_docs=3) == ["zorbenie"]
    assert main([str(tmp_path), "--min-docs", "3"]) == 0
    out = capsys.readouterr().out
    assert "zorbenie  # 4 articole" in out
    dest = tmp_path / "propunere.txt"
    assert main([str(tmp_path), "-o", str(dest)]) == 0
    assert "zorbenie" in dest.read_text(encoding="utf-8")


# -- measured on ../shared (skipped when absent) -----------------------------------------
def test_seed_article_names_are_not_flagged(seed_article: Path) -> None:
    found = rule_findings(seed_article.read_text(encoding="utf-8"), **{"defer-to-typos": False})
    words = [w for w, _ in found]
    for name in ("Kim", "Jong", "Un", "Choe", "Son", "Hui", "Phenian", "KCNA", "TikTok"):
        assert name not in words
    assert ("catalgat", ("catalogat",)) in [(w, r[:1]) for w, r in found]


def test_hot_word_set_agrees_with_the_table(dictionary) -> None:  # type: ignore[no-untyped-def]
    words = [
        "casă",
        "Casă",
        "CASĂ",
        "România",
        "românia",
        "ROMÂNIA",
        "guvernul",
        "Guvernul",
        "GUVERNUL",
        "gUVERNUL",
        "și",
        "Și",
        "ȘI",
        "tara",
        "Tara",
        "bucurești",
        "NATO",
    ]
    with_hot = [dictionary._check(w) for w in words]
    saved = dictionary._hot
    dictionary._hot = frozenset()
    try:
        assert [dictionary._check(w) for w in words] == with_hot
    finally:
        dictionary._hot = saved
