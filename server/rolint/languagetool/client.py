"""Requests to one LanguageTool server, through language-tool-python.

language-tool-python builds the request (language, disabled rules and categories,
picky level) and does the HTTP call; rolint reads the raw JSON matches itself rather
than its ``Match`` objects, because those leave ``error_length`` in UTF-16 units and
convert offsets through a class-level cache that is not thread-safe (rolint sends
paragraphs from several threads). :mod:`rolint.languagetool.annotate` converts.
"""

from __future__ import annotations

import json
import urllib.parse
from typing import Any

import language_tool_python
from language_tool_python.exceptions import LanguageToolError

from rolint.languagetool.settings import LTSettings

LANGUAGE = "ro-RO"


class RequestFailed(RuntimeError):
    """The server did not answer in time, refused, or answered nonsense."""


class _Tool(language_tool_python.LanguageTool):
    # The constructor asks /v2/languages with the class timeout (300 s upstream): a
    # hung server must not hang rolint for five minutes before the first request.
    _TIMEOUT = 10  # type: ignore[assignment]


class Client:
    """A connection to the server at ``url`` with the settings' rule selection."""

    def __init__(self, url: str, settings: LTSettings) -> None:
        try:
            self.tool = _Tool(LANGUAGE, remote_server=url)
        except (LanguageToolError, OSError, ValueError) as exc:
            raise RequestFailed(_reason(exc)) from exc
        self.tool._TIMEOUT = settings.timeout  # type: ignore[misc,assignment]
        self.tool.disabled_rules = set(settings.disabled_rules)
        self.tool.disabled_categories = set(settings.disabled_categories)
        self.tool.picky = settings.picky
        self.url = url

    def check(self, text: str | None = None, annotation: list[dict[str, str]] | None = None):  # type: ignore[no-untyped-def]
        """Raw matches for plain ``text`` or for annotated text (a list of text/markup)."""
        params = self.tool._create_params(text or "")
        if annotation is not None:
            del params["text"]
            params["data"] = json.dumps({"annotation": annotation}, ensure_ascii=False)
        url = urllib.parse.urljoin(self.tool._url, "check")
        try:
            answer: Any = self.tool._query_server(url, params, num_tries=1, method="post")
        except (LanguageToolError, OSError, ValueError) as exc:
            raise RequestFailed(_reason(exc)) from exc
        if not isinstance(answer, dict) or not isinstance(answer.get("matches"), list):
            raise RequestFailed("răspuns neașteptat de la server")
        return answer["matches"]


def _reason(exc: BaseException) -> str:
    text = str(exc)
    low = text.lower()
    if "timed out" in low or "timeout" in low:
        return "serverul nu a răspuns la timp"
    if "refused" in low or "max retries" in low or "connection" in low:
        return "serverul nu răspunde (conexiune refuzată)"
    return text.splitlines()[0][:200] if text else type(exc).__name__
