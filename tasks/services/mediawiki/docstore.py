"""LangChain's ``DocstoreExplorer(Wikipedia())`` over the live MediaWiki API, as BOLAA's ReAct agent
(langchain 0.0.174) and ReWOO's Wikipedia worker (0.0.187) used it, with the ``wikipedia``
package (1.4) underneath. Our own code, reproducing the observable behaviour:

``Wikipedia.search(term)``
    ``wikipedia.page(term)`` with its defaults ``auto_suggest=True, redirect=True``: first a search
    for one result with the spelling suggestion (``list=search&srlimit=1&srinfo=suggestion``); the
    title becomes ``suggestion or results[0]`` (the package's well-known quirk: a suggestion wins
    over an exact hit), none -> PageError. Then the page's info (``prop=info|pageprops``,
    ``ppprop=disambiguation``, ``redirects``): missing -> PageError; a redirect is followed (the
    page is loaded again under its target); a disambiguation page -> DisambiguationError. Else its
    plain-text extract (``prop=extracts|revisions&explaintext``) is the document.
    PageError and DisambiguationError become ``Could not find [term]. Similar: [...]`` with
    ``wikipedia.search(term)`` (10 titles) printed as a Python list. (Upstream also fetches the
    disambiguation page's links to build the error, which the docstore then discards; that call is
    skipped here: the observation is the same.)
``DocstoreExplorer.search``
    The document's first ``\\n\\n``-separated block (the whole lead section: TextExtracts separates
    paragraphs with single newlines and sections with blank lines).
``DocstoreExplorer.lookup``
    The next block of the last found page containing the keyword (case-insensitive):
    ``(Result i/n) ...``, ``No Results``, ``No More Results``; without a page, ValueError.

An API ``error`` answer raises :class:`WikiError` (the callers turn it into what the original
printed); transport failures raise ``WikiUnavailable`` (an environment failure).
"""

from __future__ import annotations

from typing import Any

from tasks.services.mediawiki.client import MediaWikiClient
from tasks.services.wikicorpus import LookupWithoutPage
from tasks.services.wikicorpus.corpus import LookupCursor

SIMILAR_RESULTS = 10


class WikiError(RuntimeError):
    """The API answered with an error, or an answer the ``wikipedia`` package would choke on."""


class PageError(WikiError):
    """No such page (``wikipedia.PageError``)."""


class DisambiguationError(WikiError):
    """A disambiguation page (``wikipedia.DisambiguationError``)."""


class WikipediaDocstore:
    """The ``wikipedia`` package's ``search`` and ``page(...).content`` over one client."""

    def __init__(self, client: MediaWikiClient):
        self.client = client

    def _query(self, params: dict[str, Any]) -> dict[str, Any]:
        answer = self.client.request(params)
        if "error" in answer:
            info = answer["error"].get("info", "") if isinstance(answer["error"], dict) else answer["error"]
            raise WikiError(str(info))
        if not isinstance(answer.get("query"), dict):
            raise WikiError("the API answer has no query")
        return answer["query"]

    def search_titles(self, query: str, results: int = SIMILAR_RESULTS, suggestion: bool = False) -> tuple[list[str], str | None]:
        """``wikipedia.search``: result titles and (when asked) the spelling suggestion."""
        params: dict[str, Any] = {"list": "search", "srprop": "", "srlimit": results, "limit": results, "srsearch": query}
        if suggestion:
            params["srinfo"] = "suggestion"
        answer = self._query(params)
        titles = [str(d["title"]) for d in answer.get("search", [])]
        info = answer.get("searchinfo") or {}
        return titles, (info.get("suggestion") or None) if suggestion else None

    def _resolve(self, title: str, depth: int = 0) -> tuple[str, str]:
        """``WikipediaPage.__load``: (pageid, final title) after redirects; raises Page/DisambiguationError."""
        if depth > 5:
            raise WikiError(f"redirect loop at {title!r}")
        query = self._query({"prop": "info|pageprops", "inprop": "url", "ppprop": "disambiguation", "redirects": "",
                             "titles": title})
        pages = query.get("pages") or {}
        if not pages:
            raise WikiError(f"no page record for {title!r}")
        pageid = next(iter(pages))
        page = pages[pageid]
        if "missing" in page or "invalid" in page:
            raise PageError(title)
        if "redirects" in query:
            target = query["redirects"][0].get("to")
            if not target:
                raise WikiError(f"malformed redirect for {title!r}")
            return self._resolve(str(target), depth + 1)
        if "pageprops" in page:
            raise DisambiguationError(title)
        return str(pageid), str(page.get("title", title))

    def page_content(self, term: str) -> tuple[str, str]:
        """(title, plain-text content) of ``wikipedia.page(term)``; raises Page/DisambiguationError."""
        results, suggestion = self.search_titles(term, results=1, suggestion=True)
        title = suggestion or (results[0] if results else None)
        if title is None:
            raise PageError(term)
        pageid, final_title = self._resolve(title)
        query = self._query({"prop": "extracts|revisions", "explaintext": "", "rvprop": "ids", "titles": final_title})
        try:
            extract = query["pages"][pageid]["extract"]
        except (KeyError, TypeError):
            raise WikiError(f"no extract for {final_title!r}") from None
        return final_title, str(extract)

    def search(self, term: str) -> tuple[str, str] | str:
        """LangChain ``Wikipedia.search``: (title, content) or ``Could not find [...]. Similar: [...]``."""
        try:
            return self.page_content(term)
        except (PageError, DisambiguationError):
            similar, _ = self.search_titles(term)
            return f"Could not find [{term}]. Similar: {similar}"


class ApiExplorer(LookupCursor):
    """LangChain's ``DocstoreExplorer`` over :class:`WikipediaDocstore` (one per episode)."""

    def __init__(self, docstore: WikipediaDocstore):
        self.docstore = docstore
        self.content: str | None = None
        self.title: str | None = None
        self.lookup_str = ""
        self.lookup_index = 0

    def _paragraphs(self) -> list[str]:
        if self.content is None:
            raise LookupWithoutPage("Cannot get paragraphs without a document")
        return self.content.split("\n\n")

    def search(self, term: str) -> str:
        result = self.docstore.search(term)
        if isinstance(result, tuple):
            self.title, self.content = result
            return self._paragraphs()[0]
        self.title = self.content = None
        return result

    def lookup(self, term: str) -> str:
        if self.content is None:
            raise LookupWithoutPage("Cannot lookup without a successful search first")
        return self._next_hit(term, self._paragraphs())
