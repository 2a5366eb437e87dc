"""ReWOO's evaluation datasets available offline, sampled as ``run_eval.py --sample_size 50`` does.

The original ``DataLoader`` draws ``df.sample(sample_size, random_state=seed)`` with
``--seed 2024`` (run_eval.py's default). That is reproduced exactly here with pandas for the
files ReWOO itself reads (the BIG-bench CSVs and SOTU_QA.csv), so those samples are the same
50 questions. Deviations:

* hotpot_qa, trivia_qa and gsm8k were sampled from the Hugging Face *train* splits (a listed
  defect); here hotpot_qa samples BOLAA's 300 HotpotQA evaluation questions (which carry the
  context paragraphs the closed-corpus Wikipedia needs) and gsm8k samples the official test
  file, with the same sampler and seed.
* trivia_qa (HF ``trivia_qa/rc.nocontext``) is not in the data mirror and is left out.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pandas as pd

from harness.errors import HarnessError
from tasks.services.wikicorpus import LEVELS, read_level

DATASETS = ("hotpot_qa", "gsm8k", "strategy_qa", "physics_question", "sports_understanding", "sotu_qa")
SEED = 2024
SAMPLE_SIZE = 50

_CSV = {
    "physics_question": ("data/bigbench/physics_question.csv", "input", "target"),
    "sports_understanding": ("data/bigbench/sports_understanding.csv", "input", "target"),
    "strategy_qa": ("data/bigbench/strategy_qa.csv", "input", "target"),
    "sotu_qa": ("data/SOTU/SOTU_QA.csv", "question", "answer"),
}


def _sample(frame: pd.DataFrame, size: int | None, seed: int) -> pd.DataFrame:
    """``DataFrame.sample(size, random_state=seed)`` (all rows when size is None or too big)."""
    if size is None or size >= len(frame):
        return frame.reset_index()
    return frame.sample(size, random_state=seed).reset_index()


def _rows(frame: pd.DataFrame, question: str, answer: str, dataset: str) -> list[dict[str, Any]]:
    return [
        {"dataset": dataset, "index": int(r["index"]), "question": str(r[question]), "answer": str(r[answer])}
        for _, r in frame.iterrows()
    ]


def load_dataset(name: str, dirs: dict[str, Path], size: int | None, seed: int = SEED) -> list[dict[str, Any]]:
    """The sampled rows of one dataset: ``dataset``, ``index`` (row in the file), ``question``,
    ``answer`` (the label ReWOO's evaluator compares with), plus ``context`` for hotpot_qa."""
    if name in _CSV:
        rel, q, a = _CSV[name]
        path = dirs["rewoo"] / rel
        if not path.is_file():
            raise HarnessError(f"rewoo: {path} is missing")
        return _rows(_sample(pd.read_csv(path), size, seed), q, a, name)
    if name == "gsm8k":
        path = dirs["gsm8k"] / "test.jsonl"
        if not path.is_file():
            raise HarnessError(f"rewoo: {path} is missing")
        with path.open(encoding="utf-8") as f:
            records = [json.loads(line) for line in f if line.strip()]
        frame = pd.DataFrame(records)
        # Evaluator.run: label = answer.split("#### ")[1]
        frame["label"] = [str(ans).split("#### ")[1] for ans in frame["answer"]]
        return _rows(_sample(frame, size, seed), "question", "label", name)
    if name == "hotpot_qa":
        rows = [row for level in LEVELS for row in read_level(dirs["hotpotqa"], level)]
        frame = pd.DataFrame({"n": range(len(rows))})
        out = []
        for _, r in _sample(frame, size, seed).iterrows():
            row = rows[int(r["n"])]
            out.append({"dataset": name, "index": int(r["n"]), "question": row["question"], "answer": row["answer"],
                        "context": row["context"], "hotpot_id": row["id"], "level": row.get("level")})
        return out
    raise HarnessError(f"rewoo: unknown dataset {name!r} (one of {', '.join(DATASETS)})")
