"""The one agent loop: messages -> model text -> env step -> ... until done or a limit.

Every task, single-turn or interactive, runs through :func:`run_episode`. It records the whole
trajectory and classifies the outcome (:class:`harness.task.Status`). Endpoint failures that
survive the retries, and environment crashes, end the sample as ``ERRORED`` (not scored,
retried on resume); everything the model does wrong is scored.
"""

from __future__ import annotations

import asyncio
import time
import traceback
import zlib

from harness.model import ContextLimitError, GenerationRequest, GenParams, Message, Model, ModelError
from harness.schema import OracleAccount, SampleRecord, TurnRecord
from harness.task import RunContext, Sample, SampleScore, Status, Task

_ASSISTANT = "assistant"
_USER = "user"


def _error_text(exc: BaseException) -> str:
    text = f"{type(exc).__name__}: {exc}"
    return text if len(text) < 2000 else text[:2000] + "…"


async def run_episode(task: Task, sample: Sample, model: Model, ctx: RunContext, split: str) -> SampleRecord:
    """Play one sample to the end and return its record (never raises for model/env failures)."""
    started = time.monotonic()
    env = None
    trajectory: list[TurnRecord] = []
    initial: list[Message] = []
    status: Status | None = None
    error: str | None = None
    error_kind: str | None = None
    score: SampleScore | None = None
    account: OracleAccount | None = None
    totals = [0, 0, 0.0]  # prompt tokens, completion tokens, model seconds
    closed = False
    try:
        env = task.make_env(sample, ctx)
        model = model.bind(task, sample, env)  # the oracle binds to the live environment
        if task.time_limit_s is None:
            status, initial = await _play(task, sample, model, env, trajectory, totals, ctx.seed)
        else:
            limit = asyncio.timeout(task.time_limit_s)
            try:
                async with limit:
                    status, initial = await _play(task, sample, model, env, trajectory, totals, ctx.seed)
            except TimeoutError:
                if not limit.expired():
                    raise  # a timeout inside the environment or model: not the sample's time limit
                status = Status.TIME_LIMIT
                await env.settle()  # a blocking step still running in its thread must end first
        if status.scored:
            closed = True  # afinish closes the environment, whatever happens
            score = await env.afinish(status)
            account = model.oracle_account(score, status)
    except ModelError as exc:  # endpoint failure after the retries (the model's or the judge's)
        status, error, error_kind = Status.ERRORED, _error_text(exc), "endpoint"
    except Exception as exc:  # an environment failure: not the model's fault, retried on resume
        status, error = Status.ERRORED, _error_text(exc) + "\n" + traceback.format_exc(limit=6)
        error_kind = "environment"
    finally:
        try:
            if env is not None and not closed:
                await env.aclose()
        except Exception as exc:  # a failing close must not lose a finished sample
            if error is None and status is not None and not status.scored:
                error = _error_text(exc)
    return SampleRecord.model_construct(
        task=task.name,
        split=split,
        sample_id=sample.id,
        status=status,
        score=score.score if score is not None else None,
        metrics=score.metrics if score is not None else {},
        turns=len(trajectory),
        prompt_tokens=totals[0],
        completion_tokens=totals[1],
        wall_s=time.monotonic() - started,
        model_s=totals[2],
        error=error,
        error_kind=error_kind,
        oracle=account,
        messages=initial,
        trajectory=trajectory,
        attempt=1,
        finished_at=time.time(),
    )


def _shared_prefix(a: list[Message], b: list[Message]) -> int:
    n = 0
    for x, y in zip(a, b):
        if x is not y and x != y:
            break
        n += 1
    return n


def _seeded(params: GenParams, run_seed: int, task: str, sample_id: str) -> GenParams:
    """Sampled requests get a seed derived from (run seed, task, sample): reproducible runs."""
    if not params.sampling or params.seed is not None:
        return params
    return params.model_copy(update={"seed": zlib.crc32(f"{run_seed}/{task}/{sample_id}".encode())})


async def _play(task, sample, model, env, trajectory, totals, run_seed) -> tuple[Status, list[Message]]:
    """The turn loop proper; returns the final status and the initial messages."""
    history = list(await env.areset())
    initial = list(history)
    params = _seeded(task.params(sample), run_seed, task.name, sample.id)
    for _ in range(task.max_turns):
        request = GenerationRequest.model_construct(
            messages=tuple(env.context(history)), params=params, choices=env.choices, raw_prompt=env.raw_prompt,
            rendering=task.rendering,
        )
        try:
            gen = await model.generate(request)
        except ContextLimitError:
            return Status.CONTEXT_LIMIT, initial
        totals[0] += gen.prompt_tokens
        totals[1] += gen.completion_tokens
        totals[2] += gen.latency_s
        env.last_generation = gen
        t_env = time.monotonic()
        result = await env.astep(gen.text)
        env_s = time.monotonic() - t_env
        stored_next, shared = result.next_messages, 0
        if stored_next is not None:
            shared = _shared_prefix(initial, stored_next)
            stored_next = stored_next[shared:]
        trajectory.append(
            TurnRecord.model_construct(
                output=gen.text,
                observation=result.observation,
                reward=result.reward,
                done=result.done,
                invalid=result.invalid,
                prompt_tokens=gen.prompt_tokens,
                completion_tokens=gen.completion_tokens,
                model_s=gen.latency_s,
                env_s=env_s,
                cached=gen.cached,
                retries=gen.retries,
                next_messages=stored_next,
                next_messages_prefix=shared,
                choice_logprobs=gen.choice_logprobs,
                info=result.info,
            )
        )
        if result.done:
            return result.status or Status.COMPLETED, initial
        if result.params is not None:
            params = _seeded(result.params, run_seed, task.name, sample.id)
        if result.next_messages is not None:
            history = list(result.next_messages)
        else:
            history.append(Message.model_construct(role=_ASSISTANT, content=gen.text))
            if result.observation is not None:
                history.append(Message.model_construct(role=_USER, content=result.observation))
    return Status.TASK_LIMIT_REACHED, initial
