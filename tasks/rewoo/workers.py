"""ReWOO's workers, offline. The LLM worker is not here: it is a model call, i.e. a loop turn
(see :mod:`tasks.rewoo.pws_env`).

* ``Wikipedia[query]``: LangChain ``DocstoreExplorer(Wikipedia()).search`` -> the page's first
  paragraph or ``Could not find [q]. Similar: [...]``, over a closed corpus
  (:mod:`tasks.services.wikicorpus`): the question's own context paragraphs for hotpot_qa, and the
  union of all HotpotQA context paragraphs (about 3,000 intro paragraphs) for the datasets that
  have no context of their own — the only encyclopedic text available offline.
* ``LookUp[keyword]``: lookup in the page the last ``Wikipedia`` call found. (Upstream this
  worker was registered without a docstore and always raised; it shares the search state here.)
* ``Calculator[expr]``: the safe AST evaluator of :mod:`tasks.rewoo.calculator` instead of an
  LLM writing numexpr.
* ``SearchSOTU[query]``: upstream a vector store (OpenAI embeddings, 1000-character chunks, top
  1) over the State of the Union text; here BM25 (``bm25s``) over the same 1000-character
  chunks, top 1.
* ``Google`` and ``WolframAlpha`` need the internet and are not offered (see the task docs).
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from tasks.rewoo.calculator import CalculatorError, calculate
from tasks.rewoo.prompts import NO_EVIDENCE
from tasks.services.wikicorpus import Explorer, LookupWithoutPage

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


class Toolbox:
    """The non-LLM workers of one episode (the explorer keeps this episode's search state)."""

    def __init__(self, explorer: Explorer | None, sotu: Callable[[], DocumentSearch] | None):
        """``sotu`` builds (or returns the shared) document index on first use."""
        self.explorer = explorer
        self.sotu = sotu

    def run(self, tool: str, tool_input: str) -> str:
        """The evidence text of one worker call (tool names as the planner writes them)."""
        if tool == "Wikipedia" and self.explorer is not None:
            return self.explorer.search(tool_input)
        if tool == "LookUp" and self.explorer is not None:
            try:
                return self.explorer.lookup(tool_input)
            except LookupWithoutPage as exc:
                return str(exc)
        if tool == "Calculator":
            try:
                return calculate(tool_input)
            except CalculatorError:
                return NO_EVIDENCE
        if tool == "SearchSOTU" and self.sotu is not None:
            return self.sotu().search(tool_input)
        return NO_EVIDENCE
