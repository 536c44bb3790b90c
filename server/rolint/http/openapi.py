"""The OpenAPI 3.1 description served at ``/openapi.json``, built from the same schemas
that validate requests (:mod:`rolint.http.schemas`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rolint import __version__

from . import schemas
from .problems import MEDIA_TYPE

if TYPE_CHECKING:
    from .service import Service

_ERRORS = {
    "400": "Invalid JSON or UTF-8",
    "401": "Missing or wrong token, or a bad signature",
    "413": "Body over the size limit",
    "415": "Content-Type is not application/json",
    "422": "The JSON does not match the schema",
    "429": "Queue full; see Retry-After",
}


def _json(schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _problem(description: str) -> dict[str, Any]:
    return {"description": description, "content": {MEDIA_TYPE: {"schema": schemas.PROBLEM}}}


def _html(description: str) -> dict[str, Any]:
    return {"description": description, "content": {"text/html": {"schema": {"type": "string"}}}}


_SIGNED = [
    {"name": name, "in": "header", "required": True, "schema": {"type": "string"}}
    for name in ("webhook-id", "webhook-timestamp", "webhook-signature")
]


def _post(
    summary: str, request: dict[str, Any], response: dict[str, Any], token: bool, signed: bool
) -> dict[str, Any]:
    responses: dict[str, Any] = {"200": _json(response, "The check ran")}
    responses.update({code: _problem(text) for code, text in _ERRORS.items()})
    # security as this server applies it: a bearer token only when one is configured
    return {
        "post": {
            "summary": summary,
            "security": [{"bearer": []}] if token else [],
            "parameters": _SIGNED if signed else [],
            "requestBody": {"required": True, "content": {"application/json": {"schema": request}}},
            "responses": responses,
        }
    }


def _status(extra: dict[str, Any] | None = None) -> dict[str, Any]:
    schema = {
        "type": "object",
        "required": ["status"],
        "properties": {"status": {"type": "string"}},
    }
    responses = {"200": _json(schema, "OK"), **(extra or {})}
    return {"get": {"responses": responses}}


def document(service: Service) -> dict[str, Any]:
    limit = service.settings.max_field_chars
    token = service.auth.token is not None
    signed = service.auth.hmac_key is not None  # Standard Webhooks headers required
    rule_params = [
        {"name": n, "in": "path", "required": True, "schema": {"type": "string"}}
        for n in ("family", "name")
    ]
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "rolint serve",
            "version": __version__,
            "description": "Pre-publication check of Romanian news copy (see DESIGN.md).",
        },
        "components": {"securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}}},
        "paths": {
            "/v1/check": _post(
                "Check an article and give a verdict",
                schemas.request_schema(limit),
                schemas.CHECK_RESPONSE,
                token,
                signed,
            ),
            "/v1/fix": _post(
                "Apply the safe fixes to every field",
                schemas.request_schema(limit, fix=True),
                schemas.FIX_RESPONSE,
                token,
                signed,
            ),
            "/v1/rules": {"get": {"responses": {"200": _json(schemas.RULES_RESPONSE, "Rules")}}},
            "/v1/rules/{family}/{name}": {
                "get": {
                    "parameters": rule_params,
                    "responses": {"200": _html("Rule page"), "404": _problem("Unknown rule")},
                }
            },
            "/livez": _status(),
            "/healthz": _status(),
            "/readyz": _status({"503": _json({"type": "object"}, "Starting or draining")}),
            "/metrics": {
                "get": {
                    "responses": {
                        "200": {
                            "description": "Prometheus text format",
                            "content": {"text/plain": {"schema": {"type": "string"}}},
                        }
                    }
                }
            },
            "/": {"get": {"responses": {"200": _html("The reference editor page")}}},
        },
    }
