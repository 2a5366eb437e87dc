"""The runner: plans a run, keeps the endpoint saturated with bounded concurrency, stores results.

Samples are dispatched in a deterministic order (task order, then sample order). Each task gets
its own workers (at most ``task.max_concurrency``) and every sample also holds one of the
``concurrency`` global slots, so the endpoint sees at most ``concurrency`` samples in flight.
Finished samples are never re-run; errored ones are retried on resume; when nothing is pending
the model is never even built (zero model calls).
"""

from __future__ import annotations

import asyncio
import shutil
import sys
from concurrent.futures import ThreadPoolExecutor
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field

from harness.cache import ResponseCache
from harness.data import ResolvedData, resolve
from harness.errors import HarnessError
from harness.loop import run_episode
from harness.manifest import build_manifest, check_resume
from harness.model import EndpointUnreachable, Model
from harness.progress import RunProgress
from harness.records import SampleRecord
from harness.registry import build_model, task_class
from harness.resilience import ResilientModel, RetryPolicy
from harness.store import RunStore, new_run_id
from harness.summary import TaskSummary, summarize_task
from harness.task import RunContext, Sample, Status, Task

MAX_CONSECUTIVE_ERRORS = 10
"""Consecutive samples lost to endpoint failures (after retries) that abort a run."""
FALLBACK_JUDGE = "smollm2"


class RunOptions(BaseModel):
    """Everything ``harness run`` was asked to do."""

    model: str = "smollm2"
    tasks: list[str] = Field(default_factory=list)
    split: str | None = None
    limit: int | None = None
    concurrency: int = 8
    out: Path | None = None
    resume: Path | None = None
    task_options: dict[str, Any] = Field(default_factory=dict)
    judge: str | None = None
    seed: int = 0
    cache: bool = True
    progress: bool = True
    models_file: Path | None = None
    retry_attempts: int = 5
    command: list[str] = Field(default_factory=list)


@dataclass
class PlannedTask:
    task: Task
    split: str
    samples: list[Sample]
    data: list[ResolvedData]
    pending: list[Sample] = field(default_factory=list)


@dataclass
class RunResult:
    run_dir: Path
    summaries: dict[str, TaskSummary]
    model_calls_made: bool


def runs_root() -> Path:
    import os

    return Path(os.environ.get("HARNESS_RUNS_DIR") or Path("results") / "runs")


def plan_task(name: str, split: str | None, limit: int | None, options: dict[str, Any]) -> PlannedTask:
    """Instantiate a task with its data and select its samples (deterministic, first ``limit``)."""
    cls = task_class(name)
    split = split or cls.default_split
    if split not in cls.splits:
        raise HarnessError(f"task {name!r} has no split {split!r} (splits: {', '.join(cls.splits)})")
    resolved = [resolve(src, cls.sample_data) for src in cls.sources]
    task = cls(data={r.source: Path(r.path) for r in resolved}, options=options)
    return plan_instance(task, split, limit, resolved)


def plan_instance(task: Task, split: str | None, limit: int | None, resolved: list[ResolvedData] | None = None) -> PlannedTask:
    """Select the samples of an instantiated task."""
    name = task.name
    split = split or task.default_split
    try:
        samples = task.samples(split)
    except HarnessError:
        raise
    except (OSError, ValueError, KeyError) as exc:
        raise HarnessError(f"task {name!r}: cannot read its data ({type(exc).__name__}: {exc})") from None
    if limit is not None:
        samples = samples[:limit]
    return PlannedTask(task=task, split=split, samples=samples, data=resolved or [])


def _warn(text: str) -> None:
    print(f"harness: warning: {text}", file=sys.stderr)


async def execute(
    opts: RunOptions, model_override: Model | None = None, task_overrides: list[Task] | None = None
) -> RunResult:
    """Run (or resume) a whole evaluation.

    Python API: ``model_override`` evaluates a ready-made :class:`Model` instead of building
    ``opts.model`` from the registry (``opts.model`` should carry its name); ``task_overrides``
    runs task instances that are not registered as entry points (``opts.tasks`` is ignored).
    """
    run_dir = opts.resume or opts.out
    if opts.resume is not None and not (opts.resume / "manifest.json").is_file():
        raise HarnessError(f"cannot resume {opts.resume}: no manifest.json there")
    if run_dir is None:
        run_dir = runs_root() / new_run_id(opts.model)
    fresh_dir = not run_dir.exists()
    plans: list[PlannedTask] = []
    store = RunStore.open(run_dir)
    try:
        previous = store.read_manifest()
        opts = check_resume(opts, previous)
        if task_overrides:
            plans = [plan_instance(t, opts.split, opts.limit) for t in task_overrides]
        elif not opts.tasks:
            raise HarnessError("no task selected: give --task or --suite")
        else:
            plans = [plan_task(n, opts.split, opts.limit, opts.task_options) for n in opts.tasks]
        for p in plans:
            for d in p.data:
                if d.origin == "bundled-sample":
                    _warn(
                        f"{p.task.name}: official data {d.source!r} not pulled; using the bundled sample set "
                        "(scores are NOT comparable; run `harness data pull`)"
                    )
        finished = store.finished()
        for p in plans:
            p.pending = [
                s
                for s in p.samples
                if (rec := finished.get((p.task.name, p.split, s.id))) is None or rec["status"] == Status.ERRORED.value
            ]
        pending_total = sum(len(p.pending) for p in plans)
        model: Model | None = None
        judge: Model | None = None
        cache = ResponseCache() if opts.cache else None
        try:
            if pending_total:
                if model_override is not None:
                    model = ResilientModel(model_override, cache, RetryPolicy(attempts=opts.retry_attempts))
                else:
                    model = await _open_model(opts.model, opts, cache)
                judge = await _open_judge(opts, plans, cache)
            store.write_manifest(build_manifest(opts, run_dir, plans, model, judge, previous))
            if pending_total:
                ctx = RunContext(options=opts.task_options, judge=judge, seed=opts.seed, work_dir=run_dir)

                def refresh_manifest() -> None:  # tasks learn facts at start (server versions...)
                    store.write_manifest(build_manifest(opts, run_dir, plans, model, judge, previous))

                await _run_all(plans, model, ctx, store, opts, refresh_manifest)
        finally:
            for m in (model, judge):
                if m is not None:
                    await m.aclose()
            if cache is not None:
                cache.close()
        summaries = write_summary(store, plans, opts)
        return RunResult(run_dir=run_dir, summaries=summaries, model_calls_made=pending_total > 0)
    except HarnessError:
        if store.samples_path.stat().st_size and plans:
            write_summary(store, plans, opts)  # an aborted run still summarises what finished
        store.close()
        if fresh_dir and not store.samples_path.stat().st_size:
            shutil.rmtree(run_dir, ignore_errors=True)  # bad input: leave no empty run behind
        raise
    finally:
        store.close()


async def _open_model(spec: str, opts: RunOptions, cache: ResponseCache | None) -> Model:
    inner = build_model(spec, opts.models_file)
    try:
        await inner.check()
    except EndpointUnreachable as exc:
        await inner.aclose()
        raise HarnessError(f"model {spec!r}: endpoint unreachable: {exc}") from None
    return ResilientModel(inner, cache, RetryPolicy(attempts=opts.retry_attempts))


async def _open_judge(opts: RunOptions, plans: list[PlannedTask], cache: ResponseCache | None) -> Model | None:
    spec = opts.judge
    if spec is None:
        defaults = [p.task.judge_default for p in plans if p.pending]
        spec = next((d for d in defaults if d), None)
        if spec is None:
            return None
        if _needs_missing_key(spec, opts):
            _warn(
                f"no API key for the default judge {spec!r}: judging with the embedded {FALLBACK_JUDGE!r} "
                "instead (ratings are NOT comparable to the paper's; pass --judge MODEL)"
            )
            spec = FALLBACK_JUDGE
    return await _open_model(spec, opts, cache)


def _needs_missing_key(spec: str, opts: RunOptions) -> bool:
    """True when ``spec`` is an API model whose key is not configured (so it cannot judge here)."""
    import os

    from harness.registry import model_config

    _, cfg = model_config(spec, opts.models_file)
    env_name = cfg.get("api_key_env")
    return bool(env_name) and not cfg.get("api_key") and not os.environ.get(env_name)


async def _run_all(
    plans: list[PlannedTask],
    model: Model,
    ctx: RunContext,
    store: RunStore,
    opts: RunOptions,
    on_started: Callable[[], None] = lambda: None,
) -> None:
    # Blocking environment work and store fsyncs run in threads: size the pool for the
    # concurrency asked for (asyncio's default is only cores + 4).
    asyncio.get_running_loop().set_default_executor(ThreadPoolExecutor(max_workers=max(16, opts.concurrency + 8)))
    slots = asyncio.Semaphore(max(1, opts.concurrency))
    progress = RunProgress(plans, enabled=opts.progress)
    errors_in_a_row = [0]
    abort: list[str] = []
    started: list[Task] = []

    loop = asyncio.get_running_loop()

    def book(plan: PlannedTask, record: SampleRecord) -> None:
        """Store and count a finished sample. Scheduled with call_soon, so that a worker sends its
        next request before the bookkeeping of the answers that arrived together with its own;
        the line is written within the same event-loop pass."""
        store.append_line(record)
        progress.update(plan, record)
        if record.status is Status.ERRORED and record.error_kind == "endpoint":
            # only a dead endpoint stops the run; environment or judge-parsing failures are
            # recorded (and retried on resume) without stopping the others
            errors_in_a_row[0] += 1
            if errors_in_a_row[0] >= MAX_CONSECUTIVE_ERRORS:
                abort.append(record.error or "unknown error")
        else:
            errors_in_a_row[0] = 0

    async def worker(plan: PlannedTask, queue: deque[Sample]) -> None:
        while queue and not abort:
            sample = queue.popleft()
            async with slots:
                if abort:
                    return
                record = await run_episode(plan.task, sample, model, ctx, plan.split)
            loop.call_soon(book, plan, record)

    try:
        with progress:
            coros = []
            for plan in plans:
                if not plan.pending:
                    continue
                await plan.task.start(ctx)
                started.append(plan.task)
                queue = deque(plan.pending)
                n_workers = min(opts.concurrency, plan.task.max_concurrency or opts.concurrency, len(queue))
                coros.extend(worker(plan, queue) for _ in range(max(1, n_workers)))
            on_started()
            await asyncio.gather(*coros)
            await asyncio.sleep(0)  # let the last scheduled bookkeeping run
    finally:
        for task in reversed(started):
            try:
                await task.stop()
            except Exception as exc:  # stopping a service must not hide the results
                _warn(f"{task.name}: stop failed: {exc}")
    if abort:
        first_line = abort[0].splitlines()[0] if abort[0] else "unknown error"
        raise HarnessError(f"aborted after {MAX_CONSECUTIVE_ERRORS} consecutive errored samples; last error: {first_line}")


def write_summary(store: RunStore, plans: list[PlannedTask], opts: RunOptions) -> dict[str, TaskSummary]:
    """Summarize every task of the run from the store (the source of truth) into summary.json."""
    latest = store.finished()
    summaries: dict[str, TaskSummary] = {}
    for p in plans:
        records = [r for (t, sp, _), r in latest.items() if t == p.task.name and sp == p.split]
        planned_ids = {s.id for s in p.samples}
        stored_ids = {r["sample_id"] for r in records}
        origin = ",".join(sorted({d.origin for d in p.data})) or "official"
        summaries[p.task.name] = summarize_task(p.task, p.split, records, len(planned_ids | stored_ids), origin)
    manifest = store.read_manifest() or {}
    store.write_summary(
        {
            "run_id": manifest.get("run_id", store.root.name),
            "model": (manifest.get("model") or {}).get("name", opts.model),
            "judge": (manifest.get("judge") or {}).get("name"),
            "updated": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "tasks": {k: v.model_dump(mode="json") for k, v in summaries.items()},
        }
    )
    return summaries

