"""A controllable sentence embedder for T-Eval metric tests (no model weights needed)."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import numpy as np

DIM = 256


def random_unit(text: str) -> np.ndarray:
    """A fixed pseudo-random unit vector per text: distinct texts are nearly orthogonal."""
    seed = int.from_bytes(hashlib.sha256(text.encode()).digest()[:8], "little")
    v = np.random.default_rng(seed).standard_normal(DIM)
    return v / np.linalg.norm(v)


def with_cosine(base: np.ndarray, cosine: float, salt: str) -> np.ndarray:
    """A unit vector whose cosine with the unit vector ``base`` is exactly ``cosine``."""
    other = random_unit(salt)
    other = other - other.dot(base) * base
    other /= np.linalg.norm(other)
    return cosine * base + np.sqrt(1 - cosine**2) * other


class TableEmbedder:
    """Vectors from a table, else :func:`random_unit` (identical texts, identical vectors)."""

    name = "table"

    def __init__(self, table: dict[str, np.ndarray] | None = None):
        self.table = table or {}
        self.calls = 0

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        self.calls += 1
        return np.stack([self.table.get(t, random_unit(t)) for t in texts]) if texts else np.zeros((0, DIM))


class BagOfWordsEmbedder:
    """Hashed word counts: texts sharing words are similar (a stand-in for the real model)."""

    name = "bag-of-words"

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        import re

        out = np.zeros((len(texts), DIM))
        for row, text in enumerate(texts):
            for word in re.findall(r"\w+", text.lower()):
                out[row, int(hashlib.md5(word.encode()).hexdigest(), 16) % DIM] += 1.0
            norm = np.linalg.norm(out[row])
            out[row] = out[row] / norm if norm else out[row]
        return out
