"""The agent loop's outcome taxonomy, trajectory records, retries and oracle replay."""

from __future__ import annotations

from harness.loop import run_episode
from harness.model import ContextLimitError, PermanentModelError
from harness.oracle import OracleModel
from harness.resilience import ResilientModel, RetryPolicy
from harness.task import RunContext, Status
from tests.core.fakes import CountdownTask, ScriptedModel

FAST = RetryPolicy(attempts=4, base_s=0.001, cap_s=0.002)


def _script(*outputs):
    it = iter(outputs)
    return ScriptedModel(lambda r: next(it))


async def _run(task, model, i=0):
    sample = task.samples("test")[i]
    return await run_episode(task, sample, model, RunContext(), "test")


async def test_completed_episode_records_every_turn():
    task = CountdownTask()
    rec = await _run(task, _script("look", "finish"))
    assert rec.status is Status.COMPLETED and rec.score == 1.0
    assert [t.output for t in rec.trajectory] == ["look", "finish"]
    assert rec.trajectory[0].observation == "obs after look"
    assert rec.messages[0].content == "task s0"
    assert rec.prompt_tokens == 6 and rec.completion_tokens == 4
    assert task.envs[0].closed


async def test_history_grows_with_outputs_and_observations():
    seen = []

    def fn(req):
        seen.append([m.content for m in req.messages])
        return "look" if len(seen) < 2 else "finish"

    await _run(CountdownTask(), ScriptedModel(fn))
    assert seen[1] == ["task s0", "look", "obs after look"]


async def test_turn_limit_is_scored():
    rec = await _run(CountdownTask(), ScriptedModel(lambda r: "look"))
    assert rec.status is Status.TASK_LIMIT_REACHED and rec.score == 0.0 and rec.turns == 4


async def test_invalid_actions_end_scored():
    rec = await _run(CountdownTask(), ScriptedModel(lambda r: "bad"))
    assert rec.status is Status.INVALID_ACTION and rec.score == 0.0
    assert all(t.invalid for t in rec.trajectory)


async def test_context_limit_is_scored():
    model = ScriptedModel(fail_first=99, error=ContextLimitError)
    rec = await _run(CountdownTask(), model)
    assert rec.status is Status.CONTEXT_LIMIT and rec.score == 0.0


async def test_environment_crash_is_errored_not_scored():
    task = CountdownTask()
    rec = await _run(task, ScriptedModel(lambda r: "crash"))
    assert rec.status is Status.ERRORED and rec.score is None
    assert "environment exploded" in rec.error
    assert task.envs[0].closed


async def test_transient_errors_are_retried_then_succeed():
    inner = ScriptedModel(lambda r: "finish", fail_first=2)
    rec = await _run(CountdownTask(), ResilientModel(inner, None, FAST))
    assert rec.status is Status.COMPLETED and inner.calls == 3
    assert rec.trajectory[0].retries == 2


async def test_transient_errors_exhaust_retries_to_errored():
    inner = ScriptedModel(fail_first=99)
    rec = await _run(CountdownTask(), ResilientModel(inner, None, FAST))
    assert rec.status is Status.ERRORED and inner.calls == FAST.attempts


async def test_permanent_errors_are_not_retried():
    inner = ScriptedModel(fail_first=99, error=PermanentModelError)
    rec = await _run(CountdownTask(), ResilientModel(inner, None, FAST))
    assert rec.status is Status.ERRORED and inner.calls == 1


async def test_time_limit_is_scored():
    class Slow(CountdownTask):
        time_limit_s = 0.05

    rec = await _run(Slow(), ScriptedModel(lambda r: "look", delay=0.02))
    assert rec.status is Status.TIME_LIMIT and rec.score == 0.0


async def test_oracle_replays_gold():
    rec = await _run(CountdownTask(), OracleModel())
    assert rec.status is Status.COMPLETED and rec.score == 1.0


async def test_sampled_requests_get_deterministic_seeds():
    from harness.model import GenParams

    class Sampled(CountdownTask):
        generation = GenParams(temperature=0.7)

    seeds = []
    model = ScriptedModel(lambda r: seeds.append(r.params.seed) or "finish")
    await _run(Sampled(), model)
    await _run(Sampled(), model)
    await _run(Sampled(), model, i=1)
    assert seeds[0] == seeds[1] != seeds[2] and seeds[0] is not None


async def test_replaced_context_does_not_repeat_the_initial_prefix():
    from harness.model import user as u
    from harness.schema import SampleRecord, full_next_messages
    from harness.task import StepResult

    class Staged(CountdownTask):
        def make_env(self, sample, ctx):
            env = super().make_env(sample, ctx)
            base_step = env.step

            def step(action):
                if action == "stage":
                    return StepResult(next_messages=[*env.first, u("stage 2")])
                return base_step(action)

            first = env.reset()
            env.first = first
            env.reset = lambda: first
            env.step = step
            return env

    rec = await _run(Staged(), _script("stage", "finish"))
    turn = rec.trajectory[0]
    assert turn.next_messages_prefix == 1 and [m.content for m in turn.next_messages] == ["stage 2"]
    stored = SampleRecord.model_validate_json(rec.model_dump_json())
    full = full_next_messages(stored.messages, stored.trajectory[0])
    assert [m.content for m in full] == ["task s0", "stage 2"]


async def test_a_timeout_inside_the_environment_is_an_error_not_the_time_limit():
    class Hangs(CountdownTask):
        time_limit_s = 30.0

        def make_env(self, sample, ctx):
            env = super().make_env(sample, ctx)

            def step(action):
                raise TimeoutError("no browser became free")

            env.step = step
            return env

    rec = await _run(Hangs(), _script("look"))
    assert rec.status is Status.ERRORED and "no browser became free" in rec.error


async def test_time_limit_waits_for_a_blocking_step_before_evaluating():
    import threading
    import time as _time

    events = []

    class SlowBlocking(CountdownTask):
        time_limit_s = 0.05

        def make_env(self, sample, ctx):
            env = super().make_env(sample, ctx)
            env.blocking = True
            base_eval = env.evaluate

            def step(action):
                _time.sleep(0.3)
                events.append(("step-done", threading.get_ident()))
                return StepResult(observation="late")

            def evaluate(status):
                events.append(("evaluate", None))
                return base_eval(status)

            env.step, env.evaluate = step, evaluate
            return env

    from harness.task import StepResult

    rec = await _run(SlowBlocking(), _script("look"))
    assert rec.status is Status.TIME_LIMIT
    assert [e[0] for e in events] == ["step-done", "evaluate"]
