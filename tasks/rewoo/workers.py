"""ReWOO's tool workers. The model-backed workers (``LLM``, ``Calculator``) are not here: they are
model calls made by the episode (:mod:`tasks.rewoo.pws_env`).

* ``Wikipedia[query]``: LangChain ``DocstoreExplorer(Wikipedia()).search``. ``wiki=api`` (the
  protocol): the live MediaWiki API through :mod:`tasks.services.mediawiki` (lead section, or
  ``Could not find [q]. Similar: [...]``); ``wiki=corpus`` (offline, not comparable): a closed
  corpus (:mod:`tasks.services.wikicorpus`): the question's own context paragraphs for hotpot_qa,
  the union of BOLAA's HotpotQA context paragraphs for the other datasets.
* ``LookUp[keyword]``: lookup in the page the last ``Wikipedia`` call found. (Upstream this
  worker was registered without a docstore and always raised; no toolset offers it.)
* ``Google[query]`` / ``WolframAlpha[input]``: the real APIs (:mod:`tasks.rewoo.web_tools`) when
  their keys are set; otherwise stand-ins (not comparable): Google answers the closest
  closed-corpus paragraph, WolframAlpha evaluates plain arithmetic with the safe evaluator and
  otherwise says ``Wolfram Alpha wasn't able to answer it``.
* ``SearchSOTU[query]``: upstream a vector store (OpenAI embeddings, 1000-character chunks, top
  1) over the State of the Union text; here BM25 (``bm25s``) over the same 1000-character
  chunks, top 1 (not comparable).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Protocol

from tasks.rewoo.calculator import CalculatorError, calculate
from tasks.rewoo.prompts import NO_EVIDENCE
from tasks.rewoo.web_tools import NO_GOOGLE_RESULT, WOLFRAM_NO_ANSWER, WebTools
from tasks.services.mediawiki import WikiError
from tasks.services.wikicorpus import LookupWithoutPage


class WikiExplorer(Protocol):
    def search(self, term: str) -> str: ...

    def lookup(self, term: str) -> str: ...

CHUNK_CHARS = 1000


def chunk_text(text: str, size: int = CHUNK_CHARS) -> list[str]:
    """Greedy chunks of at most ``size`` characters along paragraph, line, then word boundaries
    (the shape of LangChain's ``RecursiveCharacterTextSplitter(chunk_size=1000, overlap=0)``)."""
    pieces: list[str] = []
    for para in text.split("\n\n"):
        for line in para.split("\n"):
            line = line.strip()
            if not line:
                continue
            while len(line) > size:
                cut = line.rfind(" ", 0, size)
                cut = cut if cut > 0 else size
                pieces.append(line[:cut])
                line = line[cut:].strip()
            pieces.append(line)
    chunks: list[str] = []
    current = ""
    for piece in pieces:
        if current and len(current) + 1 + len(piece) > size:
            chunks.append(current)
            current = piece
        else:
            current = f"{current}\n{piece}" if current else piece
    if current:
        chunks.append(current)
    return chunks


class DocumentSearch:
    """Top-1 BM25 chunk of one document (built once, shared by all episodes)."""

    def __init__(self, text: str):
        self.chunks = chunk_text(text)
        self._retriever = None
        self._lock = threading.Lock()

    def _index(self):
        with self._lock:
            if self._retriever is None:
                import bm25s

                retriever = bm25s.BM25()
                retriever.index(bm25s.tokenize(self.chunks, stopwords="en", show_progress=False), show_progress=False)
                self._retriever = retriever
            return self._retriever

    def search(self, query: str) -> str:
        import bm25s

        if not self.chunks:
            return NO_EVIDENCE
        terms = bm25s.tokenize([query], stopwords="en", show_progress=False, return_ids=False)
        if not terms or not terms[0]:
            return self.chunks[0]  # a vector store always returns its nearest chunk
        ids, _ = self._index().retrieve(terms, k=1, show_progress=False)
        return self.chunks[int(ids[0][0])]


class ToolFailure(RuntimeError):
    """A worker raised upstream (which failed the whole question: a failed response, scored 0)."""


class Toolbox:
    """The non-LLM workers of one episode (the explorer keeps this episode's search state). Their
    work blocks (HTTP, indexes), so the episode runs :meth:`run` in a worker thread."""

    def __init__(self, explorer: WikiExplorer | None, sotu: Callable[[], DocumentSearch] | None,
                 web: WebTools | None = None, offline_search: Callable[[str], str] | None = None,
                 offline_google: bool = True, offline_wolfram: bool = True):
        """``sotu`` builds (or returns the shared) document index on first use; ``web`` holds the
        real Google/WolframAlpha backends, used unless ``offline_*`` says the key is missing;
        ``offline_search`` is the Google stand-in (a closed-corpus paragraph)."""
        self.explorer = explorer
        self.sotu = sotu
        self.web = web
        self.offline_search = offline_search
        self.offline_google = offline_google
        self.offline_wolfram = offline_wolfram

    def run(self, tool: str, tool_input: str) -> str:
        """The evidence text of one worker call (tool names as the planner writes them)."""
        if tool == "Wikipedia" and self.explorer is not None:
            try:
                return self.explorer.search(tool_input)
            except WikiError as exc:
                raise ToolFailure(f"Wikipedia: {exc}") from None
        if tool == "LookUp" and self.explorer is not None:
            try:
                return self.explorer.lookup(tool_input)
            except LookupWithoutPage as exc:
                return str(exc)
        if tool == "Google":
            if not self.offline_google and self.web is not None:
                return self.web.google(tool_input)
            return self.offline_search(tool_input) if self.offline_search else NO_GOOGLE_RESULT
        if tool == "WolframAlpha":
            if not self.offline_wolfram and self.web is not None:
                return self.web.wolfram(tool_input)
            try:
                return calculate(tool_input)
            except CalculatorError:
                return WOLFRAM_NO_ANSWER
        if tool == "SearchSOTU" and self.sotu is not None:
            return self.sotu().search(tool_input)
        return NO_EVIDENCE
