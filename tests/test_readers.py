"""Readers: structure recognised, markup removed, every finding mapped to its source."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rolint.document import HEADLINE, PARAGRAPH, RELATED_ITEM, RELATED_MARKER
from rolint.linter import lint_text
from rolint.readers import InputError, decode, read


def kinds(doc):  # type: ignore[no-untyped-def]
    return [(b.kind, doc.text[b.start : b.end]) for b in doc.blocks]


@pytest.mark.parametrize(
    "marker",
    [
        "Citește și",
        "CITIŢI ŞI:",
        "Vezi si...",
        "Recomandări",
        "Articol recomandat de exemplu.ro",
        "Cele mai citite",
    ],
)
def test_text_related_markers_case_and_diacritic_insensitive(marker: str) -> None:
    doc = read(f"Titlul zilei\n\nUn paragraf.\n\n{marker}\nPrimul titlu\nAl doilea titlu\n")
    assert (RELATED_MARKER, marker) in kinds(doc)
    assert [t for k, t in kinds(doc) if k == RELATED_ITEM] == ["Primul titlu", "Al doilea titlu"]
    assert doc.related[0].marker is not None


def test_text_sentence_starting_like_a_marker_is_a_paragraph() -> None:
    doc = read("Titlu\n\nVezi și tu cum arată noul pod peste râu, spune primarul.\n")
    assert [k for k, _ in kinds(doc)] == [HEADLINE, PARAGRAPH]


def test_text_headline_pair_without_marker_is_a_related_block() -> None:
    doc = read(
        "Titlu\n\nPrimarul a promis un parc nou în cartier\n"
        "Primarul a promis un parc nou în cartier\n\nText.\n"
    )
    assert [k for k, _ in kinds(doc)].count(RELATED_ITEM) == 2
    assert doc.related[0].marker is None


def test_markdown_strips_markup_and_keeps_offsets() -> None:
    src = "# Titlu cu ţară\n\nUn **paragraf** cu [legătură](https://ex.ro) şi `cod`.\n"
    doc = read(src, "markdown")
    assert doc.text == "Titlu cu ţară\n\nUn paragraf cu legătură şi ."
    assert doc.headline is not None and doc.block_text(doc.headline) == "Titlu cu ţară"
    i = doc.text.index("ş")
    s, e = doc.to_source(i, i + 1)
    assert src[s:e] == "ş" and s == src.index("ş")


def test_markdown_related_list_with_links() -> None:
    doc = read("# T\n\nText.\n\n**Vezi și:**\n\n- [Unu](/a)\n- [Doi](/b)\n", "markdown")
    items = [b for b in doc.blocks if b.kind == RELATED_ITEM]
    assert [(doc.block_text(b), b.href) for b in items] == [("Unu", "/a"), ("Doi", "/b")]


def test_html_entities_and_tags_map_back_exactly() -> None:
    src = "<h1>Titlu</h1>\n<p>Guvernul a anun&#355;at <b>m&#259;suri</b> &icirc;n ţară.</p>"
    doc = read(src, "html")
    assert doc.text == "Titlu\n\nGuvernul a anunţat măsuri în ţară."
    i = doc.text.index("ţ")  # came from the entity &#355;
    s, e = doc.to_source(i, i + 1)
    assert src[s:e] == "&#355;"
    j = doc.text.index("ţară")
    assert src[slice(*doc.to_source(j, j + 4))] == "ţară"


def test_html_fix_replaces_the_entity_and_nothing_else() -> None:
    src = "<p>Guvernul a anun&#355;at m&#259;suri.</p>"
    _doc, diags = lint_text(src, "html")
    assert len(diags) == 1
    edit = diags[0].fix.edits[0]  # type: ignore[union-attr]
    fixed = src[: edit.start] + edit.text + src[edit.end :]
    assert fixed == "<p>Guvernul a anunțat m&#259;suri.</p>"


def test_html_related_aside_with_links() -> None:
    src = (
        '<h1>T</h1><p>Text.</p><aside class="articole-related"><h3>Citește și</h3><ul>'
        '<li><a href="/x">Primul</a></li><li><a href="/x">Primul</a></li></ul></aside>'
    )
    doc = read(src, "html")
    items = [(doc.block_text(b), b.href) for b in doc.blocks if b.kind == RELATED_ITEM]
    assert items == [("Primul", "/x"), ("Primul", "/x")]


def test_html_marker_paragraph_with_inline_link() -> None:
    src = '<p>Text.</p><p><strong>CITEȘTE ȘI:</strong> <a href="/y">Un titlu</a></p>'
    doc = read(src, "html")
    assert [(k, t) for k, t in kinds(doc) if k.startswith("related")] == [
        (RELATED_MARKER, "CITEȘTE ȘI:"),
        (RELATED_ITEM, "Un titlu"),
    ]


def test_html_scripts_styles_and_comments_are_not_linted() -> None:
    doc = read("<style>p{}</style><script>var ţ=1;</script><!-- ţ --><p>Bun.</p>", "html")
    assert doc.text == "Bun."


def test_comments_in_plain_text_are_blanked_but_offsets_kept() -> None:
    src = "<!-- rolint-disable -->\nţară\n"
    doc = read(src)
    assert len(doc.text) == len(src) and "rolint" not in doc.text


def test_decode_refuses_binary_and_invalid_utf8_with_the_position() -> None:
    with pytest.raises(InputError, match="binar"):
        decode(b"abc\x00def")
    with pytest.raises(InputError, match=r"0xff.*linia 2"):
        decode(b"ok\n\xff")
    assert decode(b"\xef\xbb\xbfBun") == ("Bun", True)


@given(st.text(alphabet="ab \n\r\u2028\x0c😀", max_size=30))
def test_line_spans_match_the_regex_definition(text: str) -> None:
    """The split fast path of ``_lines`` agrees with the line definition (\\r\\n, \\r, \\n)."""
    import re

    from rolint.readers.text import _lines

    expected = []
    for m in re.finditer(r"[^\r\n]*(?:\r\n|\r|\n|$)", text):
        if m.start() == len(text) and m.end() == m.start():
            break
        expected.append((m.start(), m.start() + len(m.group().rstrip("\r\n"))))
    assert _lines(text) == expected


def _fold_marks_oracle(text: str) -> str:
    """The definition of romanian.fold_marks, copied here on purpose as the oracle its
    fast path is compared with."""
    import unicodedata

    decomposed = unicodedata.normalize("NFD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@given(st.text(alphabet="aăâîșşțţAĂÂÎȘŞȚŢİıéÉñß\u0301\u0327\u0307 -x😀ǅ"))
def test_fold_fast_path_equals_the_unicode_definition(text: str) -> None:
    from rolint.romanian import fold_marks

    assert fold_marks(text) == _fold_marks_oracle(text)


def test_fold_fast_path_equals_the_unicode_definition_for_every_latin_letter() -> None:
    from rolint.romanian import fold_marks

    for cp in (*range(0x20, 0x800), *range(0x1E00, 0x2000)):
        assert fold_marks(chr(cp)) == _fold_marks_oracle(chr(cp)), hex(cp)
