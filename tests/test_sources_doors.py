"""One file-reading path (rolint.sources) for every door: the language server's bulk
lane refuses what ``rolint check`` refuses, with the same message."""

from __future__ import annotations

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
