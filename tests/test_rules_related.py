"""related/duplicate-headline across the three readers, and the text reader's items."""

from __future__ import annotations

from rolint.engine import Engine
from rolint.fixes import fix_text
from rolint.readers import read
from rolint.rules.related import DuplicateHeadline

RULE = "related/duplicate-headline"


def _diags(text: str, fmt: str = "text"):  # type: ignore[no-untyped-def]
    return [d for d in Engine([DuplicateHeadline()]).check(read(text, fmt)) if d.rule == RULE]


def _fixed(text: str, fmt: str = "text") -> str:
    return fix_text(text, lambda t: _diags(t, fmt))[0]


def test_marker_items_stop_where_the_body_goes_on() -> None:
    # Scraped text without blank lines: the marker's item is the headline-like line;
    # the body sentences after it are not related items (reader fix).
    text = (
        "Titlul articolului de azi\n\nPrimul paragraf al articolului.\nCitește și\n"
        "Un titlu recomandat despre vreme\n"
        "Ministrul a explicat apoi măsurile luate pentru fermieri.\n"
        "Un titlu recomandat despre vreme\n"
    )
    doc = read(text)
    items = [doc.block_text(b) for g in doc.related for b in g.items]
    assert items == ["Un titlu recomandat despre vreme"]
    assert not _diags(text)


def test_exact_truncated_and_own_headline_in_text() -> None:
    text = (
        "Seceta lovește sudul țării\n\nFermierii cer ajutor.\n\nCitește și\n"
        "Prețul pâinii ar putea crește din toamnă\n"
        "Prețul pâinii ar putea crește din toamnă\n"
        "Guvernul pregătește o schemă de ajutor:\n"
        "Guvernul pregătește o schemă de ajutor: „Banii vin în iulie”\n"
        "Seceta lovește sudul țării\n\nSfârșit.\n"
    )
    diags = _diags(text)
    assert len(diags) == 3
    assert _fixed(text) == (
        "Seceta lovește sudul țării\n\nFermierii cer ajutor.\n\nCitește și\n"
        "Prețul pâinii ar putea crește din toamnă\n"
        "Guvernul pregătește o schemă de ajutor: „Banii vin în iulie”\n\nSfârșit.\n"
    )


def test_differing_only_in_quotes_spaces_and_cedilla() -> None:
    text = (
        "Titlu\n\nText.\n\nVezi și\n"
        "Școala „Mihai Viteazul” își schimbă directorul\n"
        'Şcoala "Mihai  Viteazul" îşi schimbă directorul\n\nFinal.\n'
    )
    assert len(_diags(text)) == 1


def test_markdown_list_fix_leaves_clean_list() -> None:
    text = (
        "# Titlul articolului\n\nText.\n\n**Citește și:**\n\n"
        "- [Un titlu recomandat despre trenuri](/a)\n"
        "- [Un titlu recomandat despre trenuri](/a)\n"
        "- [Alt titlu recomandat despre avioane](/b)\n"
    )
    assert len(_diags(text, "markdown")) == 1
    assert _fixed(text, "markdown") == (
        "# Titlul articolului\n\nText.\n\n**Citește și:**\n\n"
        "- [Un titlu recomandat despre trenuri](/a)\n"
        "- [Alt titlu recomandat despre avioane](/b)\n"
    )


def test_html_same_link_twice() -> None:
    text = (
        "<h1>Titlul articolului</h1><p>Text.</p>"
        '<aside class="related"><ul>'
        '<li><a href="/x">Primul titlu recomandat azi</a></li>'
        '<li><a href="/y">Al doilea titlu recomandat</a></li>'
        '<li><a href="/x">Alt text către aceeași pagină</a></li>'
        "</ul></aside>"
    )
    diags = _diags(text, "html")
    assert len(diags) == 1
    assert "aceeași legătură" in diags[0].message


def test_html_duplicate_removed_cleanly() -> None:
    text = (
        "<h1>Titlul articolului</h1><p>Text.</p>"
        '<aside class="related"><ul>'
        '<li><a href="/x">Primul titlu recomandat &amp; altceva</a></li>'
        '<li><a href="/x">Primul titlu recomandat &amp; altceva</a></li>'
        '<li><a href="/y">Al doilea titlu recomandat</a></li>'
        "</ul></aside>"
    )
    assert _fixed(text, "html") == (
        "<h1>Titlul articolului</h1><p>Text.</p>"
        '<aside class="related"><ul>'
        '<li><a href="/x">Primul titlu recomandat &amp; altceva</a></li>'
        '<li><a href="/y">Al doilea titlu recomandat</a></li>'
        "</ul></aside>"
    )


# Headlines written for this test; some read like sentences (full stop, question mark).
_SENTENCE_LIKE_BLOCK = (
    "Ploile aduc inundații în vest\n\nApele au crescut peste noapte.\n\nCitește și\n"
    "Meteorologii anunță o iarnă blândă\n"
    "Ce s-a întâmplat cu barajul de la Vidraru?\n"
    "Ce s-a întâmplat cu barajul de la Vidraru?\n"
    "Primăria a decis să închidă școlile.\n"
    "Primăria a decis să închidă școlile.\n"
    "Trenurile spre Arad circulă cu întârziere\n"
    "Trenurile spre Arad circulă cu întârziere\n"
    "Apoi autoritățile au deschis un centru de sprijin pentru familiile afectate.\n"
)


def test_sentence_like_headlines_do_not_hide_the_block() -> None:
    diags = _diags(_SENTENCE_LIKE_BLOCK)
    flagged = [_SENTENCE_LIKE_BLOCK[d.start : d.end] for d in diags]
    assert flagged == [
        "Ce s-a întâmplat cu barajul de la Vidraru?",
        "Primăria a decis să închidă școlile.",
        "Trenurile spre Arad circulă cu întârziere",
    ]
    assert all(d.start > _SENTENCE_LIKE_BLOCK.index("Vidraru?") for d in diags)
    assert _fixed(_SENTENCE_LIKE_BLOCK) == (
        "Ploile aduc inundații în vest\n\nApele au crescut peste noapte.\n\nCitește și\n"
        "Meteorologii anunță o iarnă blândă\n"
        "Ce s-a întâmplat cu barajul de la Vidraru?\n"
        "Primăria a decis să închidă școlile.\n"
        "Trenurile spre Arad circulă cu întârziere\n"
        "Apoi autoritățile au deschis un centru de sprijin pentru familiile afectate.\n"
    )


def test_unpaired_sentence_between_pairs_and_body_after() -> None:
    text = (
        "Titlul zilei despre vreme\n\nText.\n\nVezi și\n"
        "Noul pod peste Mureș a fost inaugurat.\n"
        "Elevii se întorc la școală luni\n"
        "Elevii se întorc la școală luni\n"
        "Ministrul a explicat măsurile.\n"
        "Ministrul a mai spus că bugetul crește.\n"
        "Ministrul a mai vorbit despre pensii.\n"
        "Bugetul pe anul viitor intră în dezbatere\n"
        "Bugetul pe anul viitor intră în dezbatere\n"
    )
    # one pair inside the block; three body sentences end it before the last pair
    flagged = [text[d.start : d.end] for d in _diags(text)]
    assert flagged == ["Elevii se întorc la școală luni"]


def test_a_sentence_repeated_far_apart_in_the_body_is_not_a_list() -> None:
    text = (
        "Titlul zilei despre vreme\n\nText.\n\nCitește și\n"
        "Un titlu recomandat despre trenuri\n"
        "Primăria a decis să închidă școlile.\n"
        "Consilierii au votat în unanimitate.\n"
        "Primăria a decis să închidă școlile.\n"
    )
    assert not _diags(text)
