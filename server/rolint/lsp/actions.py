"""Code actions and hovers built from a current check result.

Actions for diagnostics under the cursor (kind ``quickfix``):

* the diagnostic's own fix (preferred when safe), plus its other suggestions;
* "fix all of this rule in the document" (safe fixes of that rule, e.g. every cedilla);
* "add word to the project vocabulary" (``spelling/unknown``, or any diagnostic whose
  ``data`` names a ``word``) — a ``rolint.addToVocabulary`` command, so the server
  writes the file and it works in every editor;
* "ignore this rule here": ``<!-- rolint-disable-next-line RULE -->`` on its own line
  above (or the rule added to such a comment already there).

And ``source.fixAll.rolint`` (fix-on-save): every safe fix in the document. The two
fix-all actions are resolved lazily (``codeAction/resolve``) when the client can.
"""

from __future__ import annotations

import re
from typing import Any

from lsprotocol import types

from rolint.diagnostic import Diagnostic, Edit
from rolint.explain import explain_text
from rolint.lsp.checks import CheckResult
from rolint.lsp.convert import lsp_diagnostic, lsp_range, offset_at, text_edits

FIX_ALL_KIND = "source.fixAll.rolint"
QUICKFIX = "quickfix"
ADD_WORD_COMMAND = "rolint.addToVocabulary"
VOCABULARY_RULES = frozenset({"spelling/unknown"})
_MAX_SUGGESTIONS = 5
_NEXT_LINE = re.compile(r"<!--\s*rolint-disable-next-line\b([^>]*?)\s*-->")


def workspace_edit(
    res: CheckResult,
    uri: str,
    version: int | None,
    edits: list[Edit] | tuple[Edit, ...],
    versioned: bool,
) -> types.WorkspaceEdit:
    assert res.doc is not None
    changes = text_edits(res.doc, edits, res.encoding)
    if versioned:
        return types.WorkspaceEdit(
            document_changes=[
                types.TextDocumentEdit(
                    text_document=types.OptionalVersionedTextDocumentIdentifier(
                        uri=uri, version=version
                    ),
                    edits=changes,
                )
            ]
        )
    return types.WorkspaceEdit(changes={uri: changes})


def _short(text: str, limit: int = 40) -> str:
    text = text.replace("\r", " ").replace("\n", " ")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _fix_title(source: str, edits: tuple[Edit, ...], rule: str) -> str:
    if len(edits) != 1:
        return f"Aplică corectura ({rule})"
    e = edits[0]
    old = source[e.start : e.end]
    if not old:
        return f"Inserează „{_short(e.text)}”"
    if not e.text:
        return f"Șterge „{_short(old)}”"
    return f"Înlocuiește „{_short(old)}” cu „{_short(e.text)}”"


def _word_of(res: CheckResult, d: Diagnostic) -> str | None:
    word = d.data.get("word") if isinstance(d.data, dict) else None
    if isinstance(word, str) and word.strip():
        return word.strip()
    if d.rule in VOCABULARY_RULES:
        text = res.source[d.start : d.end].strip()
        return text or None
    return None


def _ignore_edit(res: CheckResult, rule: str, offset: int) -> Edit:
    """The edit that suppresses ``rule`` on the line holding ``offset``."""
    source = res.source
    assert res.doc is not None
    lines = res.doc.lines
    line = lines.line_of(offset)
    start, end = lines.line_span(line)
    if line > 0:
        p_start, p_end = lines.line_span(line - 1)
        prev = source[p_start:p_end].rstrip("\r\n")
        m = _NEXT_LINE.fullmatch(prev.strip())
        if m:
            at = p_start + prev.index(m.group(0))
            names = m.group(1).strip()
            text = f"<!-- rolint-disable-next-line {names} {rule} -->"
            return Edit(at, at + len(m.group(0)), text)
    body = source[start:end]
    newline = body[len(body.rstrip("\r\n")) :]
    if not newline and line > 0:
        p_start, p_end = lines.line_span(line - 1)
        prev_full = source[p_start:p_end]
        newline = prev_full[len(prev_full.rstrip("\r\n")) :]
    indent = body[: len(body) - len(body.lstrip(" \t"))]
    return Edit(
        start, start, f"{indent}<!-- rolint-disable-next-line {rule} -->{newline or chr(10)}"
    )


def _action(
    title: str, kind: str, item: types.Diagnostic | None = None, **kw: Any
) -> types.CodeAction:
    return types.CodeAction(
        title=title, kind=kind, diagnostics=[item] if item is not None else None, **kw
    )


def code_actions(
    res: CheckResult,
    uri: str,
    version: int | None,
    params: types.CodeActionParams,
    versioned: bool,
) -> list[types.CodeAction]:
    """Actions for the requested range; fix-all ones carry ``data`` to be resolved."""
    doc = res.doc
    assert doc is not None
    start = offset_at(doc, params.range.start, res.encoding)
    end = offset_at(doc, params.range.end, res.encoding)
    only = [getattr(k, "value", k) for k in (params.context.only or [])]

    def wanted(kind: str) -> bool:
        return not only or any(kind == k or kind.startswith(k + ".") for k in only)

    out: list[types.CodeAction] = []
    if wanted(QUICKFIX):
        hits = [
            (d, lsp_diagnostic(doc, d, res.encoding))
            for d in res.diags
            if d.start <= end and start <= d.end
        ]
        edit = _Editor(res, uri, version, versioned)
        out += _fixes(res, hits, edit)
        out += _add_words(res, hits, uri)
        out += _fix_all_of_rule(res, hits, uri)
        out += _ignores(res, hits, edit)
    if wanted(FIX_ALL_KIND) and any(d.fix and d.fix.safe for d in res.diags):
        out.append(
            _action(
                "rolint: aplică toate corecturile sigure",
                FIX_ALL_KIND,
                data={"uri": uri, "rule": None},
            )
        )
    return out


_Hits = list[tuple[Diagnostic, types.Diagnostic]]


class _Editor:
    """Workspace edits for one document, in the style the client takes."""

    def __init__(self, res: CheckResult, uri: str, version: int | None, versioned: bool):
        self.res, self.uri, self.version, self.versioned = res, uri, version, versioned

    def __call__(self, edits: list[Edit] | tuple[Edit, ...]) -> types.WorkspaceEdit:
        return workspace_edit(self.res, self.uri, self.version, edits, self.versioned)


def _fixes(res: CheckResult, hits: _Hits, edit: _Editor) -> list[types.CodeAction]:
    """Each diagnostic's own fix (preferred when safe), then its other suggestions."""
    assert res.doc is not None
    out = []
    for d, item in hits:
        if d.fix is not None:
            title = _fix_title(res.source, d.fix.edits, d.rule)
            out.append(
                _action(title, QUICKFIX, item, is_preferred=d.fix.safe, edit=edit(d.fix.edits))
            )
        extra = d.replacements[1:] if d.fix is not None else d.replacements
        for rep in extra[:_MAX_SUGGESTIONS]:
            change = Edit(d.start, d.end, res.doc.escape(rep))
            out.append(
                _action(f"Înlocuiește cu „{_short(rep)}”", QUICKFIX, item, edit=edit([change]))
            )
    return out


def _add_words(res: CheckResult, hits: _Hits, uri: str) -> list[types.CodeAction]:
    out, seen = [], set()
    for d, item in hits:
        word = _word_of(res, d)
        if word and word not in seen:
            seen.add(word)
            title = f"Adaugă „{_short(word)}” în vocabularul proiectului"
            command = types.Command(title=title, command=ADD_WORD_COMMAND, arguments=[uri, word])
            out.append(_action(title, QUICKFIX, item, command=command))
    return out


def _fix_all_of_rule(res: CheckResult, hits: _Hits, uri: str) -> list[types.CodeAction]:
    out = []
    for rule in dict.fromkeys(d.rule for d, _ in hits):
        count = sum(1 for d in res.diags if d.rule == rule and d.fix and d.fix.safe)
        if count >= 2:
            title = f"Corectează toate cele {count} probleme {rule} din document"
            out.append(_action(title, QUICKFIX, data={"uri": uri, "rule": rule}))
    return out


def _ignores(res: CheckResult, hits: _Hits, edit: _Editor) -> list[types.CodeAction]:
    assert res.doc is not None
    out, seen = [], set()
    for d, item in hits:
        key = (d.rule, res.doc.lines.line_of(d.start))
        if key in seen:
            continue
        seen.add(key)
        change = _ignore_edit(res, d.rule, d.start)
        out.append(_action(f"Ignoră {d.rule} pe acest rând", QUICKFIX, item, edit=edit([change])))
    return out


def hover(res: CheckResult, offset: int, markdown: bool) -> types.Hover | None:
    """The explanation (as ``rolint explain`` prints it) of the diagnostics at ``offset``."""
    hits = [d for d in res.diags if d.start <= offset < d.end or d.start == d.end == offset]
    if not hits:
        return None
    parts = []
    for rule in dict.fromkeys(d.rule for d in hits):
        message = next(d.message for d in hits if d.rule == rule)
        text = explain_text(rule) or ""
        if markdown:
            parts.append(f"**{rule}** — {message}\n\n```text\n{text}\n```")
        else:
            parts.append(f"{rule}: {message}\n\n{text}")
    kind = types.MarkupKind.Markdown if markdown else types.MarkupKind.PlainText
    first = hits[0]
    assert res.doc is not None
    return types.Hover(
        contents=types.MarkupContent(kind=kind, value="\n\n".join(parts)),
        range=lsp_range(res.doc, first.start, first.end, res.encoding),
    )
