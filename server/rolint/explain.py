"""Rule documentation as people read it: `rolint explain`, editor hovers, SARIF help."""

from __future__ import annotations


def explain_text(rule_id: str) -> str | None:
    """The rule's documentation as shown by ``rolint explain`` and in editor hovers."""
    from rolint import registry

    cls = registry.rule_classes().get(rule_id)
    if cls is None:
        return None
    lines = [
        f"{rule_id} — {cls.doc.summary}",
        "",
        "Ce face",
        f"  {cls.doc.what}",
        "",
        "De ce",
        f"  {cls.doc.why}",
        "",
    ]
    bad = [e for e in cls.examples if e.bad]
    good = [e for e in cls.examples if not e.bad]
    if bad:
        lines.append("Greșit")
        lines.extend(f"  {e.text}" for e in bad[:3])
        lines.append("")
    fixed = [e.fixed for e in bad if e.fixed] or [e.text for e in good]
    if fixed:
        lines.append("Corect")
        lines.extend(f"  {t}" for t in fixed[:3])
        lines.append("")
    lines += [
        "Corectare",
        f"  {cls.doc.fix_safety}",
        "",
        f"Severitate implicită: {cls.severity.label}",
    ]
    return "\n".join(lines)
