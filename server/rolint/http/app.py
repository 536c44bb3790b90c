"""The ASGI application: routes of the HTTP door (contract in DESIGN.md).

Order of the gates for ``POST /v1/check`` and ``/v1/fix``: body limit (middleware, before
anything is read) → bearer token → content type → body → signature → UTF-8 → JSON →
schema → queue → check. Each refusal is problem+json with its own status; nothing a
client sends can make the server answer 5xx or show a traceback.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
import uuid
from collections.abc import AsyncIterator
from importlib import resources
from typing import Any

import orjson
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from . import checks, logs, openapi, pages
from .access import AccessLog
from .auth import bearer_ok, signature_problem
from .limits import BodyLimit, BodyTooLarge
from .problems import problem
from .schemas import Validator, request_schema
from .service import Busy, Service


class Refused(Exception):
    """A request refused before the check: carries its problem response."""

    def __init__(self, response: Response) -> None:
        super().__init__(response.status_code)
        self.response = response


class FastJSON(JSONResponse):
    """JSON encoded by orjson: a check answer with a hundred findings is ~60 KB, and the
    standard encoder costs a tenth of a check's time on it."""

    def render(self, content: Any) -> bytes:
        return orjson.dumps(content)


def _service(request: Request) -> Service:
    return request.app.state.service  # type: ignore[no-any-return]


def _note(request: Request, **fields: Any) -> None:
    """Fields for this request's log line (see :class:`AccessLog`)."""
    request.scope.setdefault("state", {}).setdefault("log", {}).update(fields)


def _authorize(request: Request, service: Service) -> None:
    token = service.auth.token
    if token is not None and not bearer_ok(request.headers.get("authorization"), token):
        raise Refused(
            problem(
                401,
                "Neautorizat",
                "lipsește sau e greșit tokenul (Authorization: Bearer …)",
                headers={"WWW-Authenticate": 'Bearer realm="rolint"'},
            )
        )


def _media_type_ok(request: Request) -> bool:
    raw = request.headers.get("content-type", "")
    media, _, params = raw.partition(";")
    if media.strip().lower() != "application/json":
        return False
    for param in params.split(";"):
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset" and value.strip().strip('"').lower() not in (
            "utf-8",
            "utf8",
        ):
            return False
    return True


async def _json_body(request: Request, service: Service) -> Any:
    """The request's JSON value, or :class:`Refused` with 413/415/401/400."""
    if not _media_type_ok(request):
        raise Refused(
            problem(415, "Tip de conținut nesuportat", "trimiteți Content-Type: application/json")
        )
    try:
        body = await request.body()
    except BodyTooLarge as exc:
        raise Refused(
            problem(413, "Cerere prea mare", f"corpul depășește {exc.limit} octeți")
        ) from None
    if service.auth.hmac_key is not None:
        why = signature_problem(
            service.auth.hmac_key, request.headers, body, seen=service.auth.seen
        )
        if why is not None:
            raise Refused(problem(401, "Semnătură refuzată", why))
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise Refused(
            problem(400, "Corp invalid", f"nu este UTF-8 valid (octetul {exc.start})")
        ) from None
    try:
        return json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise Refused(problem(400, "JSON invalid", f"JSON invalid: {exc}")) from None


def _validated(value: Any, validator: Validator) -> dict[str, Any]:
    errors = validator.errors(value)
    if errors:
        detail = f"{errors[0]['pointer'] or '/'}: {errors[0]['detail']}"
        raise Refused(problem(422, "Cerere invalidă", detail, errors=errors))
    assert isinstance(value, dict)
    return value


async def _request(request: Request, validator: Validator) -> dict[str, Any]:
    service = _service(request)
    _authorize(request, service)
    value = _validated(await _json_body(request, service), validator)
    doc = value.get("document", {})
    _note(request, document_id=doc.get("id"), revision=doc.get("revision"))
    return value


def _busy(exc: Busy) -> Response:
    return problem(
        429,
        "Serviciu ocupat",
        "prea multe verificări în așteptare; reîncercați",
        headers={"Retry-After": str(exc.retry_after)},
    )


def _base_url(request: Request) -> str:
    return str(request.base_url).rstrip("/")


async def post_check(request: Request) -> Response:
    service = _service(request)
    start = time.perf_counter()
    try:
        value = await _request(request, request.app.state.check_validator)
        found = await service.check(value["fields"], value.get("position_encoding", "utf-16"))
    except Refused as exc:
        return exc.response
    except Busy as exc:
        return _busy(exc)
    check_id = uuid.uuid4().hex
    body = checks.answer(
        found, value, service.policy, check_id, service.ruleset, _base_url(request)
    )
    if body["overridden"]:
        _audit(service, value, body)
    service.metrics.checks.labels(body["verdict"]).inc()
    service.metrics.check_seconds.labels("check").observe(time.perf_counter() - start)
    _note(request, check_id=check_id, verdict=body["verdict"], complete=body["complete"])
    return FastJSON(body)


def _audit(service: Service, value: dict[str, Any], body: dict[str, Any]) -> None:
    """One audit line and one metric sample per blocking rule lifted by an override."""
    rules = checks.blocking_rules(body)
    for rule in rules:
        service.metrics.overrides.labels(rule).inc()
    doc = value.get("document", {})
    logs.event(
        "override",
        user=value["override"]["user"],
        reason=value["override"]["reason"],
        document_id=doc.get("id"),
        revision=doc.get("revision"),
        check_id=body["check_id"],
        content_hash=body["content_hash"],
        ruleset=body["ruleset"],
        rules=rules,
    )


async def post_fix(request: Request) -> Response:
    service = _service(request)
    start = time.perf_counter()
    try:
        value = await _request(request, request.app.state.fix_validator)
        fields = await service.run(
            checks.fixed_fields,
            value["fields"],
            service.cfg,
            bool(value.get("unsafe", False)),
            value.get("position_encoding", "utf-16"),
        )
    except Refused as exc:
        return exc.response
    except Busy as exc:
        return _busy(exc)
    service.metrics.check_seconds.labels("fix").observe(time.perf_counter() - start)
    return FastJSON(
        {
            "version": 1,
            "check_id": uuid.uuid4().hex,
            "content_hash": checks.content_hash(value["fields"]),
            "ruleset": service.ruleset,
            "fields": fields,
        }
    )


async def get_rules(request: Request) -> Response:
    return JSONResponse(pages.rules_json(_service(request), _base_url(request)))


async def get_rule_doc(request: Request) -> Response:
    rule = f"{request.path_params['family']}/{request.path_params['name']}"
    page = pages.rule_page(rule)
    if page is None:
        return problem(404, "Regulă necunoscută", f"nu există regula {rule}")
    return HTMLResponse(page)


async def livez(request: Request) -> Response:
    return JSONResponse({"status": "ok"})


async def readyz(request: Request) -> Response:
    service = _service(request)
    if service.draining:
        return JSONResponse({"status": "draining"}, status_code=503)
    if service.failure is not None:
        return JSONResponse({"status": "failed", "error": service.failure}, status_code=503)
    if not service.ready:
        return JSONResponse({"status": "starting"}, status_code=503)
    return JSONResponse({"status": "ready", "ruleset": service.ruleset})


async def metrics(request: Request) -> Response:
    data, media = _service(request).metrics.exposition()
    return Response(data, media_type=media)


async def openapi_json(request: Request) -> Response:
    return JSONResponse(request.app.state.openapi)


async def index(request: Request) -> Response:
    page = resources.files("rolint.http").joinpath("static/index.html").read_text("utf-8")
    return HTMLResponse(page, headers=_PAGE_HEADERS)


# The page loads nothing but its own script and style, and talks only to this server.
_PAGE_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
}


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    titles = {404: "Negăsit", 405: "Metodă nepermisă"}
    headers = dict(exc.headers or {})
    return problem(
        exc.status_code, titles.get(exc.status_code, "Eroare"), str(exc.detail), headers=headers
    )


async def _server_error(request: Request, exc: Exception) -> Response:
    """A bug of ours: logged with its traceback on stderr, answered without it."""
    logs.event("error", path=request.url.path, error=f"{type(exc).__name__}: {exc}")
    return problem(500, "Eroare internă", "eroare internă a serverului; vedeți jurnalul")


ROUTES = [
    Route("/v1/check", post_check, methods=["POST"]),
    Route("/v1/fix", post_fix, methods=["POST"]),
    Route("/v1/rules", get_rules, methods=["GET"]),
    Route("/v1/rules/{family}/{name}", get_rule_doc, methods=["GET"]),
    Route("/livez", livez, methods=["GET"]),
    Route("/healthz", livez, methods=["GET"]),
    Route("/readyz", readyz, methods=["GET"]),
    Route("/metrics", metrics, methods=["GET"]),
    Route("/openapi.json", openapi_json, methods=["GET"]),
    Route("/", index, methods=["GET"]),
    Mount("/static", StaticFiles(packages=[("rolint.http", "static")]), name="static"),
]


def create_app(service: Service | None = None) -> Any:
    """The ASGI app for ``service`` (default: configuration from ``ROLINT_SERVE_CONFIG``
    or the working folder, auth from the environment)."""
    if service is None:
        from .serve import service_from_env

        service = service_from_env()
    logs.setup()

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        from .serve import install_drain

        install_drain(service)
        warm = asyncio.create_task(service.warm_up())
        try:
            yield
        finally:
            warm.cancel()
            await asyncio.get_running_loop().run_in_executor(None, service.close)

    app = Starlette(
        routes=ROUTES,
        lifespan=lifespan,
        exception_handlers={HTTPException: _http_error, Exception: _server_error},
    )
    app.state.service = service
    limit = service.settings.max_field_chars
    app.state.check_validator = Validator(request_schema(limit))
    app.state.fix_validator = Validator(request_schema(limit, fix=True))
    app.state.openapi = openapi.document(service)
    # the access log outermost: requests refused by the body limit are logged and counted too
    return AccessLog(BodyLimit(app, service.settings.body_limit), service.metrics)
