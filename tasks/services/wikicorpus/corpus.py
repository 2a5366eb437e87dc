"""A closed-corpus stand-in for the Wikipedia docstore that BOLAA's ReAct agent and ReWOO's
Wikipedia worker query (LangChain's ``DocstoreExplorer(Wikipedia())``).

The live Wikipedia API cannot be reached, so each question gets a corpus made of its own
HotpotQA context paragraphs (the distractor setting: 2 gold + 8 distractor pages). The
observable behaviour follows the original code path:

* ``Search[X]`` on a page that exists returns the page's *first paragraph* (LangChain's
  ``DocstoreExplorer._summary``). A HotpotQA context paragraph *is* the intro paragraph of its
  Wikipedia article, so the whole paragraph is returned (sentences joined as in the article).
  A page "exists" on an exact title match after Unicode/case/whitespace normalisation (the live
  API also followed redirects and auto-suggest; a closed corpus cannot, documented deviation).
* Otherwise: ``Could not find [X]. Similar: [...]`` with a Python list of titles, as LangChain
  formats ``wikipedia.search(X)`` (at most 10 results). The titles are ranked by BM25 (``bm25s``)
  over title + text; only titles sharing at least one term are listed (an empty list otherwise,
  as the live search answers for a query with no hit).
* ``Lookup[k]`` cycles through the units of the last found page that contain ``k``
  (case-insensitive): ``(Result i/n) unit``, ``No Results``, ``No More Results`` — LangChain's
  format, no spaces around the slash. Deviation: LangChain's units are paragraphs, which for a
  one-paragraph page would only repeat the Search result; the units here are the page's
  sentences, as in the ReAct authors' own explorer (ReWOO's ``CustomDocstoreExplorer``) and in
  the few-shot examples the prompt shows.
"""

from __future__ import annotations

import threading
import unicodedata
from collections.abc import Callable, Iterable, Sequence

from pydantic import BaseModel, ConfigDict

MAX_SIMILAR = 10
"""``wikipedia.search`` returns at most 10 titles by default."""


class Page(BaseModel):
    """One article: its title and its (intro) paragraph split into sentences."""

    model_config = ConfigDict(frozen=True)

    title: str
    sentences: tuple[str, ...]

    @property
    def text(self) -> str:
        """The paragraph as it reads in the article (HotpotQA sentences keep their leading spaces)."""
        return "".join(self.sentences).strip()

    @property
    def units(self) -> list[str]:
        """Lookup units: the non-empty sentences, stripped."""
        return [s.strip() for s in self.sentences if s.strip()]


def normalize_title(title: str) -> str:
    """The key an exact title match uses: NFKC, case-folded, underscores as spaces, single spaces."""
    text = unicodedata.normalize("NFKC", title).replace("_", " ").casefold()
    return " ".join(text.split())


class Corpus:
    """A set of pages with exact-title search and a BM25 "similar titles" fallback."""

    def __init__(self, pages: Iterable[Page]):
        self.pages: list[Page] = []
        self._by_title: dict[str, Page] = {}
        for page in pages:
            key = normalize_title(page.title)
            if key in self._by_title:  # the same article twice (union corpora): keep the first
                continue
            self._by_title[key] = page
            self.pages.append(page)
        self._bm25 = None
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self.pages)

    def get(self, title: str) -> Page | None:
        """The page whose normalised title equals ``title``'s, if any."""
        return self._by_title.get(normalize_title(title))

    def _index(self):
        with self._lock:
            if self._bm25 is None:
                import bm25s

                docs = [f"{p.title} {p.text}" for p in self.pages]
                tokens = bm25s.tokenize(docs, stopwords="en", show_progress=False)
                retriever = bm25s.BM25()
                retriever.index(tokens, show_progress=False)
                self._bm25 = retriever
            return self._bm25

    def similar(self, query: str, k: int = MAX_SIMILAR) -> list[str]:
        """Titles ranked by BM25 against ``query`` (only those with a positive score)."""
        if not self.pages:
            return []
        import bm25s

        terms = bm25s.tokenize([query], stopwords="en", show_progress=False, return_ids=False)
        if not terms or not terms[0]:
            return []
        retriever = self._index()
        ids, scores = retriever.retrieve(terms, k=min(k, len(self.pages)), show_progress=False)
        return [self.pages[int(i)].title for i, s in zip(ids[0], scores[0]) if s > 0]


class LookupWithoutPage(ValueError):
    """Lookup before a successful Search (LangChain raises ValueError here too)."""


class LookupCursor:
    """LangChain's ``DocstoreExplorer.lookup`` rule: the same term again moves to its next hit, a
    new term starts over; hits are the page's units containing the term (case-insensitive)."""

    lookup_str: str = ""
    lookup_index: int = 0

    def _next_hit(self, term: str, units: list[str]) -> str:
        if term.lower() != self.lookup_str:
            self.lookup_str = term.lower()
            self.lookup_index = 0
        else:
            self.lookup_index += 1
        hits = [u for u in units if self.lookup_str in u.lower()]
        if not hits:
            return "No Results"
        if self.lookup_index >= len(hits):
            return "No More Results"
        return f"(Result {self.lookup_index + 1}/{len(hits)}) {hits[self.lookup_index]}"


class Explorer(LookupCursor):
    """Per-episode search state over a corpus: the last found page and the lookup cursor.

    ``corpus`` may be a callable building it on first use (large shared corpora are then built
    in the environment's worker thread, never on the event loop)."""

    def __init__(self, corpus: Corpus | Callable[[], Corpus]):
        self._corpus = corpus
        self.page: Page | None = None
        self.lookup_str = ""
        self.lookup_index = 0

    @property
    def corpus(self) -> Corpus:
        if not isinstance(self._corpus, Corpus):
            self._corpus = self._corpus()
        return self._corpus

    def search(self, term: str) -> str:
        """The page's paragraph, or ``Could not find [term]. Similar: [...]`` (and forget the page)."""
        page = self.corpus.get(term)
        if page is None:
            self.page = None
            return f"Could not find [{term}]. Similar: {self.corpus.similar(term)}"
        self.page = page
        return page.text

    def lookup(self, term: str) -> str:
        """The next unit of the last found page containing ``term``; raises LookupWithoutPage."""
        if self.page is None:
            raise LookupWithoutPage("Cannot lookup without a successful search first")
        return self._next_hit(term, self.page.units)


def pages_from_context(context: object) -> list[Page]:
    """Pages from a HotpotQA ``context`` in either layout: the original JSON's list of
    ``[title, [sentences]]`` pairs (BOLAA easy/medium) or the HF ``datasets`` dict
    ``{"title": [...], "sentences": [[...], ...]}`` (BOLAA hard)."""
    if isinstance(context, dict):
        titles: Sequence[str] = context.get("title") or []
        sentences: Sequence[Sequence[str]] = context.get("sentences") or []
        pairs = list(zip(titles, sentences))
    elif isinstance(context, list):
        pairs = [(item[0], item[1]) for item in context]
    else:
        raise TypeError(f"unknown HotpotQA context layout: {type(context).__name__}")
    return [Page(title=str(t), sentences=tuple(str(s) for s in sents)) for t, sents in pairs]
