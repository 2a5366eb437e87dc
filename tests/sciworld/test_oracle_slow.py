"""The gold path on one test variation of every task (all 270 with SCIWORLD_FULL_ORACLE=1).

Run in the diagnostic ``map_actions=false`` mode: commands reach the simulator verbatim, so this
checks the plumbing (load, reset, step, limits, score) against the package's gold paths. Under the
full protocol the original's nearest-valid-action mapping rewrites many gold commands (their
referents are not spelled as in the valid-action list), see tasks/sciworld/README.md.
"""

from __future__ import annotations

import os

import pytest

from harness.loop import run_episode
from harness.oracle import OracleModel
from harness.task import RunContext
from tasks.sciworld import SciWorld

pytestmark = pytest.mark.slow


async def test_gold_paths_reach_100_unless_longer_than_the_step_limit():
    task = SciWorld(options={"map_actions": "false"})
    try:
        samples = task.samples("test")
        if not os.environ.get("SCIWORLD_FULL_ORACLE"):
            firsts: dict[int, object] = {}
            for s in samples:
                firsts.setdefault(s.data["task_num"], s)
            samples = list(firsts.values())
        assert len({s.data["task_num"] for s in samples}) == 30
        misses = []
        for sample in samples:
            record = await run_episode(task, sample, OracleModel(), RunContext(), "test")
            assert record.error is None, (sample.id, record.error)
            if record.score != 1.0:
                gold = task.gold[sample.id]
                misses.append((sample.id, record.metrics["stop_reason"], len(gold), record.score))
        # Allowed misses: the gold path needs more than the 100-move limit, or its own repeated
        # wait/look cycles trip the original's loop rule (measured: tasks 10, 11, 12, 23, 24).
        unexplained = [m for m in misses if not ((m[1] == "step_limit" and m[2] > 100) or m[1] == "loop")]
        assert not unexplained, unexplained
        assert len(samples) - len(misses) >= 15, misses
    finally:
        await task.stop()
