"""Which words spelling looks up, and how they are normalised (no dictionary needed)."""

from __future__ import annotations

from rolint.spelling.tokens import normalise, words


def texts(s: str) -> list[str]:
    return [w.text for w in words(s)]


def test_cedilla_is_folded_to_comma_below_with_offsets_kept() -> None:
    s = "Şeful a anunţat"
    ws = words(s)
    assert [w.text for w in ws] == ["Șeful", "a", "anunțat"]
    assert s[ws[2].start : ws[2].end] == "anunţat"
    assert normalise("ţară") == "țară"


def test_hyphenated_clitics_keep_their_pieces() -> None:
    (w,) = words("n-am")
    assert w.text == "n-am"
    assert [p for _, _, p in w.parts] == ["n", "am"]
    (w,) = words("dintr-un")
    assert [p for _, _, p in w.parts] == ["dintr", "un"]
    s = "să-și"
    (w,) = words(s)
    assert [s[a:b] for a, b, _ in w.parts] == ["să", "și"]
    assert texts("show-ul s-a terminat") == ["show-ul", "s-a", "terminat"]


def test_apostrophes_are_made_ascii_and_split() -> None:
    (w,) = words("O’Brien")
    assert w.text == "O'Brien"
    assert [p for _, _, p in w.parts] == ["O", "Brien"]
    assert texts("‘citat’") == ["citat"]  # quotes around a word are not apostrophes


def test_typographic_hyphens_and_soft_hyphens() -> None:
    (w,) = words("prim‑ministru")  # non-breaking hyphen
    assert w.text == "prim-ministru"
    (w,) = words("guver\u00adnul")
    assert w.text == "guvernul"
    assert w.end - w.start == len("guver\u00adnul")


def test_numbers_and_words_with_digits_are_skipped() -> None:
    assert texts("Au venit 11.000 de oameni") == ["Au", "venit", "de", "oameni"]
    assert texts("varianta COVID-19 și rețeaua 5G") == ["varianta", "și", "rețeaua"]
    assert texts("un drum de 10km") == ["un", "drum", "de"]


def test_units_after_numbers_are_marked() -> None:
    ws = words("o suprafață de 120 mp și 3 kWh")
    marked = {w.text: w.after_number for w in ws}
    assert marked["mp"] and marked["kWh"]
    assert not marked["suprafață"]


def test_abbreviations_know_their_dot() -> None:
    ws = {w.text: w for w in words("Conform art. 5, dl. Popescu")}
    assert ws["art"].dot and ws["dl"].dot
    assert not ws["Popescu"].dot
    assert texts("în S.U.A. și U.E. etc.") == ["în", "și", "etc"]


def test_urls_emails_domains_hashtags_and_handles_are_skipped() -> None:
    s = (
        "Vedeți https://exemplu.ro/stiri/azi?id=3 și www.alt-site.com, scrieți la "
        "redactia.noastra@exemplu.ro, pe exemplu.ro, cu #AlegeriLocale și @jurnalist_ro."
    )
    assert texts(s) == ["Vedeți", "și", "scrieți", "la", "pe", "cu", "și"]


def test_html_entities_and_obfuscated_addresses_are_skipped() -> None:
    assert texts("unu &ndash; doi ndash; trei") == ["unu", "doi", "trei"]
    assert texts("scrieți la [email protected] azi") == ["scrieți", "la", "azi"]


def test_sentence_initial_positions() -> None:
    ws = {w.text: w for w in words("Primul cuvânt. Al doilea! „Citat” spus: Apoi\nRând")}
    assert ws["Primul"].initial
    assert not ws["cuvânt"].initial
    assert ws["Al"].initial
    assert ws["Citat"].initial
    assert ws["Apoi"].initial
    assert ws["Rând"].initial


def test_lines_in_capitals_are_marked() -> None:
    ws = words("ZECI DE MII DE OAMENI AU IEȘIT ÎN STRADĂ\nPotrivit ONU, situația e gravă.")
    caps = {w.text for w in ws if w.caps_line}
    assert {"ZECI", "OAMENI", "STRADĂ"} <= caps
    assert "ONU" not in caps


def test_missing_space_after_a_full_stop_splits_the_sentence() -> None:
    ws = words("s-a terminat.Apoi au plecat")
    assert [w.text for w in ws] == ["s-a", "terminat", "Apoi", "au", "plecat"]
    assert ws[2].initial
