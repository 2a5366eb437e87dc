"""MMLU data: the official source declaration and the CSV reader.

The official distribution of MMLU is the released tarball (``data.tar`` from
people.eecs.berkeley.edu/~hendrycks, which AgentTuning's script untars). The harness pins the
early CSV copy that lived in the hendrycks/test repository (commit 785eba5, September 2020): a
tarball cannot be verified file by file, the CSVs can. Its counts differ slightly from the later
Hugging Face release ``cais/mmlu``: dev 285, val 1,542, test 14,079 (HF: 285 / 1,531 / 14,042).

Each CSV has no header and six columns: question, A, B, C, D, answer letter.
"""

from __future__ import annotations

import csv
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from harness.data import DataFile, DataSource

REPO = "https://github.com/hendrycks/test"
REVISION = "785eba57b455b9f9be12a0d3c1106d67274fea0e"
RAW = f"https://raw.githubusercontent.com/hendrycks/test/{REVISION}/"
LETTERS = ("A", "B", "C", "D")
SPLIT_DIRS = {"dev": "dev", "val": "val", "test": "test"}

_SUMS = Path(__file__).with_name("sha256sums.txt")
"""The mirror's SHA256SUMS for this source (``<sha256>  data/<split>/<subject>_<split>.csv``)."""


def _files() -> tuple[DataFile, ...]:
    files = []
    for line in _SUMS.read_text().splitlines():
        if not line.strip():
            continue
        digest, path = line.split(maxsplit=1)
        files.append(DataFile(path=path.strip(), url=RAW + path.strip(), sha256=digest))
    return tuple(files)


SOURCE = DataSource(name="mmlu", repo=REPO, revision=REVISION, license="MIT", files=_files(), mirror="mmlu")

SUBJECTS: tuple[str, ...] = tuple(
    sorted({Path(f.path).stem.rsplit("_", 1)[0] for f in SOURCE.files if f.path.startswith("data/test/")})
)
"""The 57 subjects, alphabetical (the order samples are listed in)."""


class Question(BaseModel):
    """One MMLU row."""

    model_config = ConfigDict(frozen=True)

    question: str
    options: tuple[str, str, str, str]
    answer: str


def read_csv(path: Path) -> list[Question]:
    """Read one subject file, keeping every cell verbatim.

    Deviation (defect fix): the original reads the CSVs with pandas' defaults, which turn the
    option text ``None`` (10 test and 2 val cells) into NaN, shown to the model as ``nan``. The
    csv module keeps the published text; no other cell differs between the two readers.
    """
    with path.open(newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    out = []
    for i, row in enumerate(rows):
        if len(row) != 6 or row[5].strip() not in LETTERS:
            raise ValueError(f"{path.name} row {i}: expected 6 columns ending in A-D, got {row!r}")
        out.append(Question(question=row[0], options=(row[1], row[2], row[3], row[4]), answer=row[5].strip()))
    return out


def subject_file(root: Path, split: str, subject: str) -> Path:
    return root / "data" / SPLIT_DIRS[split] / f"{subject}_{split}.csv"


def available_subjects(root: Path, split: str) -> list[str]:
    """Subjects present under ``root`` for a split (all 57 for the official data; fewer for the
    bundled sample set)."""
    folder = root / "data" / SPLIT_DIRS[split]
    return sorted(p.name[: -len(f"_{split}.csv")] for p in folder.glob(f"*_{split}.csv"))
