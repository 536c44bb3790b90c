"""``python -m rolint.languagetool install|path``: the jars, for scripts/setup.sh."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    from rolint.languagetool import install

    args = sys.argv[1:] if argv is None else argv
    action = args[0] if args else "install"
    if action == "path":
        print(install.jar_dir())
        return 0 if install.installed() else 1
    if action != "install":
        print("folosire: python -m rolint.languagetool install|path", file=sys.stderr)
        return 2
    try:
        folder = install.install()
    except install.InstallError as exc:
        print(f"rolint: LanguageTool: {exc}", file=sys.stderr)
        return 1
    print(f"LanguageTool {install.LT_VERSION}: jar-uri verificate în {folder}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
