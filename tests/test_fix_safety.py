"""Fixes never damage files (issue #17, failures 9–14): no fix touches markup, attribute
values, URLs or link targets; no range crosses a tag; `rolint fix` refuses what it must
not write (symlinks are followed, read-only files and files over the limit refused)."""

from __future__ import annotations

import os
from pathlib import Path

from rolint.document import Document
from rolint.fixes import fix_text
from rolint.linter import lint_text
from test_cli import rolint


def fixed(source: str, fmt: str, unsafe: bool = False) -> str:
    return fix_text(source, lambda t: lint_text(t, fmt)[1], unsafe=unsafe)[0]


def crosses_markup(doc: Document, start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in doc.protected)


# -- 9: inline HTML inside Markdown ------------------------------------------------


def test_9_safe_fix_keeps_inline_html_attributes_in_markdown() -> None:
    source = 'Text <a href="x">legătură</a> aici, "citat".\n<span title="ţ">ţara</span> mea.\n'
    out = fixed(source, "markdown")
    assert '<a href="x">' in out and '<span title="ţ">' in out
    assert "„citat”" in out and ">țara</span>" in out  # the prose is still fixed


# -- 10: URLs and link targets ---------------------------------------------------


def test_10_reference_definition_and_bare_url_stay_as_written() -> None:
    md = "Vezi [sursa][1] despre ţară.\n\n[1]: https://exemplu.ro/ştiri\n"
    out = fixed(md, "markdown")
    assert out.endswith("[1]: https://exemplu.ro/ştiri\n") and "despre țară" in out
    txt = "Detalii la https://exemplu.ro/ştiri/ţara şi pe www.exemplu.ro/şcoala azi.\n"
    out = fixed(txt, "text", unsafe=True)
    assert "https://exemplu.ro/ştiri/ţara" in out and "www.exemplu.ro/şcoala" in out
    assert " și pe " in out


def test_10_link_target_in_markdown_is_never_rewritten() -> None:
    out = fixed("Text cu [anunţ](https://exemplu.ro/anunţ) aici.\n", "markdown", unsafe=True)
    assert out == "Text cu [anunț](https://exemplu.ro/anunţ) aici.\n"


# -- 11: no range crosses a tag ---------------------------------------------------


def test_11_unsafe_fix_keeps_every_tag_and_no_range_crosses_one() -> None:
    source = "<p><textarea>ţara</textarea><code>şi</code> <b>ş</b>coala</p>"
    doc, diags = lint_text(source, "html")
    for d in diags:
        assert not crosses_markup(doc, d.start, d.end), d
        for e in d.fix.edits if d.fix else ():
            assert not crosses_markup(doc, e.start, e.end) or e.start == e.end, d
    out = fixed(source, "html", unsafe=True)
    tags = ["<p>", "<textarea>", "</textarea>", "<code>", "</code>", "<b>", "</b>", "</p>"]
    assert all(tag in out for tag in tags), out
    assert "țara" in out and "și" in out


def test_11_a_word_split_by_inline_markup_is_flagged_without_touching_the_markup() -> None:
    doc, diags = lint_text("Text cu **ţ**ara și *ş*coala de azi.\n", "markdown")
    assert diags and all(not crosses_markup(doc, d.start, d.end) for d in diags)


# -- 12: the duplicate-headline fix removes the item it points at -----------------


def test_12_markdown_duplicate_headline_fix_removes_the_flagged_item() -> None:
    head = "# Ploi mari în toată țara\n\nApele au crescut peste noapte.\n\n## Citește și\n\n"
    items = (
        "- [Meteorologii anunță cod galben de ploi](a.html)\n"
        "- [Meteorologii anunță cod galben de ploi](b.html)\n"
    )
    source = head + items + "\nFinal de articol.\n"
    _, diags = lint_text(source, "markdown")
    (dup,) = [d for d in diags if d.rule == "related/duplicate-headline"]
    second = source.index("- [Meteorologii", source.index("a.html"))
    assert second < dup.start < source.index("b.html")  # it points at the second item
    out = fixed(source, "markdown")
    assert out == source.replace("- [Meteorologii anunță cod galben de ploi](b.html)\n", "")


def test_12_html_duplicate_headline_fix_removes_the_flagged_link_element() -> None:
    source = (
        "<h1>Ploi mari</h1><p>Text.</p><p>Citește și:</p><p>"
        '<a href="a.html">Meteorologii anunță cod galben de ploi</a> '
        '<a href="b.html">Meteorologii anunță cod galben de ploi</a></p>'
    )
    out = fixed(source, "html")
    assert 'href="a.html"' in out and "b.html" not in out
    assert out.count("</a>") == 1 and out.endswith("</p>")


def test_12_text_duplicate_headline_without_final_line_break() -> None:
    item = "Ce facem cu grădina după îngheț"
    source = f"Titlu\n\nText.\n\nCitește și\n{item}\n{item}"  # no line break at the end
    assert fixed(source, "text") == source.rsplit("\n", 1)[0]


# -- 13: symlinks, read-only files, failed writes ------------------------------------


def test_13_fix_follows_a_symlink_fixes_the_target_and_keeps_the_link(tmp_path: Path) -> None:
    real = tmp_path / "real.txt"
    real.write_text("ţara şi\n", encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to("real.txt")
    proc = rolint("fix", "link.txt", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert link.is_symlink() and os.readlink(link) == "real.txt"
    assert real.read_text(encoding="utf-8") == "țara și\n"


def test_13_fix_refuses_a_read_only_file(tmp_path: Path) -> None:
    path = tmp_path / "ro.txt"
    path.write_text("ţara\n", encoding="utf-8")
    path.chmod(0o444)
    proc = rolint("fix", "ro.txt", cwd=tmp_path)
    err = proc.stderr.decode()
    assert proc.returncode == 2 and "doar pentru citire" in err and "ro.txt" in err
    assert "0 corecturi aplicate" in err
    assert path.read_text(encoding="utf-8") == "ţara\n"


def test_13_after_a_failed_write_nothing_is_reported_as_applied(tmp_path: Path) -> None:
    folder = tmp_path / "blocat"
    folder.mkdir()
    path = folder / "a.txt"
    path.write_text("ţara şi\n", encoding="utf-8")
    folder.chmod(0o555)  # the file is writable, its folder is not: the atomic write fails
    try:
        proc = rolint("fix", str(path), cwd=tmp_path, unprivileged=True)
    finally:
        folder.chmod(0o755)
    err = proc.stderr.decode()
    assert proc.returncode == 2 and "nu am putut scrie" in err
    assert "0 corecturi aplicate în 0 fișiere" in err
    assert path.read_text(encoding="utf-8") == "ţara şi\n"


# -- 14: the size limit before any write ----------------------------------------------


def test_14_fix_refuses_a_file_over_the_limit_before_reading_it(tmp_path: Path) -> None:
    (tmp_path / "rolint.toml").write_text("max-file-size-mb = 0.001\n", encoding="utf-8")
    path = tmp_path / "mare.txt"
    data = ("ţara " * 300).encode()  # 1,800 bytes > 1,048 bytes
    path.write_bytes(data)
    proc = rolint("fix", "mare.txt", cwd=tmp_path)
    assert proc.returncode == 2 and "prea mare" in proc.stderr.decode()
    assert path.read_bytes() == data
    piped = rolint("fix", "-", cwd=tmp_path, stdin=data)
    assert piped.returncode == 2 and piped.stdout == b"" and "prea mare" in piped.stderr.decode()


def test_size_message_for_one_byte_over_is_exact(tmp_path: Path) -> None:
    path = tmp_path / "mare.txt"
    path.write_bytes(b"a" * (10 * 1024 * 1024 + 1))
    proc = rolint("check", "--format", "json", "mare.txt", cwd=tmp_path)
    err = proc.stderr.decode()
    assert proc.returncode == 2
    assert "10.485.761 octeți" in err and "10.485.760 octeți" in err and "10.0 MB" not in err


def test_10_an_address_glued_to_a_word_is_still_an_address() -> None:
    """Found by the fuzz suite: no word boundary before ``https``."""
    out = fixed("Vezişhttps://exemplu.ro/şcoala şi www.ex.ro/ţ\n", "text", unsafe=True)
    assert "https://exemplu.ro/şcoala" in out and "www.ex.ro/ţ" in out
