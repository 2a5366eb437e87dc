"""The numpy all-mpnet-base-v2: same vectors as sentence-transformers; weight plumbing."""

from __future__ import annotations

import io
import json
import struct
import zipfile
from pathlib import Path

import numpy as np
import pytest

from harness.errors import HarnessError
from tasks.teval import embedding as E

HERE = Path(__file__).parent


@pytest.fixture(scope="module")
def mpnet():
    if not E.weights_available():
        pytest.skip(f"{E.MODEL_NAME} weights not installed ({E.INSTALL_HINT})")
    return E.default_embedder()


def test_matches_sentence_transformers_reference(mpnet):
    """Reference vectors: SentenceTransformer('all-mpnet-base-v2').encode(texts) on CPU, fp32
    (sentence-transformers 5.x, torch 2.13), stored in mpnet_reference.json."""
    ref = json.loads((HERE / "mpnet_reference.json").read_text())
    ours = mpnet.encode(ref["texts"])
    want = np.array(ref["vectors"], dtype=np.float32)
    assert np.abs(ours - want).max() < 1e-5
    assert np.allclose((ours * want).sum(1), 1.0, atol=1e-5)
    assert np.allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-5)


def test_long_inputs_are_truncated_to_384_tokens(mpnet):
    ids = mpnet.tokenizer.encode("word " * 2000).ids
    assert len(ids) == E.MAX_SEQ_LENGTH and ids[0] == 0 and ids[-1] == 2  # <s> … </s>


def test_relative_position_buckets():
    b = E.relative_position_buckets(300)
    assert b[0, 0] == 0
    assert b[1, 0] == 1 and b[0, 1] == 17        # one step back / ahead
    assert b[20, 0] == 10                        # log-spaced beyond 8: 8 + int(log(20/8)/log(16)*8)
    assert b[200, 0] == 15 and b[0, 200] == 31   # capped at the last bucket of each direction


def test_safetensors_reader(tmp_path):
    data = np.arange(6, dtype=np.float32).tobytes()
    header = json.dumps({"w": {"dtype": "F32", "shape": [2, 3], "data_offsets": [0, len(data)]}, "__metadata__": {}}).encode()
    path = tmp_path / "t.safetensors"
    path.write_bytes(struct.pack("<Q", len(header)) + header + data)
    assert E.load_safetensors(path)["w"].tolist() == [[0, 1, 2], [3, 4, 5]]


def test_joined_parts_read_a_split_zip(tmp_path):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("all-mpnet-base-v2/config.json", json.dumps({"x": list(range(500))}))
    blob = buf.getvalue()
    cuts = [0, len(blob) // 3, 2 * len(blob) // 3, len(blob)]
    parts = []
    for i in range(3):
        p = tmp_path / f"m.zip.{i + 1:03d}"
        p.write_bytes(blob[cuts[i] : cuts[i + 1]])
        parts.append(p)
    with E._JoinedParts(parts) as raw, zipfile.ZipFile(io.BufferedReader(raw)) as z:
        assert json.loads(z.read("all-mpnet-base-v2/config.json"))["x"][-1] == 499


def test_missing_weights_is_bad_input(tmp_path, monkeypatch):
    monkeypatch.delenv("HARNESS_TEVAL_EMBEDDER", raising=False)
    monkeypatch.setenv("HARNESS_MODELS_DIR", str(tmp_path))
    monkeypatch.setattr(E, "_part_files", lambda: None)
    with pytest.raises(HarnessError, match="--no-deps"):
        E.locate_model()
    monkeypatch.setenv("HARNESS_TEVAL_EMBEDDER", str(tmp_path))
    with pytest.raises(HarnessError, match="lacks"):
        E.locate_model()
