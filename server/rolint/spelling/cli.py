"""``python -m rolint.spelling``: compile the dictionary cache, check words, learn vocab.

    python -m rolint.spelling compile [--dictionary PATH]      # e.g. in scripts/setup.sh
    python -m rolint.spelling check WORD...                    # valid? suggestions
    python -m rolint.spelling learn PATHS... [options]         # = rolint vocab learn

The ``compile --aff/--dic/--out`` form is what the library runs in a child process.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] == "learn":
        from rolint.spelling.vocab import main as learn_main

        return learn_main(args[1:])
    p = argparse.ArgumentParser(prog="python -m rolint.spelling")
    sub = p.add_subparsers(dest="cmd", required=True)
    c = sub.add_parser("compile", help="compilează dicționarul (o singură dată, în cache)")
    c.add_argument("--dictionary", help="calea dicționarului (.dic, .aff sau baza comună)")
    c.add_argument("--aff")
    c.add_argument("--dic")
    c.add_argument("--out")
    k = sub.add_parser("check", help="verifică și sugerează cuvinte")
    k.add_argument("words", nargs="+")
    k.add_argument("--dictionary")
    sub.add_parser("learn", help="propune o listă de cuvinte acceptate dintr-o arhivă")
    ns = p.parse_args(args)

    from rolint.spelling.dictionary import (
        DictionaryNotFound,
        compile_to,
        ensure_compiled,
        locate,
    )

    try:
        if ns.cmd == "compile":
            if ns.aff and ns.dic and ns.out:
                compile_to(Path(ns.aff), Path(ns.dic), Path(ns.out))
                return 0
            aff, dic = locate(ns.dictionary)
            t = time.perf_counter()
            out = ensure_compiled(aff, dic)
            print(f"{dic} → {out} ({time.perf_counter() - t:.1f} s)")
            return 0
        from rolint.spelling.api import checker_for

        chk = checker_for(ns.dictionary)
        for w in ns.words:
            ok = chk.dictionary.check(w)
            sugg = [] if ok else chk.suggester.suggest(w)
            print(f"{w}\t{'ok' if ok else 'necunoscut'}\t{', '.join(sugg)}")
        return 0
    except DictionaryNotFound as exc:
        print(f"rolint: {exc}", file=sys.stderr)
        return 2
