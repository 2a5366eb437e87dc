"""BOLAA's HotpotQA evaluation sample (100 easy + 100 medium + 100 hard): source and reader.

Upstream the questions are pickled pandas DataFrames (``hotpotqa_run/data/<level>.joblib`` in
salesforce/BOLAA). They are declared as the official files, so a pull verifies them, but they
are not read: unpickling runs arbitrary code, and ``hard.joblib`` holds a pandas<2 ``Int64Index``
that pandas 2/3 cannot load. The reader uses the row-by-row JSONL conversion kept beside them in
the data mirror (``<level>.jsonl``, checked against the .joblib rows, original row order; see the
mirror's MANIFEST). Those three files are *derived*: they have no upstream URL and can only be
pulled from ``HARNESS_DATA_MIRROR`` (their ``url`` says so).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from harness.data import DataFile, DataSource
from harness.errors import HarnessError

LEVELS = ("easy", "medium", "hard")
BOLAA_REVISION = "ea7a238a6ecd358130e9e5c4f57395da4498d028"
_RAW = f"https://raw.githubusercontent.com/salesforce/BOLAA/{BOLAA_REVISION}/hotpotqa_run/data"
_DERIVED = "mirror-only://hotpotqa"  # no upstream download exists for the JSONL conversions

_SHA = {
    "easy.joblib": "b515b20c1c3702ebbc1e50ac07ab9e244e2f28373a938930f0e87bda24d78602",
    "medium.joblib": "d87761f571f82c2b10daee44d4b8de9cebee016e1993e7b61894d6dff9d1984e",
    "hard.joblib": "b3e49c0aea1f8151fe307b3af2e7d8fa13271e2401a4c74b1e053137c37b9790",
    "easy.jsonl": "42d168767519bbeba5aef9d054710bdda85a8ec51c4c5f94b6294367c1b34aec",
    "medium.jsonl": "6358b07bc9c08e7bede210907d7c9367ecb74a413f70dc54e7c2e1face1df68c",
    "hard.jsonl": "807237d9ec1dc080abff12fc7baa2de6c0da47e6dfbd63f4c2faaf2a57c0686a",
}

HOTPOTQA_SOURCE = DataSource(
    name="hotpotqa",
    repo="https://github.com/salesforce/BOLAA (hotpotqa_run/data; .jsonl = mirror's row-by-row conversion)",
    revision=BOLAA_REVISION,
    license="Apache-2.0 (BOLAA); HotpotQA data CC BY-SA 4.0",
    mirror="hotpotqa",
    files=tuple(
        DataFile(path=name, url=f"{_RAW if name.endswith('.joblib') else _DERIVED}/{name}", sha256=sha)
        for name, sha in _SHA.items()
    ),
)


def read_level(directory: Path, level: str) -> list[dict[str, Any]]:
    """The rows of one level, in the original order (each with ``level`` set)."""
    path = directory / f"{level}.jsonl"
    if not path.is_file():
        raise HarnessError(f"hotpotqa: {path} is missing")
    rows = []
    with path.open(encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            row = json.loads(line)
            for key in ("id", "question", "answer", "context"):
                if key not in row:
                    raise HarnessError(f"hotpotqa: {path} line {n} lacks {key!r}")
            row.setdefault("level", level)
            rows.append(row)
    return rows


def first_supporting_title(row: dict[str, Any]) -> str | None:
    """The first supporting-fact title in either layout (list of pairs or HF dict)."""
    facts = row.get("supporting_facts")
    if isinstance(facts, dict):
        titles = facts.get("title") or []
        return titles[0] if titles else None
    if isinstance(facts, list) and facts:
        return facts[0][0]
    return None
