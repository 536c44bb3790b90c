"""One file-reading path (rolint.sources) for every door: the language server's bulk
lane refuses what ``rolint check`` refuses, with the same message."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest

from rolint.cli import main
from rolint.lsp import checks
from rolint.lsp.settings import Settings


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("mare.txt", "Un rând de text românesc.\n" * 100, "prea mare"),
        ("binar.txt", "ab\x00cd", "fișier binar"),
        ("latin.txt", None, "nu este UTF-8 valid"),
    ],
)
def test_the_bulk_lane_refuses_what_the_cli_refuses(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
    content: str | None,
    expected: str,
) -> None:
    (tmp_path / "rolint.toml").write_text("max-file-size-mb = 0.001\n", encoding="utf-8")
    path = tmp_path / name
    if content is None:
        path.write_bytes("Vine mâine.".encode("latin-1"))
    else:
        path.write_text(content, encoding="utf-8")
    assert main(["check", "--config", str(tmp_path / "rolint.toml"), str(path)]) == 2
    cli = capsys.readouterr()
    said = [line for line in (cli.out + cli.err).splitlines() if expected in line]
    assert said, cli
    result = checks.check_file(path, "text", tmp_path, Settings(), "utf-16")
    assert result.doc is None
    (message,) = [text for _, text in result.messages if expected in text]
    assert message.split(": ", 1)[1] in said[0]  # the same words after the path


def test_a_file_whose_size_says_nothing_is_read_whole_and_limited(tmp_path: Path) -> None:
    """Reading asks for the size a file had when opened: a file stat calls empty
    (a pipe, /proc) is still read to its end, and still refused past the limit."""
    import os
    import threading

    from rolint.config import parse
    from rolint.readers import InputError
    from rolint.sources import read_bytes

    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    body = "Un rând de text românesc.\n".encode() * 40  # 1,080 bytes

    def feed(data: bytes) -> None:
        with contextlib.suppress(BrokenPipeError), fifo.open("wb") as fh:
            fh.write(data)  # a reader that stops early closes the pipe: EPIPE

    for cfg, refused in ((parse({}), False), (parse({"max-file-size-mb": 0.001}), True)):
        writer = threading.Thread(target=feed, args=(body,))
        writer.start()
        try:
            if refused:
                with pytest.raises(InputError, match="prea mare"):
                    read_bytes(fifo, cfg)
            else:
                assert read_bytes(fifo, cfg) == body
        finally:
            writer.join(5)
