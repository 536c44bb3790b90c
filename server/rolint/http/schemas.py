"""JSON Schemas of the HTTP API: one source for validating requests and for /openapi.json.

Requests are validated with these very schemas (jsonschema, draft 2020-12, the dialect of
OpenAPI 3.1), so the published description cannot drift from what the server accepts.
Validation errors become Romanian messages with a JSON pointer to the bad value.
"""

from __future__ import annotations

from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

MAX_FIELDS = 50
MAX_IGNORE = 10_000
FORMATS = ["text", "markdown", "html"]
ENCODINGS = ["utf-16", "utf-8", "utf-32"]
SEVERITIES = ["error", "warning", "info", "hint"]
VERDICTS = ["publish", "warn", "block"]


def _short(max_length: int) -> dict[str, Any]:
    return {"type": "string", "maxLength": max_length}


def request_schema(max_field_chars: int, fix: bool = False) -> dict[str, Any]:
    """The body of ``POST /v1/check`` (``fix``: of ``POST /v1/fix``, which adds ``unsafe``)."""
    props: dict[str, Any] = {
        "document": {
            "type": "object",
            "description": "Which article this is (for logs, audit and metrics); all optional.",
            "additionalProperties": False,
            "properties": {
                "id": {"type": ["string", "integer"], "maxLength": 200},
                "revision": {"type": ["string", "integer"], "maxLength": 200},
                "type": _short(100),
                "status": _short(100),
            },
        },
        "fields": {
            "type": "array",
            "minItems": 1,
            "maxItems": MAX_FIELDS,
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["name", "format", "content"],
                "properties": {
                    "name": {"type": "string", "minLength": 1, "maxLength": 100},
                    "format": {"enum": FORMATS},
                    "content": {"type": "string", "maxLength": max_field_chars},
                },
            },
        },
        "ignore": {
            "type": "array",
            "maxItems": MAX_IGNORE,
            "description": "Fingerprints of findings dismissed on this document.",
            "items": _short(200),
        },
        "override": {
            "type": "object",
            "description": "Publish despite blocking findings; recorded in the audit log.",
            "additionalProperties": False,
            "required": ["user", "reason"],
            "properties": {
                "user": {"type": "string", "minLength": 1, "maxLength": 200},
                "reason": {"type": "string", "minLength": 1, "maxLength": 2000},
            },
        },
        "position_encoding": {"enum": ENCODINGS, "default": "utf-16"},
    }
    if fix:
        props["unsafe"] = {"type": "boolean", "default": False}
    return {
        "type": "object",
        "additionalProperties": False,
        "required": ["fields"],
        "properties": props,
    }


_POSITION = {
    "type": "object",
    "required": ["line", "character"],
    "properties": {
        "line": {"type": "integer", "minimum": 0},
        "character": {"type": "integer", "minimum": 0},
    },
}
_RANGE = {
    "type": "object",
    "required": ["start", "end"],
    "properties": {"start": _POSITION, "end": _POSITION},
}
_EDIT = {
    "type": "object",
    "required": ["range", "offset", "length", "text"],
    "properties": {
        "range": _RANGE,
        "offset": {"type": "integer", "minimum": 0},
        "length": {"type": "integer", "minimum": 0},
        "text": {"type": "string"},
    },
}
DIAGNOSTIC = {
    "type": "object",
    "required": [
        "rule",
        "severity",
        "message",
        "range",
        "offset",
        "length",
        "replacements",
        "fingerprint",
        "blocking",
        "url",
    ],
    "properties": {
        "rule": {"type": "string"},
        "severity": {"enum": SEVERITIES},
        "message": {"type": "string"},
        "range": _RANGE,
        "offset": {"type": "integer", "minimum": 0},
        "length": {"type": "integer", "minimum": 0},
        "replacements": {"type": "array", "items": {"type": "string"}},
        "fix": {
            "type": "object",
            "required": ["safe", "edits"],
            "properties": {"safe": {"type": "boolean"}, "edits": {"type": "array", "items": _EDIT}},
        },
        "fingerprint": {"type": "string"},
        "blocking": {"type": "boolean"},
        "url": {"type": "string"},
    },
}
_HEAD = {
    "version": {"const": 1},
    "check_id": {"type": "string"},
    "content_hash": {"type": "string", "pattern": "^sha256:[0-9a-f]{64}$"},
    "ruleset": {"type": "string"},
}
CHECK_RESPONSE = {
    "type": "object",
    "required": [
        *_HEAD,
        "verdict",
        "overridden",
        "reasons",
        "counts",
        "complete",
        "incomplete_reason",
        "fields",
    ],
    "properties": {
        **_HEAD,
        "verdict": {"enum": VERDICTS},
        "overridden": {"type": "boolean"},
        "reasons": {"type": "array", "items": {"type": "string"}},
        "counts": {
            "type": "object",
            "required": SEVERITIES,
            "properties": {s: {"type": "integer", "minimum": 0} for s in SEVERITIES},
        },
        "ignored": {"type": "integer", "minimum": 0},
        "complete": {"type": "boolean"},
        "incomplete_reason": {"type": ["string", "null"]},
        "fields": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["name", "diagnostics"],
                "properties": {
                    "name": {"type": "string"},
                    "diagnostics": {"type": "array", "items": DIAGNOSTIC},
                },
            },
        },
    },
}
FIX_RESPONSE = {
    "type": "object",
    "required": [*_HEAD, "fields"],
    "properties": {
        **_HEAD,
        "fields": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["name", "format", "content", "changed", "applied", "edits"],
                "properties": {
                    "name": {"type": "string"},
                    "format": {"enum": FORMATS},
                    "content": {"type": "string"},
                    "changed": {"type": "boolean"},
                    "applied": {"type": "integer", "minimum": 0},
                    "edits": {"type": "array", "items": _EDIT},
                },
            },
        },
    },
}
PROBLEM = {
    "type": "object",
    "required": ["type", "title", "status"],
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "errors": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["pointer", "detail"],
                "properties": {"pointer": {"type": "string"}, "detail": {"type": "string"}},
            },
        },
    },
}
RULES_RESPONSE = {
    "type": "object",
    "required": ["version", "ruleset", "rules"],
    "properties": {
        "version": {"const": 1},
        "ruleset": {"type": "string"},
        "rules": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["id", "family", "severity", "enabled", "summary", "url"],
                "properties": {
                    "id": {"type": "string"},
                    "family": {"type": "string"},
                    "severity": {"enum": SEVERITIES},
                    "enabled": {"type": "boolean"},
                    "summary": {"type": "string"},
                    "url": {"type": "string"},
                },
            },
        },
    },
}


class Validator:
    """A compiled request schema that reports errors in Romanian with JSON pointers."""

    def __init__(self, schema: dict[str, Any]) -> None:
        self._validator = Draft202012Validator(schema)

    def errors(self, value: Any) -> list[dict[str, str]]:
        found = sorted(self._validator.iter_errors(value), key=lambda e: list(e.absolute_path))
        out = [{"pointer": _pointer(e.absolute_path), "detail": _message(e)} for e in found[:20]]
        if not out:
            out = _unicode_errors(value)
        return out


def _pointer(path: Any) -> str:
    parts = [str(p).replace("~", "~0").replace("/", "~1") for p in path]
    return "/" + "/".join(parts) if parts else ""


_TYPES = {
    "object": "un obiect",
    "array": "o listă",
    "string": "un șir",
    "integer": "un număr întreg",
    "boolean": "true sau false",
}


def _message(e: ValidationError) -> str:
    """A Romanian message for one schema violation."""
    kind, v = e.validator, e.validator_value
    if kind == "required":
        missing = [k for k in v if isinstance(e.instance, dict) and k not in e.instance]
        return f"lipsește câmpul obligatoriu „{missing[0] if missing else v[0]}”"
    if kind == "additionalProperties":
        known = e.schema.get("properties", {})
        extra = [k for k in e.instance if k not in known]
        return f"câmp necunoscut „{extra[0] if extra else '?'}”"
    if kind == "type":
        names = v if isinstance(v, list) else [v]
        return "trebuie să fie " + " sau ".join(_TYPES.get(str(n), str(n)) for n in names)
    if kind == "enum":
        return "trebuie să fie unul din: " + ", ".join(str(x) for x in v)
    if kind == "minItems":
        return f"trebuie să aibă cel puțin {v} elemente"
    if kind == "maxItems":
        return f"sunt permise cel mult {v} elemente"
    if kind == "minLength":
        return "nu poate fi gol"
    if kind == "maxLength":
        return f"prea lung (cel mult {v} caractere)"
    return f"valoare invalidă ({kind})"


def _unicode_errors(value: Any, path: tuple[Any, ...] = ()) -> list[dict[str, str]]:
    """Strings with lone surrogates (``"\\ud800"`` in JSON): valid JSON, not valid text."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return [{"pointer": _pointer(path), "detail": "text Unicode invalid (surogat izolat)"}]
        return []
    if not isinstance(value, dict | list):
        return []
    items: Any = value.items() if isinstance(value, dict) else enumerate(value)
    out: list[dict[str, str]] = []
    for key, item in items:
        out.extend(_unicode_errors(item, (*path, key)))
    return out[:20]
