"""ReWOO's seven evaluation datasets, sampled as ``run_eval.py --sample_size 50 --seed 2024`` does.

The original ``DataLoader`` draws ``df.sample(50, random_state=2024)`` from each dataset: the
BIG-bench CSVs and SOTU_QA.csv that ReWOO ships, and the Hugging Face **train** splits of
``hotpot_qa`` (fullwiki), ``trivia_qa`` (rc.nocontext) and ``gsm8k`` (main) loaded through
``datasets`` (``DataLoader.load``'s default ``type="train"``): that is the protocol.

Those three splits are read here from the very files the ``datasets`` 2.11 loading scripts
downloaded, pinned by the sha256 the scripts themselves recorded (``dataset_infos.json``), in the
scripts' row order (HotpotQA: the JSON array's order; TriviaQA rc: ``sorted(glob("qa/*-train.json"))``
= web then wikipedia, each file's ``Data`` in order, question and ``Answer.Value`` stripped;
GSM8K: ``train.jsonl`` line order). Deviation of means, not of data: the harness's own pinned
sources (``harness data pull rewoo``, or the mirror) instead of ``datasets.load_dataset``, whose
current releases no longer run those loading scripts. The sampler is pandas' own
(``DataFrame.sample`` draws row positions from the length and the seed alone), so the sampled
questions are the original's. Labels as ``utils/Evaluator.py`` reads them: gsm8k
``answer.split("#### ")[1]``, trivia_qa ``answer["value"]``.
"""

from __future__ import annotations

import json
import tarfile
from pathlib import Path
from typing import Any

import pandas as pd

from harness.data import DataFile, DataSource
from harness.errors import HarnessError

DATASETS = ("hotpot_qa", "trivia_qa", "gsm8k", "strategy_qa", "physics_question", "sports_understanding", "sotu_qa")
"""eval-tgi.sh's order."""
SEED = 2024
SAMPLE_SIZE = 50

HOTPOT_TRAIN = "hotpot_train_v1.1.json"
HOTPOT_TRAIN_SOURCE = DataSource(
    name="hotpotqa-train",
    repo="https://hotpotqa.github.io (the file Hugging Face's hotpot_qa loading script downloads)",
    revision="v1.1",
    license="CC BY-SA 4.0",
    mirror="hotpotqa-train",
    files=(DataFile(path=HOTPOT_TRAIN, url=f"http://curtis.ml.cmu.edu/datasets/hotpot/{HOTPOT_TRAIN}",
                    sha256="26650cf50234ef5fb2e664ed70bbecdfd87815e6bffc257e068efea5cf7cd316"),),
)
TRIVIA_ARCHIVE = "triviaqa-rc.tar.gz"
TRIVIA_SOURCE = DataSource(
    name="triviaqa-rc",
    repo="http://nlp.cs.washington.edu/triviaqa (the archive Hugging Face's trivia_qa loading script downloads)",
    revision="rc",
    license="Apache-2.0 (TriviaQA)",
    mirror="triviaqa-rc",
    files=(DataFile(path=TRIVIA_ARCHIVE, url=f"http://nlp.cs.washington.edu/triviaqa/data/{TRIVIA_ARCHIVE}",
                    sha256="ef94fac6db0541e5bb5b27020d067a8b13b1c1ffc52717e836832e02aaed87b9"),),
)
TRIVIA_TRAIN_FILES = ("qa/web-train.json", "qa/wikipedia-train.json")
"""``sorted(glob(qa_dir + "/*-train.json"))``."""

_CSV = {
    "physics_question": ("data/bigbench/physics_question.csv", "input", "target"),
    "sports_understanding": ("data/bigbench/sports_understanding.csv", "input", "target"),
    "strategy_qa": ("data/bigbench/strategy_qa.csv", "input", "target"),
    "sotu_qa": ("data/SOTU/SOTU_QA.csv", "question", "answer"),
}


def sample_positions(length: int, size: int | None, seed: int) -> list[int]:
    """The row positions ``DataFrame.sample(size, random_state=seed)`` draws, in its order (all
    rows when ``size`` is None or not smaller than the length)."""
    frame = pd.DataFrame({"n": range(length)})
    if size is None or size >= length:
        return list(range(length))
    return [int(n) for n in frame.sample(size, random_state=seed)["n"]]


def _need(path: Path) -> Path:
    if not path.is_file():
        raise HarnessError(f"rewoo: {path} is missing")
    return path


def _malformed(path: Path, why: str) -> HarnessError:
    return HarnessError(f"rewoo: malformed {path.name}: {why}")


def _hotpot_rows(path: Path) -> list[dict[str, Any]]:
    """The rows of the training JSON array, one object decoded at a time (the file is 566 MB):
    question and answer kept, the whole record re-decoded on demand (``_record``)."""
    try:
        text = _need(path).read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise _malformed(path, str(exc)) from None
    decoder = json.JSONDecoder()
    pos = _skip(text, 0)
    if text[pos:pos + 1] != "[":
        raise _malformed(path, "expected a JSON array")
    pos = _skip(text, pos + 1)
    rows: list[dict[str, Any]] = []
    while pos < len(text) and text[pos] != "]":
        try:
            obj, end = decoder.raw_decode(text, pos)
        except ValueError as exc:
            raise _malformed(path, str(exc)) from None
        if not isinstance(obj, dict) or "question" not in obj or "answer" not in obj:
            raise _malformed(path, f"record {len(rows)} lacks question or answer")
        rows.append({"question": obj["question"], "answer": obj["answer"], "_span": (pos, end), "_text": text})
        pos = _skip(text, end)
        if text[pos:pos + 1] == ",":
            pos = _skip(text, pos + 1)
    return rows


def _skip(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in " \t\r\n":
        pos += 1
    return pos


def _record(row: dict[str, Any]) -> dict[str, Any]:
    start, end = row["_span"]
    return json.loads(row["_text"][start:end])


def _trivia_rows(path: Path) -> list[dict[str, Any]]:
    found: dict[str, list[dict[str, Any]]] = {}
    try:
        with tarfile.open(_need(path), "r|*") as archive:  # one streaming pass over the archive
            for member in archive:
                name = next((f for f in TRIVIA_TRAIN_FILES if member.name.endswith(f)), None)
                if name is None or not member.isfile():
                    continue
                data = json.loads(archive.extractfile(member).read().decode("utf-8"))  # type: ignore[union-attr]
                found[name] = data["Data"]
                if len(found) == len(TRIVIA_TRAIN_FILES):
                    break
    except (tarfile.TarError, OSError, ValueError, KeyError, TypeError) as exc:
        raise _malformed(path, f"{type(exc).__name__}: {exc}") from None
    missing = [f for f in TRIVIA_TRAIN_FILES if f not in found]
    if missing:
        raise _malformed(path, f"it lacks {missing[0]}")
    rows = []
    for name in TRIVIA_TRAIN_FILES:
        for item in found[name]:
            try:
                rows.append({"question": item["Question"].strip(), "answer": item["Answer"]["Value"].strip(),
                             "question_id": item["QuestionId"]})
            except (KeyError, TypeError, AttributeError):
                raise _malformed(path, f"a {name} record lacks Question, QuestionId or Answer.Value") from None
    return rows


def _gsm8k_rows(path: Path) -> list[dict[str, Any]]:
    rows = []
    with _need(path).open(encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                rows.append({"question": row["question"], "answer": str(row["answer"]).split("#### ")[1]})
            except (ValueError, KeyError, IndexError, TypeError):
                raise _malformed(path, f"line {n} is not a GSM8K record with '#### <answer>'") from None
    return rows


def load_dataset(name: str, dirs: dict[str, Path], size: int | None, seed: int = SEED) -> list[dict[str, Any]]:
    """The sampled rows of one dataset: ``dataset``, ``index`` (row position in the split),
    ``question``, ``answer`` (the label ReWOO's evaluator compares with), plus ``context`` and
    ``supporting_facts`` for hotpot_qa."""
    if name in _CSV:
        rel, q, a = _CSV[name]
        frame = pd.read_csv(_need(dirs["rewoo"] / rel))
        if q not in frame or a not in frame:
            raise _malformed(dirs["rewoo"] / rel, f"expected columns {q} and {a}")
        return [{"dataset": name, "index": i, "question": str(frame[q].iloc[i]), "answer": str(frame[a].iloc[i])}
                for i in sample_positions(len(frame), size, seed)]
    if name == "hotpot_qa":
        rows = _hotpot_rows(dirs["hotpotqa-train"] / HOTPOT_TRAIN)
    elif name == "trivia_qa":
        rows = _trivia_rows(dirs["triviaqa-rc"] / TRIVIA_ARCHIVE)
    elif name == "gsm8k":
        rows = _gsm8k_rows(dirs["gsm8k"] / "train.jsonl")
    else:
        raise HarnessError(f"rewoo: unknown dataset {name!r} (one of {', '.join(DATASETS)})")
    out = []
    for i in sample_positions(len(rows), size, seed):
        row = rows[i]
        item = {"dataset": name, "index": i, "question": str(row["question"]), "answer": str(row["answer"])}
        if name == "hotpot_qa":
            record = _record(row)
            item["context"] = record.get("context") or []
            item["supporting_facts"] = record.get("supporting_facts") or []
        out.append(item)
    return out
