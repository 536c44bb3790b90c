"""Readers mark what is not prose (markup, link targets, URLs, comments) as protected
source spans, and give each related item that owns its line or element a unit."""

from __future__ import annotations

from rolint.readers import read


def protected_texts(source: str, fmt: str) -> list[str]:
    doc = read(source, fmt)
    return [source[s:e] for s, e in doc.protected]


def test_html_tags_and_attributes_are_protected_text_and_entities_are_not() -> None:
    source = '<p class="x">Ana &amp; <a href="/ş">Ion</a></p>'
    assert protected_texts(source, "html") == ['<p class="x">', '<a href="/ş">', "</a></p>"]


def test_markdown_syntax_link_targets_and_inline_html_are_protected() -> None:
    source = "# Titlu\n\nText **tare** cu [legătură](https://ex.ro/ş) și <b>x</b>.\n"
    found = protected_texts(source, "markdown")
    assert "# " in found and "**" in found and "](https://ex.ro/ş)" in found
    assert "<b>" in found and "</b>" in found
    doc = read(source, "markdown")
    assert "<b>" not in doc.text and "https" not in doc.text


def test_markdown_reference_definitions_are_not_prose() -> None:
    doc = read('Vezi [sursa][1].\n\n[1]: https://ex.ro/ş "Titlu"\n', "markdown")
    assert "https" not in doc.text and "Titlu" not in doc.text
    kept = read("[Foto]: Ion Popescu la tribună\n", "markdown")
    assert "Ion Popescu" in kept.text  # a caption, not a definition


def test_plain_text_protects_urls_and_comments_only() -> None:
    source = "Vezi https://ex.ro/ştiri?a=1 și www.ex.ro/ţ. <!-- notă -->\n"
    assert protected_texts(source, "text") == [
        "https://ex.ro/ştiri?a=1",
        "www.ex.ro/ţ.",
        "<!-- notă -->",
    ]
    assert read("Text simplu, fără adrese.\n", "text").protected == []


def test_html_code_and_textarea_are_separate_words() -> None:
    doc = read("<p><textarea>ţara</textarea><code>şi</code></p>", "html")
    assert doc.block_texts == ["ţara şi"]


def test_related_items_know_their_whole_unit() -> None:
    md = "# T\n\nText.\n\n## Citește și\n\n- [Primul titlu lung aici](a.html)\n- [Al doilea](b)\n"
    doc = read(md, "markdown")
    units = [md[i.unit[0] : i.unit[1]] for g in doc.related for i in g.items if i.unit]
    assert units == ["- [Primul titlu lung aici](a.html)\n", "- [Al doilea](b)\n"]
    html = '<p>Citește și:</p><ul><li><a href="a">Primul titlu</a></li></ul>'
    doc = read(html, "html")
    (item,) = doc.related[0].items
    assert item.unit is not None and html[item.unit[0] : item.unit[1]] == (
        '<li><a href="a">Primul titlu</a></li>'
    )
    text = "T\n\nText.\n\nCitește și\nPrimul titlu lung\r\nAl doilea titlu"
    doc = read(text, "text")
    units = [text[i.unit[0] : i.unit[1]] for g in doc.related for i in g.items]
    assert units == ["Primul titlu lung\r\n", "\r\nAl doilea titlu"]


def test_markdown_comments_are_blanked_like_in_plain_text() -> None:
    source = "Text <!-- notă cu ţ --> aici.\n"
    doc = read(source, "markdown")
    assert "notă" not in doc.text and len(doc.text) == len(source.rstrip("\n"))
    assert protected_texts(source, "markdown") == ["<!-- notă cu ţ -->"]
