"""A loopback fake of the MediaWiki Action API (``/w/api.php``) for tests: aiohttp in a thread.

It answers the calls the Wikipedia docstore makes, over authored pages: ``meta=siteinfo``,
``list=search`` (with ``srinfo=suggestion``), ``prop=info|pageprops`` (with ``redirects``,
missing pages, disambiguation pages, first-letter normalisation) and
``prop=extracts|revisions&explaintext``. Every request's parameters are logged.

    with FakeMediaWiki(pages={"Milhouse": "Milhouse is ...\\n\\n\\n== Name ==\\nNamed after ..."},
                       redirects={"Milhouse Van Houten": "Milhouse"}) as wiki:
        ... wiki.url ... wiki.requests
"""

from __future__ import annotations

from typing import Any

from aiohttp import web

from tests.fakes.loopback import LoopbackServer


def _normalize(title: str) -> str:
    title = " ".join(title.replace("_", " ").split())
    return title[:1].upper() + title[1:]


class FakeMediaWiki(LoopbackServer):
    def __init__(self, pages: dict[str, str], *, redirects: dict[str, str] | None = None,
                 disambiguation: dict[str, str] | None = None, suggestions: dict[str, str] | None = None):
        super().__init__()
        self.pages = dict(pages)
        self.redirects = dict(redirects or {})
        self.disambiguation = dict(disambiguation or {})
        self.suggestions = dict(suggestions or {})
        self.requests: list[dict[str, str]] = []
        self.down = False
        self._ids = {t: str(100 + i) for i, t in enumerate([*self.pages, *self.disambiguation])}

    # -- lifecycle --------------------------------------------------------------------------------
    thread_name = "fake-mediawiki"

    def routes(self, app: web.Application) -> None:
        app.router.add_get("/w/api.php", self._api)

    @property
    def url(self) -> str:
        return f"{self.base}/w/api.php" if self.base else ""

    # -- the API ----------------------------------------------------------------------------------
    async def _api(self, request: web.Request) -> web.Response:
        params = dict(request.query)
        self.requests.append(params)
        if self.down:
            return web.Response(status=503, text="down")
        return web.json_response(self.answer(params))

    def answer(self, p: dict[str, str]) -> dict[str, Any]:
        if p.get("format") != "json" or p.get("action") != "query":
            return {"error": {"code": "badparams", "info": "only action=query&format=json"}}
        if p.get("meta") == "siteinfo":
            return {"query": {"general": {"sitename": "FakeWiki"}}}
        if p.get("list") == "search":
            return {"query": self._search(p)}
        if p.get("prop") == "info|pageprops":
            return {"query": self._info(p["titles"])}
        if p.get("prop") == "extracts|revisions":
            title = _normalize(p["titles"])
            pid = self._ids.get(title)
            if pid is None or title not in self.pages:
                return {"query": {"pages": {"-1": {"ns": 0, "title": title, "missing": ""}}}}
            return {"query": {"pages": {pid: {"pageid": int(pid), "ns": 0, "title": title, "extract": self.pages[title],
                                              "revisions": [{"revid": int(pid) * 10, "parentid": 0}]}}}}
        return {"error": {"code": "unknown", "info": f"unsupported request {sorted(p)}"}}

    def _search(self, p: dict[str, str]) -> dict[str, Any]:
        query = p["srsearch"]
        limit = int(p.get("srlimit", 10))
        words = [w for w in query.lower().split() if w]
        titles = [*self.pages, *self.redirects, *self.disambiguation]
        exact = [t for t in titles if t.lower() == query.lower()]
        scored = sorted(
            (t for t in titles if t not in exact and any(w in t.lower() or w in self.pages.get(t, "").lower() for w in words)),
            key=lambda t: -sum(w in t.lower() for w in words),
        )
        out: dict[str, Any] = {"search": [{"ns": 0, "title": t} for t in (exact + scored)[:limit]]}
        if p.get("srinfo") == "suggestion":
            out["searchinfo"] = {"suggestion": self.suggestions[query]} if query in self.suggestions else {}
        return out

    def _info(self, raw: str) -> dict[str, Any]:
        title = _normalize(raw)
        query: dict[str, Any] = {}
        if title != raw:
            query["normalized"] = [{"from": raw, "to": title}]
        if title in self.redirects:
            query["redirects"] = [{"from": title, "to": self.redirects[title]}]
            title = self.redirects[title]
        pid = self._ids.get(title)
        if pid is None:
            query["pages"] = {"-1": {"ns": 0, "title": title, "missing": ""}}
        else:
            page: dict[str, Any] = {"pageid": int(pid), "ns": 0, "title": title,
                                    "fullurl": f"https://fake.wiki/wiki/{title.replace(' ', '_')}"}
            if title in self.disambiguation:
                page["pageprops"] = {"disambiguation": ""}
            query["pages"] = {pid: page}
        return query
