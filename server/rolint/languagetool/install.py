"""The pinned LanguageTool jars: fetched by Maven from Maven Central, checked against
``jars.sha256`` (shipped with rolint), kept in rolint's cache folder.

``python -m rolint.languagetool install`` (or ``rolint languagetool install``) does it
once per machine; scripts/setup.sh calls it. The jars are never fetched implicitly by a
check: a missing install is a clear notice, not a surprise 245 MB download.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import tempfile
from importlib import resources
from pathlib import Path

LT_VERSION = "6.6"
_ARTIFACTS = ("languagetool-server", "language-ro")
_STAMP = ".rolint-verified"

_POM = """<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>rolint</groupId><artifactId>languagetool-jars</artifactId><version>1</version>
  <packaging>pom</packaging>
  <dependencies>
{deps}
  </dependencies>
</project>
"""


class InstallError(RuntimeError):
    """The jars could not be fetched or do not match the pinned checksums."""


def jar_dir() -> Path:
    """Where the jars live: ``$ROLINT_LANGUAGETOOL_JARS`` or the cache folder."""
    override = os.environ.get("ROLINT_LANGUAGETOOL_JARS")
    if override:
        return Path(override).expanduser()
    from rolint.spelling.dictionary import cache_dir

    return cache_dir() / f"languagetool-{LT_VERSION}"


def pinned() -> dict[str, str]:
    """File name → SHA-256 of every jar of the pinned release."""
    text = resources.files(__package__).joinpath("jars.sha256").read_text(encoding="ascii")
    out = {}
    for line in text.splitlines():
        if line.strip():
            digest, name = line.split()
            out[name] = digest
    return out


def installed(folder: Path | None = None) -> bool:
    """True when the jars were verified into ``folder`` (a cheap stamp check)."""
    folder = folder or jar_dir()
    return (folder / _STAMP).is_file()


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def verify(folder: Path) -> list[str]:
    """Problems with the jars in ``folder`` (empty: exactly the pinned set)."""
    want = pinned()
    have = {p.name for p in folder.glob("*.jar")}
    problems = [f"lipsește {n}" for n in sorted(set(want) - have)]
    problems += [f"în plus {n}" for n in sorted(have - set(want))]
    for name in sorted(set(want) & have):
        if _sha256(folder / name) != want[name]:
            problems.append(f"sumă de control greșită: {name}")
    return problems


def _maven(out: Path, work: Path) -> None:
    deps = "\n".join(
        f"    <dependency><groupId>org.languagetool</groupId><artifactId>{a}</artifactId>"
        f"<version>{LT_VERSION}</version></dependency>"
        for a in _ARTIFACTS
    )
    (work / "pom.xml").write_text(_POM.format(deps=deps), encoding="utf-8")
    mvn = shutil.which("mvn")
    if mvn is None:
        raise InstallError("Maven (mvn) lipsește: instalați pachetul maven")
    cmd = [mvn, "-q", "-B", "--strict-checksums", "dependency:copy-dependencies"]
    cmd.append(f"-DoutputDirectory={out}")
    done = subprocess.run(cmd, cwd=work, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        tail = (done.stdout + done.stderr).strip().splitlines()[-5:]
        raise InstallError("Maven a eșuat: " + " | ".join(tail))


def install(folder: Path | None = None) -> Path:
    """Fetch and verify the jars into ``folder`` (default :func:`jar_dir`); idempotent.

    Downloads into a temporary folder beside the target and renames it into place only
    after every checksum matched, so an interrupted install leaves nothing half-made.
    """
    folder = folder or jar_dir()
    if installed(folder) and not verify(folder):
        return folder
    folder.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=folder.parent, prefix=".lt-install-") as tmp:
        work = Path(tmp)
        out = work / "jars"
        _maven(out, work)
        problems = verify(out)
        if problems:
            raise InstallError("jar-urile nu corespund celor fixate: " + "; ".join(problems[:5]))
        (out / _STAMP).write_text(LT_VERSION + "\n", encoding="ascii")
        if folder.exists():
            shutil.rmtree(folder)
        out.rename(folder)
    return folder
