"""ReWOO's internet tools with their real backends (keys from the environment, as upstream's
``keys/`` files set them) and the offline stand-ins used without a key.

``Google[query]``: LangChain's ``GoogleSerperAPIWrapper`` (langchain 0.0.187), i.e. the Serper
API: ``POST <serper_url>/search`` with the query string ``q, gl=us, hl=en, num=10`` and the
``X-API-KEY`` header (``SERPER_API_KEY``). The answer text is the wrapper's: an answer box's
answer, else its snippet (newlines as spaces), else its highlighted snippets; otherwise the
knowledge graph's ``title: type.``, description and ``title attribute: value.`` lines, then each
organic result's snippet and ``attribute: value.`` lines, joined by spaces; nothing at all:
``No good Google Search Result was found``.

``WolframAlpha[input]``: ReWOO's ``CustomWolframAlphaAPITool`` over the Full Results API
(``WOLFRAM_ALPHA_APPID``): the first pod that is primary or titled ``Result``, its first
subpod's plain text; none: ``Wolfram Alpha wasn't able to answer it``; empty: ``No good Wolfram
Alpha Result was found``; the worker strips ``Answer:``. (Upstream reads the XML answer through
the ``wolframalpha`` package; the JSON output carries the same pods.)

Transport failures and HTTP errors raise :class:`ToolUnavailable` (an environment failure).
"""

from __future__ import annotations

import os
from typing import Any

import httpx

SERPER_URL = "https://google.serper.dev"
WOLFRAM_URL = "https://api.wolframalpha.com/v2/query"
SERPER_KEY_ENV = "SERPER_API_KEY"
WOLFRAM_KEY_ENV = "WOLFRAM_ALPHA_APPID"
NO_GOOGLE_RESULT = "No good Google Search Result was found"
WOLFRAM_NO_ANSWER = "Wolfram Alpha wasn't able to answer it"
WOLFRAM_EMPTY = "No good Wolfram Alpha Result was found"


class ToolUnavailable(RuntimeError):
    """A tool's API could not be reached or refused the request."""


def has_key(env_name: str) -> bool:
    return bool(os.environ.get(env_name))


def serper_text(results: dict[str, Any], k: int = 10) -> str:
    """``GoogleSerperAPIWrapper._parse_results`` of one Serper answer."""
    box = results.get("answerBox")
    if box:
        if box.get("answer"):
            return str(box["answer"])
        if box.get("snippet"):
            return str(box["snippet"]).replace("\n", " ")
        if box.get("snippetHighlighted"):
            return " ".join(str(s) for s in box["snippetHighlighted"])
    snippets: list[str] = []
    kg = results.get("knowledgeGraph")
    if kg:
        title = kg.get("title")
        if kg.get("type"):
            snippets.append(f"{title}: {kg['type']}.")
        if kg.get("description"):
            snippets.append(str(kg["description"]))
        for attribute, value in (kg.get("attributes") or {}).items():
            snippets.append(f"{title} {attribute}: {value}.")
    for result in (results.get("organic") or [])[:k]:
        if "snippet" in result:
            snippets.append(str(result["snippet"]))
        for attribute, value in (result.get("attributes") or {}).items():
            snippets.append(f"{attribute}: {value}.")
    return " ".join(snippets) if snippets else NO_GOOGLE_RESULT


def wolfram_text(answer: dict[str, Any]) -> str:
    """``CustomWolframAlphaAPITool.run`` of one Full Results API answer (JSON output)."""
    pods = (answer.get("queryresult") or {}).get("pods") or []
    for pod in pods:
        if pod.get("primary") or pod.get("title") == "Result":
            subpods = pod.get("subpods") or [{}]
            text = subpods[0].get("plaintext")
            if not text:
                return WOLFRAM_EMPTY
            return f"Answer: {text}"
    return WOLFRAM_NO_ANSWER


class WebTools:
    """The two internet tools of one run (one HTTP client, thread-safe)."""

    def __init__(self, serper_url: str = SERPER_URL, wolfram_url: str = WOLFRAM_URL, timeout_s: float = 60.0):
        self.serper_url = serper_url.rstrip("/")
        self.wolfram_url = wolfram_url
        self._http = httpx.Client(timeout=httpx.Timeout(timeout_s, connect=10.0))

    def google(self, query: str) -> str:
        headers = {"X-API-KEY": os.environ.get(SERPER_KEY_ENV, ""), "Content-Type": "application/json"}
        params = {"q": query, "gl": "us", "hl": "en", "num": "10"}
        return serper_text(self._call("POST", f"{self.serper_url}/search", params, headers))

    def wolfram(self, query: str) -> str:
        params = {"input": query, "appid": os.environ.get(WOLFRAM_KEY_ENV, ""), "output": "json"}
        return wolfram_text(self._call("GET", self.wolfram_url, params, {})).replace("Answer:", "").strip()

    def _call(self, method: str, url: str, params: dict[str, str], headers: dict[str, str]) -> dict[str, Any]:
        try:
            response = self._http.request(method, url, params=params, headers=headers)
            response.raise_for_status()
            data = response.json()
        except (httpx.HTTPError, ValueError) as exc:
            raise ToolUnavailable(f"{url}: {type(exc).__name__}: {exc}") from None
        if not isinstance(data, dict):
            raise ToolUnavailable(f"{url}: the answer is not a JSON object")
        return data

    def close(self) -> None:
        self._http.close()
