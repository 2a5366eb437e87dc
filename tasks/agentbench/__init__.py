"""The AgentBench family: what the held-in tasks share as AgentTuning ran them (AgentBench.old).

- the protocol reference (:data:`AGENTBENCH_OLD`) and the data source at AgentBench v0.2
  (:func:`agentbench_source`: the mirror's ``agentbench/`` folder, laid out by upstream path);
- the held-in request of AgentBench.old's TGI client (:func:`held_in_generation`): ``do_sample``
  False with temperature 0.7 (sampled at the TGI commit AgentTuning served with, see
  :attr:`harness.model.GenParams.sampling`), ``truncate = 4096 - max_new_tokens``;
- the held-in rendering (:data:`HELD_IN_RENDERING`): every turn stripped, no system prompt;
- history trimming (:func:`agentbench_trim`) and ``Action:`` parsing (:mod:`.parsing`).
"""

from __future__ import annotations

from collections.abc import Mapping

from harness.data import DataSource, repo_files
from harness.model import GenParams, Rendering
from harness.task import Protocol
from tasks.agentbench.history import SEGMENT_BUDGET, agentbench_trim, segments

__all__ = [
    "AGENTBENCH_OLD", "AGENTBENCH_RAW", "AGENTBENCH_REPO", "AGENTBENCH_REVISION", "HELD_IN_RENDERING", "MAX_INPUT_TOKENS",
    "SEGMENT_BUDGET", "agentbench_old", "agentbench_source", "agentbench_trim", "held_in_generation", "segments",
]

AGENTBENCH_REPO = "https://github.com/THUDM/AgentBench"
AGENTBENCH_REVISION = "41e6807349f741e06428fae3e9e4d334e7002362"
"""Branch v0.2 (its data files are those AgentBench.old evaluated; the mirror's ``agentbench/``)."""
AGENTBENCH_RAW = f"https://raw.githubusercontent.com/THUDM/AgentBench/{AGENTBENCH_REVISION}"
AGENTTUNING_COMMIT = "e33a45d"

MAX_INPUT_TOKENS = 4096
"""TGI's ``MAX_INPUT_LENGTH`` for AgentLM; held-in requests truncate to it less the new tokens."""

HELD_IN_RENDERING = Rendering(strip_turns=True, system_prompt=False)
"""AgentBench.old's ``TGIAgent`` strips every message and sets no system prompt."""


def agentbench_old(path: str) -> Protocol:
    """The AgentBench.old protocol of one task (``path`` under ``AgentBench.old/`` in AgentTuning)."""
    return Protocol(reference="agentbench-old", source=f"THUDM/AgentTuning@{AGENTTUNING_COMMIT} AgentBench.old/{path}")


AGENTBENCH_OLD = agentbench_old("src")


def held_in_generation(max_new_tokens: int = 128) -> GenParams:
    """The held-in request of AgentBench.old's TGI client."""
    return GenParams(
        max_new_tokens=max_new_tokens, temperature=0.7, do_sample=False, truncate=MAX_INPUT_TOKENS - max_new_tokens
    )


def agentbench_source(name: str, checksums: Mapping[str, str], license: str = "Apache-2.0") -> DataSource:
    """Files of AgentBench at :data:`AGENTBENCH_REVISION` (``checksums``: path -> sha256)."""
    return DataSource(
        name=name,
        repo=AGENTBENCH_REPO,
        revision=AGENTBENCH_REVISION,
        license=license,
        mirror="agentbench",
        files=repo_files(AGENTBENCH_RAW, checksums),
    )
