"""The oracle bound to the live environment, and its self-test accounting in records and summaries."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from harness.loop import run_episode
from harness.metrics import SampleScore
from harness.model import Message
from harness.oracle import OracleModel
from harness.schema import OracleAccount, SampleRecord, Status
from harness.summary import oracle_summary
from harness.task import Env, OraclePolicy, Replay, RunContext, Sample
from tests.core.fakes import CountdownEnv, CountdownTask


class PeekingPolicy(OraclePolicy):
    """Answers from what its live environment holds (like a policy reading a page or a simulator)."""

    def __init__(self, env: CountdownEnv):
        self.env = env
        self.seen: list[str] = []

    def act(self, history: Sequence[Message]) -> str:
        self.seen.append(self.env.sample.id)
        return "finish" if len(self.seen) > 1 else "look"

    def account(self, score: SampleScore, status: Status) -> OracleAccount:
        return OracleAccount(solvable=self.env.sample.id != "s1", reason="data_defect", detail={"seen": len(self.seen)})


class PeekingTask(CountdownTask):
    name: ClassVar[str] = "peek"

    def oracle(self, sample: Sample, env: Env) -> PeekingPolicy:
        assert isinstance(env, CountdownEnv) and env.sample is sample  # bound to this sample's live env
        return PeekingPolicy(env)


async def test_policy_sees_its_own_environment_and_accounts_for_the_sample():
    task = PeekingTask(n=2)
    rec = await run_episode(task, task.samples("test")[1], OracleModel(), RunContext(), "test")
    assert rec.status is Status.COMPLETED and rec.score == 1.0
    assert rec.oracle == OracleAccount(solvable=False, reason="data_defect", detail={"seen": 2})


async def test_a_gold_sequence_is_replayed_and_accounted_solvable():
    task = CountdownTask(n=1)
    rec = await run_episode(task, task.samples("test")[0], OracleModel(), RunContext(), "test")
    assert rec.score == 1.0 and rec.oracle == OracleAccount() and [t.output for t in rec.trajectory] == ["look", "finish"]
    replay = Replay(["a"], defect="gold answer is wrong")
    assert replay.act([]) == "a" and replay.act([]) == ""
    assert replay.account(SampleScore(score=0.0), Status.COMPLETED).reason == "data_defect"


def test_summary_counts_misses_by_reason_and_lists_the_unexplained():
    def rec(sid: str, score: float, account: OracleAccount | None) -> SampleRecord:
        return SampleRecord(task="t", split="s", sample_id=sid, status=Status.COMPLETED, score=score, oracle=account)

    records = [
        rec("a", 1.0, OracleAccount()),
        rec("b", 1.0, OracleAccount(solvable=False, reason="data_defect")),  # solved anyway: counts as solvable
        rec("c", 0.5, OracleAccount(solvable=False, reason="step_limit")),
        rec("d", 0.0, OracleAccount()),  # a miss nothing explains
        rec("e", 0.0, None),  # not played by the oracle
    ]
    s = oracle_summary(records, 100.0)
    assert s is not None and s.played == 4 and s.solvable == 3
    assert s.explained_misses == {"step_limit": 1} and s.unexplained_misses == ["d"]
    assert abs(s.score_on_solvable - 200.0 / 3) < 1e-9
    assert oracle_summary([rec("e", 0.0, None)], 100.0) is None
