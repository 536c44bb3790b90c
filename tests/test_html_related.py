"""HTML related blocks written the CMS way: a marker alone in its paragraph
(``<p><strong>Citește și:</strong></p>``) and one paragraph per headline after it,
linked or plain. Where such a block ends decides whether the body after it is still
checked as body, so most tests here are about the end.

Every sentence and headline here is written for these tests."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rolint.document import RELATED_ITEM, RELATED_KINDS, RELATED_MARKER, Document
from rolint.engine import Engine
from rolint.fixes import fix_text
from rolint.linter import lint_text
from rolint.readers import read
from rolint.readers.builder import headline_paragraph
from rolint.rules.related import DuplicateHeadline

RULE = "related/duplicate-headline"
TOP = "<h1>Gara din Suceava se redeschide</h1><p>Lucrările au durat doi ani, spune CFR.</p>"
ONE = "Trenul de noapte spre Iași revine în mersul trenurilor"
TWO = "Cât costă un abonament lunar la teatrul din oraș"
BODY = "<p>Biletele se vând de luni, la ghișeele gării.</p>"


def _source(doc: Document, start: int, end: int) -> tuple[int, int]:
    return doc.to_source(start, end)


def _items(doc: Document) -> list[str]:
    """Source text of each related item, in order."""
    return [
        doc.source[slice(*_source(doc, b.start, b.end))]
        for b in doc.blocks
        if b.kind == RELATED_ITEM
    ]


def _body(doc: Document) -> list[str]:
    """Lint text of every block that is not part of a related block."""
    return [doc.block_text(b) for b in doc.blocks if b.kind not in RELATED_KINDS]


@pytest.mark.parametrize(
    ("marker_html", "marker_source"),
    [
        ("<p>Citește și</p>", "Citește și"),
        ("<p><strong>Citește și:</strong></p>", "Citește și:"),
        ("<p>Citeşte şi</p>", "Citeşte şi"),  # cedilla ş, as old keyboards write it
        ("<p>CITEȘTE&nbsp;ȘI:</p>", "CITEȘTE&nbsp;ȘI:"),
        ("<p>Citește\u00a0și</p>", "Citește\u00a0și"),
        ("<p><b>Vezi și</b>&nbsp;</p>", "Vezi și"),
        ("<p><em>vezi si :</em></p>", "vezi si :"),
        ("<p>Recomandări</p>", "Recomandări"),
        ("<p>RECOMANDARI:</p>", "RECOMANDARI:"),
        ("<h3>Citește și</h3>", "Citește și"),
        ('<div class="box"><strong>Citiți și</strong></div>', "Citiți și"),
    ],
)
def test_a_marker_alone_opens_a_block_of_headline_paragraphs(
    marker_html: str, marker_source: str
) -> None:
    src = f'{TOP}{marker_html}<p>{ONE}</p>\n<p><a href="/doi">{TWO}</a></p>{BODY}'
    doc = read(src, "html")
    (group,) = doc.related
    assert group.marker is not None
    start, end = _source(doc, group.marker.start, group.marker.end)
    assert (start, end) == (src.index(marker_source), src.index(marker_source) + len(marker_source))
    spans = [_source(doc, b.start, b.end) for b in group.items]
    assert spans == [
        (src.index(ONE), src.index(ONE) + len(ONE)),
        (src.index(TWO), src.index(TWO) + len(TWO)),
    ]
    assert [b.href for b in group.items] == [None, "/doi"]
    assert _body(doc)[-1] == "Biletele se vând de luni, la ghișeele gării."


@pytest.mark.parametrize(
    ("after", "first_body"),
    [
        ("<h2>Ce urmează pentru călători</h2>", "Ce urmează pentru călători"),
        ("<hr><p>Biletele se vând de luni</p>", "Biletele se vând de luni"),
        ("<hr/><p>Biletele se vând de luni</p>", "Biletele se vând de luni"),
        ("<blockquote><p>„Avem locuri pentru toți”</p></blockquote>", "„Avem locuri pentru toți”"),
        ("<figure><figcaption>Peronul nou</figcaption></figure>", "Peronul nou"),
        ("<table><tr><td>Plecări spre Cluj</td></tr></table>", "Plecări spre Cluj"),
        ("<p>Biletele se vând de luni.</p>", "Biletele se vând de luni."),
        (
            "<p>Directorul a spus: „Avem locuri pentru toți.”</p>",
            "Directorul a spus: „Avem locuri pentru toți.”",
        ),
        (
            "<p>Directorul gării a explicat ce se schimbă din iunie:</p>",
            "Directorul gării a explicat ce se schimbă din iunie:",
        ),
        ("<p>Pe peron, lângă casele de bilete,</p>", "Pe peron, lângă casele de bilete,"),
        (
            "<p>S-au scumpit biletele? Nu toate! Abonamentele rămân. Doar cele de vară cresc</p>",
            "S-au scumpit biletele? Nu toate! Abonamentele rămân. Doar cele de vară cresc",
        ),
        (
            "<p>" + "Călătorii din nordul județului vor avea trenuri mai dese " * 5 + "</p>",
            ("Călătorii din nordul județului vor avea trenuri mai dese " * 5).strip(),
        ),
    ],
)
def test_the_block_ends_before_the_body(after: str, first_body: str) -> None:
    src = f"{TOP}<p>Citește și:</p><p>{ONE}</p><p>{TWO}</p>{after}"
    doc = read(src, "html")
    assert _items(doc) == [ONE, TWO]
    assert first_body in _body(doc)


def test_the_block_ends_with_the_markers_container() -> None:
    src = (
        f'{TOP}<div class="caseta"><p>Vezi și</p><p>{ONE}</p></div><p>Biletele se vând de luni</p>'
    )
    doc = read(src, "html")
    assert _items(doc) == [ONE]
    assert _body(doc)[-1] == "Biletele se vând de luni"


def test_items_may_sit_in_a_list_inside_the_container() -> None:
    src = (
        f"{TOP}<section><h4>Recomandări</h4><ul><li>{ONE}</li>"
        f'<li><a href="/doi">{TWO}</a></li></ul></section><p>Biletele se vând de luni</p>'
    )
    doc = read(src, "html")
    assert _items(doc) == [ONE, TWO]
    assert _body(doc)[-1] == "Biletele se vând de luni"


def test_plain_text_after_linked_items_is_body() -> None:
    # A block is written one way; a short line without a full stop after linked
    # headlines is the article going on.
    src = (
        f'{TOP}<p>Citește și</p><p><a href="/unu">{ONE}</a></p>'
        "<p>Biletele se vând de luni</p><p>Cu o zi înainte de plecare</p>"
    )
    doc = read(src, "html")
    assert _items(doc) == [ONE]
    assert _body(doc)[-2:] == ["Biletele se vând de luni", "Cu o zi înainte de plecare"]


def test_a_marker_sharing_its_paragraph_takes_no_plain_paragraphs() -> None:
    src = f'{TOP}<p>Citește și: <a href="/unu">{ONE}</a></p><p>Biletele se vând de luni</p>'
    doc = read(src, "html")
    assert _items(doc) == [ONE]
    assert _body(doc)[-1] == "Biletele se vând de luni"


@pytest.mark.parametrize(
    "headline",
    [
        "VIDEO. Cum arată gara după renovare",
        "Ce se schimbă la bilete? Tot ce trebuie să știi",
        "Trenurile de vară pleacă mai devreme!",
        "Orarul nou al trenurilor de weekend...",
        "Ministrul: „Nu scumpim biletele”",
        "Alegeri 2028. Cine candidează la primărie",
        "Consiliul județean a aprobat bugetul ieri. Urmează licitația",
        "Primarul, despre noul pod de peste Siret. „E gata în iunie. Apoi facem drumul”",
        "EXCLUSIV. Gara din Suceava. Ce s-a schimbat după doi ani de lucrări",
    ],
)
def test_headlines_that_look_a_little_like_sentences_stay_items(headline: str) -> None:
    assert headline_paragraph(headline)
    src = f"{TOP}<p>Citește și</p><p>{headline}</p><p>{ONE}</p>{BODY}"
    assert _items(read(src, "html")) == [headline, ONE]


def test_a_plain_item_repeating_the_articles_headline_is_flagged_and_removed() -> None:
    own = "Gara din Suceava se redeschide"
    dup = f"<p>{own}</p>"
    src = f'{TOP}<p><strong>Citește și:</strong></p>{dup}<p><a href="/doi">{TWO}</a></p>{BODY}'
    diags = [d for d in Engine([DuplicateHeadline()]).check(read(src, "html")) if d.rule == RULE]
    (d,) = diags
    at = src.index(dup) + len("<p>")
    assert (d.start, d.end) == (at, at + len(own))
    assert "repetă titlul articolului" in d.message
    fixed = fix_text(src, lambda t: Engine([DuplicateHeadline()]).check(read(t, "html")))[0]
    assert fixed == src.replace(dup, "", 1)
    assert fixed.startswith(TOP)


def test_two_plain_items_differing_only_in_cedillas_and_quotes() -> None:
    first = "Școala „Ion Creangă” își schimbă directorul"
    second = 'Şcoala "Ion Creangă" îşi schimbă directorul'
    src = f"{TOP}<p>Vezi și</p><p>{first}</p><p>{second}</p>{BODY}"
    (d,) = [d for d in Engine([DuplicateHeadline()]).check(read(src, "html")) if d.rule == RULE]
    assert src[d.start : d.end] == second
    fixed = fix_text(src, lambda t: Engine([DuplicateHeadline()]).check(read(t, "html")))[0]
    assert fixed == src.replace(f"<p>{second}</p>", "")


def test_a_duplicate_list_item_is_removed_with_its_li() -> None:
    src = f"{TOP}<p>Citește și</p><ul><li>{ONE}</li><li>{ONE}</li><li>{TWO}</li></ul>{BODY}"
    fixed = fix_text(src, lambda t: Engine([DuplicateHeadline()]).check(read(t, "html")))[0]
    assert fixed == src.replace(f"<li>{ONE}</li>", "", 1)


def test_a_headline_and_its_link_with_no_marker_are_a_teaser_pair() -> None:
    link = f'<p><a href="/unu">{ONE}</a></p>'
    src = f"{TOP}<p>{ONE}</p>\n{link}{BODY}"
    doc = read(src, "html")
    (group,) = doc.related
    assert group.marker is None
    assert _items(doc) == [ONE, ONE]
    (d,) = Engine([DuplicateHeadline()]).check(doc)
    at = src.index(link) + src[src.index(link) :].index(ONE)
    assert (d.start, d.end) == (at, at + len(ONE))
    fixed = fix_text(src, lambda t: Engine([DuplicateHeadline()]).check(read(t, "html")))[0]
    assert fixed == src.replace(link, "")


@pytest.mark.parametrize(
    "between",
    [
        "",  # two plain paragraphs: a doubled intertitle, not a related block
        "<hr>",
        "<p>Biletele se vând de luni.</p>",
    ],
)
def test_no_teaser_pair_without_a_link_or_across_a_break(between: str) -> None:
    second = f"<p>{ONE}</p>" if not between else f'<p><a href="/unu">{ONE}</a></p>'
    src = f"{TOP}<p>{ONE}</p>{between}{second}{BODY}"
    doc = read(src, "html")
    assert not doc.related
    assert _body(doc).count(ONE) == 2


def test_a_short_label_twice_is_no_pair() -> None:
    src = f'{TOP}<p>Foto video</p><p><a href="/g">Foto video</a></p>{BODY}'
    assert not read(src, "html").related


def test_headline_lines_split_at_br_in_the_markers_paragraph() -> None:
    body = "Biletele se vând de luni, la ghișeele gării."
    src = f"{TOP}<p><strong>Citește și</strong><br>{ONE}<br>\n{ONE}<br>{TWO}<br>{body}</p>{BODY}"
    doc = read(src, "html")
    assert _items(doc) == [ONE, ONE, TWO]
    assert body in _body(doc)  # the body text after the headline lines stays body
    (d,) = Engine([DuplicateHeadline()]).check(doc)
    at = src.index(ONE, src.index(ONE) + 1)
    assert (d.start, d.end) == (at, at + len(ONE))
    fixed = fix_text(src, lambda t: Engine([DuplicateHeadline()]).check(read(t, "html")))[0]
    assert fixed == src.replace(f"<br>\n{ONE}", "", 1)


def test_a_br_line_wrapped_in_markup_is_flagged_but_not_cut_out() -> None:
    src = f"{TOP}<p>Vezi și: {ONE}<br><em>{ONE}</em></p>{BODY}"
    (d,) = Engine([DuplicateHeadline()]).check(read(src, "html"))
    assert src[d.start : d.end] == ONE and d.start > src.index("<em>")
    assert d.fix is None  # removing the text alone would leave <em></em> behind


def test_a_marker_line_inside_a_paragraph_of_br_lines() -> None:
    # Text pasted into a CMS keeps its lines as <br>: read like the text reader reads
    # the lines of one paragraph (body before, the block, body after).
    before = "Gara a fost închisă doi ani, spune CFR."
    after = "Doi muncitori au fost răniți pe șantier în luna martie."
    src = f"{TOP}<p>{before}<br>Citește și: {ONE}<br>{TWO}<br>{after}</p>{BODY}"
    doc = read(src, "html")
    assert _items(doc) == [ONE, TWO]
    assert before in _body(doc) and after in _body(doc)
    _doc, diags = lint_text(src, "html")
    at = src.index("au fost răniți")
    assert any(d.rule == "attribution/missing" and d.start == at for d in diags)


def test_two_markers_in_one_paragraph_make_two_blocks() -> None:
    src = f"{TOP}<p>Vezi și:<br>{ONE}<br>Citește și:<br>{TWO}<br>Biletele se vând de luni.</p>"
    doc = read(src, "html")
    assert [[doc.block_text(b) for b in g.items] for g in doc.related] == [[ONE], [TWO]]
    assert _body(doc)[-1] == "Biletele se vând de luni."


def test_a_paragraph_of_br_lines_repeating_a_headline_is_a_teaser_pair() -> None:
    src = f"{TOP}<p>{TWO}<br>\n{TWO}</p>{BODY}"
    doc = read(src, "html")
    (group,) = doc.related
    assert group.marker is None and _items(doc) == [TWO, TWO]
    fixed = fix_text(src, lambda t: Engine([DuplicateHeadline()]).check(read(t, "html")))[0]
    assert fixed == f"{TOP}<p>{TWO}</p>{BODY}"


# A body paragraph with findings for rules of three families (a claim with no source,
# pre-1993 spelling, a cedilla letter), checked after a related block and without it.
_FINDINGS = (
    "<p>Doi muncitori au fost răniți pe șantier în luna martie.</p>"
    "<p>Drumul spre vamă rămâne închis pînă la noi ordine, dar şoferii pot ocoli</p>"
)


def test_the_body_after_a_block_is_checked_as_without_the_block() -> None:
    top = "<h1>Gara din Suceava se redeschide</h1><p>Sala de așteptare are bănci noi.</p>"
    block = f'<p>Citește și:</p><p>{ONE}</p><p><a href="/doi">{TWO}</a></p>'
    with_block, without = top + block + _FINDINGS, top + _FINDINGS
    shift = len(block)

    def body_findings(src: str, offset: int) -> list[tuple[str, int, int, str]]:
        _doc, diags = lint_text(src, "html")
        start = src.index(_FINDINGS)
        return [
            (d.rule, d.start - offset, d.end - offset, d.message)
            for d in diags
            if d.start >= start and d.rule != "diacritics/mixed"  # counts the whole text
        ]

    found = body_findings(with_block, shift)
    assert found == body_findings(without, 0)
    rules = {rule for rule, *_ in found}
    assert {"attribution/missing", "orthography/old", "diacritics/cedilla"} <= rules
    claim = next(f for f in found if f[0] == "attribution/missing")
    assert with_block[claim[1] + shift : claim[2] + shift] == "au fost răniți"


def test_unclosed_paragraphs_make_items_removed_up_to_the_next_paragraph() -> None:
    src = f"{TOP}<p>Citește și<p>{ONE}<p>{ONE}\n<p>Biletele se vând de luni."
    doc = read(src, "html")
    assert _items(doc) == [ONE, ONE]
    (d,) = Engine([DuplicateHeadline()]).check(doc)
    at = src.rindex(ONE)
    assert (d.start, d.end) == (at, at + len(ONE))
    fixed = fix_text(src, lambda t: Engine([DuplicateHeadline()]).check(read(t, "html")))[0]
    assert fixed == f"{TOP}<p>Citește și<p>{ONE}<p>Biletele se vând de luni."


def test_an_open_last_paragraph_is_removed_to_the_end() -> None:
    src = f"{TOP}<ul><li>Vezi și<li>{TWO}<li>{TWO}"
    fixed = fix_text(src, lambda t: Engine([DuplicateHeadline()]).check(read(t, "html")))[0]
    assert fixed == f"{TOP}<ul><li>Vezi și<li>{TWO}"


# -- property: random HTML around related blocks ------------------------------------

_HEADLINES = st.sampled_from(
    [ONE, TWO, "Gara din Suceava se redeschide", "VIDEO. Noul peron", "Ce urmează?"]
)
_SENTENCES = st.sampled_from(
    [
        "Biletele se vând de luni.",
        "Directorul a spus: „Avem locuri.”",
        "Peronul a fost refăcut. Urmează sala de așteptare.",
        "Călătorii au primit apă și informații.",
    ]
)
_MARKERS = st.sampled_from(
    ["Citește și", "<strong>Citeşte şi:</strong>", "VEZI&nbsp;ȘI", "Recomandări:"]
)


@st.composite
def _fragment(draw: st.DrawFn) -> tuple[str, str | None]:
    """One piece of HTML, and the body sentence it holds (None: no body sentence)."""
    kind = draw(st.sampled_from(["marker", "headline", "link", "body", "noise"]))
    if kind == "marker":
        return f"<p>{draw(_MARKERS)}</p>", None
    if kind == "headline":
        return draw(st.sampled_from(["<p>{}</p>", "<li>{}</li>", "<h2>{}</h2>"])).format(
            draw(_HEADLINES)
        ), None
    if kind == "link":
        return f'<p><a href="/{draw(st.integers(0, 3))}">{draw(_HEADLINES)}</a></p>', None
    if kind == "body":
        sentence = draw(_SENTENCES)
        return f"<p>{sentence}</p>", sentence
    noise = ["<div>", "</div>", "<ul>", "</ul>", "<hr>", "<br>", "<p>", "</p>", "&amp;", "x "]
    noise += ["<blockquote>", "</blockquote>", "<li>", "&nbsp;", "<table><td>"]
    return draw(st.sampled_from([*noise, draw(st.text(max_size=8))])), None


@settings(max_examples=200, deadline=None)
@given(st.lists(_fragment(), max_size=14))
def test_random_html_around_blocks_never_swallows_a_body_sentence(
    parts: list[tuple[str, str | None]],
) -> None:
    src = "".join(html for html, _ in parts)
    doc = read(src, "html")
    n, m = len(doc.text), len(src)
    for b in doc.blocks:
        assert 0 <= b.start <= b.end <= n
        s, e = doc.to_source(b.start, b.end)
        assert 0 <= s <= e <= m
        if b.unit is not None:
            assert b.unit[0] <= s <= e <= b.unit[1] <= m
    related = [doc.block_text(b) for b in doc.blocks if b.kind in (RELATED_ITEM, RELATED_MARKER)]
    body = {sentence for _, sentence in parts if sentence is not None}
    assert not body & set(related)  # a plain paragraph ending in a full stop is never an item
    for d in Engine([DuplicateHeadline()]).check(doc):
        assert 0 <= d.start <= d.end <= m
