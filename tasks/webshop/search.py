"""Product search: BM25 over the same text the original indexes, with ``bm25s``.

The original (search_engine/convert_product_file_format.py + run_indexing.sh) indexes, per
product, ``" ".join([Title, Description, BulletPoints[0], option_text]).lower()`` where
option_text is ``"name: v1, v2, and name2: w1"``, with pyserini 0.17 (Lucene, Anserini's default
English analyzer) and searches it with ``LuceneSearcher.search(keywords, k=50)`` (BM25, k1=0.9,
b=0.4). Here:

- the same document text per product;
- the same analysis chain, rewritten: Unicode word tokens (letters and digits joined across
  ``'``/``.``/``:`` between letters and ``.``/``,``/``;``/``'`` between digits, as Lucene's
  StandardTokenizer does), a trailing ``'s`` removed, lower-cased, Lucene's 33 English stop
  words removed, Porter stemming (the ``snowballstemmer`` "porter" algorithm);
- BM25 with Lucene's formula (``bm25s`` method "lucene"), k1=0.9, b=0.4; a repeated query term
  counts once per occurrence, as Anserini's bag-of-words query boosts it by its count;
- the top 50 documents with a positive score, ties broken by catalogue order (Lucene's doc id).

What differs from Lucene: document lengths are exact (Lucene stores them in one lossy byte), so
scores of long documents differ slightly and near-ties can swap; the tokenizer is a close
approximation of UAX#29 for the Latin-script text of the catalogue, not a full implementation
(e.g. ideographs, emoji, URLs).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

SEARCH_RETURN_N = 50
K1 = 0.9
B = 0.4

_STOP_WORDS = (
    "a an and are as at be but by for if in into is it no not of on or such that the their then "
    "there these they this to was will with"
)
LUCENE_ENGLISH_STOP_WORDS = frozenset(_STOP_WORDS.split())

_WORD = re.compile(r"[^\W_]+(?:(?:(?<=[^\W\d_])['’.:](?=[^\W\d_])|(?<=\d)[.,;'’](?=\d)|_)[^\W_]+)*|_+", re.UNICODE)


def _stemmer():
    import snowballstemmer

    return snowballstemmer.stemmer("porter")


class Analyzer:
    """Text -> index terms, the way Anserini's default English analyzer does it (approximately)."""

    def __init__(self) -> None:
        self._stem = _stemmer().stemWord
        self._cache: dict[str, str] = {}
        self._lock = threading.Lock()

    def stem(self, word: str) -> str:
        cached = self._cache.get(word)
        if cached is None:
            with self._lock:  # the snowball stemmer object keeps state between calls
                cached = self._stem(word)
            self._cache[word] = cached
        return cached

    def terms(self, text: str) -> list[str]:
        out: list[str] = []
        for match in _WORD.finditer(text):
            token = match.group(0)
            if token[-2:].lower() in ("'s", "’s") and len(token) > 2:
                token = token[:-2]
            token = token.lower()
            if token and token not in LUCENE_ENGLISH_STOP_WORDS:
                out.append(self.stem(token))
        return out


def option_text(options: Mapping[str, Sequence[str]]) -> str:
    """``"color: black, white, and size: small"`` as the original's document builder writes it."""
    return ", and ".join(f"{name}: {', '.join(values)}" for name, values in options.items())


def document_text(product: Mapping[str, Any]) -> str:
    """The text a product is indexed under (lower-cased title, description, first bullet, options)."""
    bullets = product["BulletPoints"]
    first = bullets[0] if bullets else ""
    return " ".join([product["Title"], product["Description"], first, option_text(product["options"])]).lower()


class SearchIndex:
    """A BM25 index over a catalogue; ``search`` returns catalogue positions, best first."""

    def __init__(self, documents: Sequence[str], analyzer: Analyzer | None = None):
        import bm25s

        self.analyzer = analyzer or Analyzer()
        corpus = [self.analyzer.terms(doc) for doc in documents]
        self.size = len(corpus)
        self._bm25 = bm25s.BM25(k1=K1, b=B, method="lucene")
        self._bm25.index(corpus, show_progress=False)
        self._vocab: dict[str, int] = self._bm25.vocab_dict
        self._lock = threading.Lock()

    def scores(self, query: str) -> np.ndarray:
        """BM25 score of every document for ``query`` (zeros when no query term is indexed)."""
        ids = [self._vocab[t] for t in self.analyzer.terms(query) if t and t in self._vocab]
        if not ids or self.size == 0:
            return np.zeros(self.size, dtype=np.float64)
        with self._lock:
            return np.asarray(self._bm25.get_scores(ids), dtype=np.float64)

    def search(self, query: str, k: int = SEARCH_RETURN_N) -> list[int]:
        """The best ``k`` documents with a positive score, ties in catalogue order."""
        scores = self.scores(query)
        hits = np.flatnonzero(scores > 0)
        if hits.size > k:  # keep every document tied with the k-th score, then order exactly
            kth = np.partition(scores[hits], hits.size - k)[hits.size - k]
            hits = hits[scores[hits] >= kth]
        order = sorted(hits.tolist(), key=lambda i: (-scores[i], i))
        return order[:k]
