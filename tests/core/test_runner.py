"""The runner: bounded concurrency, resume with zero model calls, the response cache."""

from __future__ import annotations

import asyncio
import json

from harness.cache import ResponseCache, request_key
from harness.model import Generation, GenerationRequest, GenParams, user
from harness.runner import RunOptions, execute
from tests.core.fakes import ScriptedModel

GSM_LIMIT = 5


def _opts(tmp_path, **kw) -> RunOptions:
    base = dict(model="scripted", tasks=["gsm8k"], out=tmp_path / "run", progress=False, cache=False)
    base.update(kw)
    return RunOptions(**base)


class BarrierModel(ScriptedModel):
    """Every call waits until ``parties`` calls are in flight together: a runner that keeps fewer
    in flight never gets an answer (the test fails by its guard, not by a timing), one that keeps
    more shows a peak above ``parties``."""

    def __init__(self, parties: int):
        super().__init__(lambda r: "finish")
        self.barrier = asyncio.Barrier(parties)

    async def generate(self, request):
        self.calls += 1
        self.in_flight += 1
        self.peak = max(self.peak, self.in_flight)
        try:
            await self.barrier.wait()
            return Generation(text=self.fn(request))
        finally:
            self.in_flight -= 1


async def test_concurrency_is_bounded_and_saturated(tmp_path):
    from tests.core.fakes import CountdownTask

    model = BarrierModel(8)
    # 40 one-turn episodes at concurrency 8: five full waves of 8, or a deadlock the guard reports
    run = execute(_opts(tmp_path, tasks=[], concurrency=8), model_override=model, task_overrides=[CountdownTask(n=40)])
    result = await asyncio.wait_for(run, 300)
    assert model.peak == 8
    assert result.summaries["countdown"].n == 40


async def test_resume_skips_finished_and_makes_zero_calls(tmp_path):
    model = ScriptedModel(lambda r: "The answer is 1")
    await execute(_opts(tmp_path, limit=GSM_LIMIT), model_override=model)
    assert model.calls == GSM_LIMIT
    again = ScriptedModel(lambda r: "The answer is 1")
    result = await execute(_opts(tmp_path, limit=GSM_LIMIT, out=None, resume=tmp_path / "run", tasks=[]), model_override=again)
    assert again.calls == 0 and not result.model_calls_made
    lines = (tmp_path / "run" / "samples.jsonl").read_text().splitlines()
    assert len(lines) == GSM_LIMIT


async def test_errored_samples_are_retried_on_resume(tmp_path):
    from harness.model import PermanentModelError

    broken = ScriptedModel(fail_first=10**6, error=PermanentModelError)
    first = await execute(_opts(tmp_path, limit=3), model_override=broken)
    assert first.summaries["gsm8k"].n_errored == 3 and first.summaries["gsm8k"].score is None
    fixed = ScriptedModel(lambda r: "The answer is 1")
    second = await execute(_opts(tmp_path, limit=3), model_override=fixed)
    assert fixed.calls == 3
    s = second.summaries["gsm8k"]
    assert s.n == 3 and s.n_errored == 0
    summary = json.loads((tmp_path / "run" / "summary.json").read_text())
    assert summary["tasks"]["gsm8k"]["n"] == 3


async def test_oracle_scores_100_on_sample(tmp_path):
    result = await execute(_opts(tmp_path, model="oracle", limit=GSM_LIMIT))
    s = result.summaries["gsm8k"]
    # every miss explained (the bundled sample has a negative answer the original extraction cannot read)
    oracle = s.oracle
    assert s.n == GSM_LIMIT and oracle is not None and oracle.played == GSM_LIMIT
    assert oracle.score_on_solvable == 100.0 and not oracle.unexplained_misses
    assert s.score == 100.0 * (GSM_LIMIT - sum(oracle.explained_misses.values())) / GSM_LIMIT
    manifest = json.loads((tmp_path / "run" / "manifest.json").read_text())
    assert manifest["model"]["adapter"] == "oracle"
    assert manifest["tasks"][0]["data"][0]["sha256"]


def test_cache_hits_greedy_and_skips_sampled(tmp_path):
    cache = ResponseCache(tmp_path / "c.sqlite")
    from harness.model import Generation

    req = GenerationRequest(messages=(user("hi"),), params=GenParams())
    key = request_key("m", req)
    assert cache.get(key) is None
    cache.put(key, Generation(text="yo", latency_s=1.0))
    hit = cache.get(key)
    assert hit.text == "yo" and hit.cached and hit.latency_s == 0.0
    other = GenerationRequest(messages=(user("hi!"),), params=GenParams())
    assert request_key("m", other) != key and request_key("n", req) != key
    assert GenParams(temperature=0.7).sampling and not GenParams().sampling


async def test_rerun_with_cache_costs_no_model_time(tmp_path):
    model = ScriptedModel(lambda r: "The answer is 1")
    await execute(_opts(tmp_path, limit=3, cache=True), model_override=model)
    again = ScriptedModel(lambda r: "The answer is 1")
    await execute(_opts(tmp_path, limit=3, cache=True, out=tmp_path / "run2"), model_override=again)
    assert model.calls == 3 and again.calls == 0
    recs = [json.loads(x) for x in (tmp_path / "run2" / "samples.jsonl").read_text().splitlines()]
    assert all(r["trajectory"][0]["cached"] for r in recs)


async def test_each_task_is_judged_by_its_own_default(tmp_path):
    """A run of two judged tasks gives each its own default judge (not the first task's), records
    it per task and marks a substitute judge as not comparable only where it is one."""
    from typing import ClassVar

    from tests.core.fakes import CountdownTask

    models = tmp_path / "models.toml"
    models.write_text('[models.judge-a]\nadapter = "oracle"\n[models.judge-b]\nadapter = "oracle"\n')

    class JudgedA(CountdownTask):
        name: ClassVar[str] = "judged_a"
        judge_default = "judge-a"

    class JudgedB(CountdownTask):
        name: ClassVar[str] = "judged_b"
        judge_default = "judge-b"

    seen: dict[str, str | None] = {}

    class Spy(CountdownTask):
        name: ClassVar[str] = "plain"

        async def start(self, ctx):
            seen[self.name] = ctx.judge.name if ctx.judge else None

    opts = RunOptions(model="oracle", out=tmp_path / "run", progress=False, cache=False, models_file=models)
    result = await execute(opts, task_overrides=[JudgedA(n=1), JudgedB(n=1), Spy(n=1)])
    manifest = json.loads((tmp_path / "run" / "manifest.json").read_text())
    judges = {t["name"]: t["judge"] for t in manifest["tasks"]}
    assert judges == {"judged_a": "judge-a", "judged_b": "judge-b", "plain": None} and seen == {"plain": None}
    assert all(s.protocol.comparable for s in result.summaries.values())
    again = await execute(opts.model_copy(update={"judge": "judge-b", "out": tmp_path / "run2"}),
                          task_overrides=[JudgedA(n=1), JudgedB(n=1)])
    assert not again.summaries["judged_a"].protocol.comparable and again.summaries["judged_b"].protocol.comparable
    assert "judge 'judge-b' instead of the protocol's 'judge-a'" in again.summaries["judged_a"].protocol.reasons


async def test_tasks_learn_the_samples_they_will_play_in_order(tmp_path):
    """``Task.upcoming``: called once per invocation, after ``start``, with the pending samples in
    the order their episodes start (a resume names only the ones left)."""
    from typing import ClassVar

    from tests.core.fakes import CountdownTask

    class Planner(CountdownTask):
        name: ClassVar[str] = "planner"

        def __init__(self, **kw):
            super().__init__(**kw)
            self.events: list[tuple[str, list[str]]] = []

        async def start(self, ctx):
            self.events.append(("start", []))

        def upcoming(self, samples):
            self.events.append(("upcoming", [s.id for s in samples]))

        def make_env(self, sample, ctx):
            self.events.append(("episode", [sample.id]))
            return super().make_env(sample, ctx)

    opts = RunOptions(model="oracle", out=tmp_path / "run", progress=False, cache=False, limit=3, concurrency=1)
    first = Planner(n=5)
    await execute(opts, task_overrides=[first])
    assert first.events == [("start", []), ("upcoming", ["s0", "s1", "s2"]),
                            ("episode", ["s0"]), ("episode", ["s1"]), ("episode", ["s2"])]
    resumed = Planner(n=5)
    await execute(opts.model_copy(update={"out": None, "resume": tmp_path / "run", "limit": 5}), task_overrides=[resumed])
    assert resumed.events[:2] == [("start", []), ("upcoming", ["s3", "s4"])]
