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


async def test_light_environment_runs_on_the_loop_thread_until_a_call_runs_long(monkeypatch):
    """A ``light`` environment's calls run on the loop's thread (no worker-thread hand-offs); a
    call past the limit sends that method of that class to worker threads from then on."""
    import threading

    import harness.task as task_module
    from harness.task import StepResult

    threads: dict[str, set[int]] = {"step": set(), "evaluate": set()}
    clock = iter(range(0, 10_000)).__next__  # each reading 1 s later: every call is "long"

    class LightEnv(task_module.Env):
        light = True

        def reset(self):
            from harness.model import user

            return [user("go")]

        def step(self, action):
            threads["step"].add(threading.get_ident())
            return StepResult(observation="ok", done=action == "finish")

        def evaluate(self, status):
            threads["evaluate"].add(threading.get_ident())
            return task_module.SampleScore(score=1.0)

    class LightTask(CountdownTask):
        def make_env(self, sample, ctx):
            return LightEnv()

    monkeypatch.setattr(task_module, "_heavy_methods", set())
    loop_thread = threading.get_ident()
    rec = await _run(LightTask(), _script("look", "finish"))
    assert rec.status is Status.COMPLETED and rec.score == 1.0
    assert threads == {"step": {loop_thread}, "evaluate": {loop_thread}}

    monkeypatch.setattr(task_module.time, "perf_counter", lambda: float(clock()))
    threads["step"].clear()
    rec = await _run(LightTask(), _script("look", "finish"))
    # the first step ran inline and "long": the second went to a worker thread
    assert rec.status is Status.COMPLETED and (LightEnv, LightEnv.step.__qualname__) in task_module._heavy_methods
    assert loop_thread in threads["step"] and len(threads["step"]) == 2
    threads["step"].clear()
    rec = await _run(LightTask(), _script("look", "finish"))
    assert rec.status is Status.COMPLETED and threads["step"] and loop_thread not in threads["step"]


async def test_blocking_environment_is_evaluated_and_closed_in_one_worker_call():
    calls: list[str] = []

    class Blocking(CountdownTask):
        def make_env(self, sample, ctx):
            env = super().make_env(sample, ctx)
            env.blocking = True
            call = env.call

            async def counted(fn, *args):
                calls.append(fn.__name__)
                return await call(fn, *args)

            env.call = counted
            return env

    task = Blocking()
    rec = await _run(task, _script("look", "finish"))
    assert rec.status is Status.COMPLETED and rec.score == 1.0 and task.envs[0].closed
    assert calls == ["reset", "step", "step", "_evaluate_then_close"]


async def test_finish_closes_when_evaluating_fails_and_keeps_the_score_when_closing_fails():
    class Broken(CountdownTask):
        def __init__(self, fail: str):
            super().__init__()
            self.fail = fail

        def make_env(self, sample, ctx):
            env = super().make_env(sample, ctx)
            env.blocking = True
            base_close = env.close

            def evaluate(status):
                if self.fail == "evaluate":
                    raise RuntimeError("scorer exploded")
                return SampleScore(score=1.0)

            def close():
                base_close()
                if self.fail == "close":
                    raise RuntimeError("close exploded")

            env.evaluate, env.close = evaluate, close
            return env

    from harness.task import SampleScore

    task = Broken("evaluate")
    rec = await _run(task, _script("finish"))
    assert rec.status is Status.ERRORED and "scorer exploded" in rec.error and task.envs[0].closed
    task = Broken("close")
    rec = await _run(task, _script("finish"))
    assert rec.status is Status.COMPLETED and rec.score == 1.0 and rec.error is None and task.envs[0].closed


async def test_retries_wait_as_long_as_the_server_asks_within_a_cap(monkeypatch):
    import harness.resilience as resilience
    from harness.model import TransientModelError as Transient

    slept: list[float] = []

    async def sleep(seconds):
        slept.append(seconds)

    monkeypatch.setattr(resilience.asyncio, "sleep", sleep)
    asks = iter([30.0, None, 10_000.0])

    def answer(request):
        wait = next(asks, "done")
        if wait == "done":
            return "ok"
        raise Transient("HTTP 429", retry_after_s=wait)

    policy = RetryPolicy(attempts=5, base_s=1.0, cap_s=4.0, max_server_wait_s=120.0)
    model = ResilientModel(ScriptedModel(answer), cache=None, retry=policy)
    from harness.model import GenerationRequest, user

    gen = await model.generate(GenerationRequest(messages=(user("hi"),)))
    assert gen.text == "ok" and gen.retries == 3
    assert slept[0] == 30.0 and slept[1] <= 4.0 * 1.5 and slept[2] == 120.0
