"""The peer tools, installed from their registries, pinned, into the bench cache folder.

- Vale 3.22.0: ``go install`` through the Go module proxy (a few minutes on 2 cores, once).
  Newer tags need a dependency version the proxy does not serve; the old errata-ai
  module path is refused.
- textlint 15.8.0 + textlint-rule-prh 6.1.0: ``npm ci`` from bench/textlint/ (package.json
  and its lock file: every transitive version pinned).
- Hunspell: Debian's ``hunspell`` (the CLI) beside ``hunspell-ro`` (rospell, the dictionary
  rolint reads too), installed with apt-get when missing and we are root.
- LanguageTool: the pinned jars of rolint's own LanguageTool integration
  (``rolint.languagetool.install``) and its server command (``rolint.languagetool.local``).

Nothing from the peers' sources is committed. The cache folder is ``$ROLINT_BENCH_CACHE``
or ``~/.cache/rolint-bench``. ``python bench/peers.py`` installs (or checks) them all.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

BENCH = Path(__file__).resolve().parent
VALE_VERSION = "3.22.0"
VALE_MODULE = "github.com/vale-cli/vale/v3/cmd/vale"
TEXTLINT_VERSION = "15.8.0"
PRH_RULE_VERSION = "6.1.0"
DICTIONARY = Path("/usr/share/hunspell/ro_RO.dic")


class PeerError(RuntimeError):
    """A peer could not be installed or does not answer as its pinned version."""


@dataclass(frozen=True)
class Peer:
    name: str
    version: str
    command: tuple[str, ...]  # the executable (and fixed first arguments)


def cache() -> Path:
    env = os.environ.get("ROLINT_BENCH_CACHE")
    if env:
        return Path(env).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "rolint-bench"


def _run(cmd: list[str], what: str, **kw: object) -> str:
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, check=False, **kw)  # type: ignore[call-overload]
    except OSError as exc:
        raise PeerError(f"{what}: cannot run {cmd[0]}: {exc}") from exc
    if done.returncode != 0:
        tail = (done.stderr or done.stdout).strip().splitlines()[-15:]
        raise PeerError(f"{what}: `{' '.join(cmd)}` exited {done.returncode}:\n" + "\n".join(tail))
    return str(done.stdout)


def vale(log: bool = True) -> Peer:
    """Vale, built once with ``go install`` into the cache."""
    bindir = cache() / f"vale-{VALE_VERSION}" / "bin"
    exe = bindir / "vale"
    if not exe.exists():
        go = shutil.which("go")
        if go is None:
            raise PeerError("Vale: the Go toolchain (`go`) is needed to build it; none on PATH")
        if log:
            print(f"bench: building Vale {VALE_VERSION} with go install (a few minutes, once)")
        env = {**os.environ, "GOBIN": str(bindir), "GOTOOLCHAIN": "local"}
        _run([go, "install", f"{VALE_MODULE}@v{VALE_VERSION}"], "Vale", env=env)
    # `vale --version` says "master" when built by go install: the build info is exact.
    go = shutil.which("go") or "go"
    info = _run([go, "version", "-m", str(exe)], "Vale")
    if not re.search(rf"\bmod\s+github\.com/vale-cli/vale/v3\s+v{re.escape(VALE_VERSION)}\b", info):
        raise PeerError(f"Vale: {exe} is not vale-cli/vale v{VALE_VERSION}:\n{info[:400]}")
    _run([str(exe), "--version"], "Vale")  # it starts
    return Peer("Vale", VALE_VERSION, (str(exe),))


def textlint(log: bool = True) -> Peer:
    """textlint with textlint-rule-prh, from bench/textlint's lock file."""
    lock = (BENCH / "textlint" / "package-lock.json").read_bytes()
    folder = cache() / f"textlint-{hashlib.sha256(lock).hexdigest()[:12]}"
    exe = folder / "node_modules" / ".bin" / "textlint"
    if not exe.exists():
        npm = shutil.which("npm")
        if npm is None:
            raise PeerError("textlint: npm (Node.js) is needed to install it; none on PATH")
        if log:
            print(f"bench: installing textlint {TEXTLINT_VERSION} + prh {PRH_RULE_VERSION} (npm)")
        folder.mkdir(parents=True, exist_ok=True)
        for name in ("package.json", "package-lock.json"):
            shutil.copyfile(BENCH / "textlint" / name, folder / name)
        _run([npm, "ci", "--no-audit", "--no-fund", "--ignore-scripts"], "textlint", cwd=folder)
    out = _run([str(exe), "--version"], "textlint")
    if TEXTLINT_VERSION not in out:
        raise PeerError(f"textlint: {exe} says {out.strip()!r}, expected {TEXTLINT_VERSION}")
    return Peer("textlint", TEXTLINT_VERSION, (str(exe),))


def hunspell(log: bool = True) -> Peer:
    """The Hunspell CLI from Debian, with rospell (hunspell-ro)."""
    exe = shutil.which("hunspell")
    if exe is None or not DICTIONARY.exists():
        if os.geteuid() != 0 or shutil.which("apt-get") is None:
            raise PeerError(
                "Hunspell: install Debian's hunspell and hunspell-ro (apt-get install "
                "hunspell hunspell-ro)"
            )
        if log:
            print("bench: installing Debian's hunspell and hunspell-ro (apt-get)")
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        cmd = ["apt-get", "install", "-y", "-q", "--no-install-recommends", "hunspell"]
        cmd.append("hunspell-ro")
        try:
            _run(cmd, "Hunspell", env=env)
        except PeerError:  # a fresh machine has no package lists yet
            _run(["apt-get", "update", "-q"], "Hunspell", env=env)
            _run(cmd, "Hunspell", env=env)
        exe = shutil.which("hunspell")
        if exe is None:
            raise PeerError("Hunspell: apt-get ran but no hunspell on PATH")
    version = _run(["dpkg-query", "-W", "-f=${Version}", "hunspell"], "Hunspell").strip()
    return Peer("Hunspell", version or "?", (exe,))


def languagetool(log: bool = True) -> tuple[Peer | None, str]:
    """LanguageTool from rolint's integration (its pinned jars, its server command), or
    None and why not."""
    try:
        from rolint.languagetool import install, local
    except ImportError:
        return None, "not available: rolint has no LanguageTool integration on this branch"
    try:
        if not install.installed():
            if log:
                print("bench: installing the LanguageTool jars (Maven Central, once)")
            install.install()
        local.java_command(0)  # Java present, jars verified
    except (install.InstallError, local.Unavailable, OSError) as exc:
        return None, f"not available: {exc}"
    return Peer("LanguageTool", str(install.LT_VERSION), (str(install.jar_dir()),)), ""


def main() -> int:
    try:
        for peer in (vale(), textlint(), hunspell()):
            print(f"{peer.name} {peer.version}: {peer.command[0]}")
    except PeerError as exc:
        print(f"bench: {exc}", file=sys.stderr)
        return 1
    lt, why = languagetool()
    print(f"LanguageTool {lt.version}: {lt.command[-1]}" if lt else f"LanguageTool: {why}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
