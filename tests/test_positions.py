"""The one place positions are computed: line index and source map, property-tested.

Example counts: the property tests draw ``examples(n)``, a quarter of the full
count ``n`` (at least 100) by default and all of it with ``ROLINT_FUZZ=long``
(tests/examples.py).
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from examples import examples
from rolint.positions import ENCODINGS, LineIndex
from rolint.readers import read

# Text with what breaks naive position code: emoji (non-BMP), CR/LF/CRLF, combining
# marks, NBSP, Romanian letters in both cedilla and comma forms.
PIECES = st.sampled_from(
    [
        "a",
        "ș",
        "ş",
        "ț",
        "Ă",
        "î",
        "😀",
        "👍🏽",
        "𝕏",
        "\r\n",
        "\n",
        "\r",
        "e\u0301",
        "\u0326",
        "\xa0",
        " ",
        "„",
        "”",
        "\t",
        "<",
        "&",
    ]
)
TEXTS = st.lists(PIECES, max_size=60).map("".join)


@settings(max_examples=examples(300))
@given(TEXTS)
def test_offset_position_round_trip_in_every_encoding(text: str) -> None:
    index = LineIndex(text)
    for enc in ENCODINGS:
        for offset in range(len(text) + 1):
            line, char = index.position(offset, enc)
            if text[offset - 1 : offset + 1] == "\r\n":
                # between \r and \n is no LSP position: it clamps to before the break
                assert index.offset(line, char, enc) == offset - 1, (enc, offset)
                continue
            assert index.offset(line, char, enc) == offset, (enc, offset)


@given(TEXTS)
def test_positions_agree_with_encoded_lengths(text: str) -> None:
    index = LineIndex(text)
    for offset in range(len(text) + 1):
        line, char16 = index.position(offset, "utf-16")
        start = index.line_starts[line]
        prefix = text[start:offset]
        assert char16 == len(prefix.encode("utf-16-le")) // 2
        assert index.position(offset, "utf-8")[1] == len(prefix.encode("utf-8"))
        assert index.position(offset, "utf-32")[1] == len(prefix)


def test_emoji_before_a_finding_shifts_utf16_but_not_code_points() -> None:
    text = "Ok 😀 ţară"
    index = LineIndex(text)
    offset = text.index("ţ")
    assert offset == 5
    assert index.position(offset, "utf-16") == (0, 6)
    assert index.position(offset, "utf-8") == (0, 8)
    assert index.position(offset, "utf-32") == (0, 5)


def test_lines_break_at_cr_lf_and_crlf_only() -> None:
    text = "a\r\nb\nc\rd\u2028e"
    index = LineIndex(text)
    assert index.line_count == 4
    assert index.position(text.index("e"), "utf-32") == (3, 2)


def test_character_past_line_end_clamps_before_the_break() -> None:
    index = LineIndex("abc\r\ndef")
    # before the whole \r\n break, never between \r and \n (issue #17, item 17)
    assert index.offset(0, 99) == 3
    assert LineIndex("abc\rdef").offset(0, 99) == 3
    assert LineIndex("abc\ndef").offset(0, 99) == 3
    assert index.offset(9, 0) == len("abc\r\ndef")


@settings(max_examples=examples(150))
@given(
    st.lists(
        st.sampled_from(
            [
                "ţ",
                "a",
                " ",
                "😀",
                "&amp;",
                "&#355;",
                "<b>",
                "</b>",
                "\n",
                "<p>",
                "</p>",
                "„",
                "\r\n",
            ]
        ),
        max_size=40,
    ).map("".join)
)
def test_html_source_map_points_at_the_source_of_every_kept_character(html: str) -> None:
    doc = read(html, "html")
    for i, ch in enumerate(doc.text):
        start, end = doc.to_source(i, i + 1)
        src = doc.source[start:end]
        if src == ch:
            continue
        # collapsed whitespace, decoded entities, or inserted block separators
        assert ch.isspace() or src.startswith("&"), (ch, src)
