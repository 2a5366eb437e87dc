"""The gold policy under the full protocol on one test variation of every task (all 270 with
SCIWORLD_FULL_ORACLE=1): 100 wherever the protocol lets the package's gold path reach it, and every
other variation explained (see tasks/sciworld/README.md, "Oracle")."""

from __future__ import annotations

import os

import pytest

from harness.loop import run_episode
from harness.oracle import OracleModel
from harness.task import RunContext
from tasks.sciworld import SciWorld

pytestmark = [pytest.mark.slow, pytest.mark.timeout(3600)]  # 30 episodes of a JVM simulator on 2 cores


async def test_gold_policy_reaches_100_unless_the_protocol_forbids_it():
    task = SciWorld()
    try:
        samples = task.samples("test")
        if not os.environ.get("SCIWORLD_FULL_ORACLE"):
            firsts: dict[int, object] = {}
            for s in samples:
                firsts.setdefault(s.data["task_num"], s)
            samples = list(firsts.values())
        assert len({s.data["task_num"] for s in samples}) == 30
        misses, unexplained = [], []
        for sample in samples:
            record = await run_episode(task, sample, OracleModel(), RunContext(), "test")
            assert record.error is None, (sample.id, record.error)
            if record.score != 1.0:
                reason = record.oracle.reason if record.oracle is not None and not record.oracle.solvable else None
                misses.append((sample.id, reason))
                if reason is None:
                    unexplained.append((sample.id, record.score, record.metrics))
        assert not unexplained, unexplained
        # A floor against explaining everything away: measured 23/30 firsts and 195/270 overall
        # (which variations the focus filter blocks varies a little between JVM runs).
        assert len(samples) - len(misses) >= 0.6 * len(samples), misses
    finally:
        await task.stop()
