"""Rule documentation for the HTTP door: the list of rules and one HTML page per rule
(the text of ``rolint explain``, which is also the editor hover text)."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

from rolint import config as config_mod
from rolint import registry
from rolint.explain import explain_text

if TYPE_CHECKING:
    from .service import Service

_PAGE = """<!doctype html>
<html lang="ro"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} — rolint</title>
<link rel="stylesheet" href="/static/style.css"></head>
<body class="rule-doc"><main>
<p><a href="/">← rolint</a></p>
<h1><code>{rule}</code></h1>
<pre class="explain">{text}</pre>
</main></body></html>
"""


def rules_json(service: Service, base_url: str) -> dict[str, Any]:
    enabled = config_mod.effective_rules(service.cfg.rules_for(None))
    rules = []
    for rule_id, cls in registry.rule_classes().items():
        severity = enabled.get(rule_id, cls.severity)
        rules.append(
            {
                "id": rule_id,
                "family": rule_id.split("/", 1)[0],
                "severity": severity.label,
                "enabled": rule_id in enabled,
                "summary": cls.doc.summary,
                "url": f"{base_url}/v1/rules/{rule_id}",
            }
        )
    return {"version": 1, "ruleset": service.ruleset, "rules": rules}


def rule_page(rule_id: str) -> str | None:
    """The rule's documentation page, or None for an unknown rule."""
    text = explain_text(rule_id)
    if text is None:
        return None
    summary = text.split("\n", 1)[0]
    return _PAGE.format(
        title=html.escape(summary), rule=html.escape(rule_id), text=html.escape(text)
    )
