"""The runner: plans a run, keeps the endpoint saturated with bounded concurrency, stores results.

One run (or resume) goes through four steps, each a function below:

1. :func:`open_run` — the run directory (locked), the previous manifest on resume, and every check
   of the command line that needs no data: task names and options, splits, the model spec.
2. :func:`plan_run` — data resolved (official or bundled sample, with a warning), tasks
   instantiated, samples selected, the ones already finished skipped.
3. :func:`run_pending` — models opened only when something is pending, tasks' shared services
   started, samples dispatched in a deterministic order (task order, then sample order): each
   task gets its own workers (at most ``task.max_concurrency``) and every sample also holds one of
   the ``concurrency`` global slots, so the endpoint sees at most ``concurrency`` samples in flight.
   Where the environments live is the executor's business (:mod:`harness.executors`: this
   process, or Ray actors with ``--executor ray``); the loop and the store are the same.
4. :func:`finalize` — ``summary.json`` from the store, the invocation's wall time in the manifest.

Finished samples are never re-run; errored ones are retried on resume; when nothing is pending
the model is never even built (zero model calls).
"""

from __future__ import annotations

import asyncio
import os
import shutil
import sys
import time
from collections import deque
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from harness.cache import ResponseCache
from harness.errors import HarnessError
from harness.executors import make_executor
from harness.manifest import build_manifest, check_resume, record_invocation
from harness.model import EndpointUnreachable, Model
from harness.plan import (
    PlannedTask,
    RunOptions,
    check_split,
    plan_instance,
    plan_task,
    split_task_options,
    task_classes,
)
from harness.progress import RunProgress
from harness.registry import build_model, model_config
from harness.resilience import ResilientModel, RetryPolicy
from harness.schema import SCHEMA_VERSION, Manifest, RunSummary, SampleRecord, Status, TaskSummary
from harness.store import RunStore, new_run_id
from harness.summary import summarize_task
from harness.task import RunContext, Task

__all__ = ["PlannedTask", "RunOptions", "RunResult", "execute", "runs_root"]

MAX_CONSECUTIVE_ERRORS = 10
"""Consecutive samples lost to endpoint failures (after retries) that abort a run."""
FALLBACK_JUDGE = "smollm2"


@dataclass
class RunResult:
    run_dir: Path
    summaries: dict[str, TaskSummary]
    model_calls_made: bool

    @property
    def n_errored(self) -> int:
        return sum(s.n_errored for s in self.summaries.values())


@dataclass
class RunSession:
    """The state of one invocation of ``harness run`` on one run directory."""

    opts: RunOptions
    run_dir: Path
    store: RunStore
    fresh_dir: bool
    previous: Manifest | None
    started: float = field(default_factory=time.monotonic)
    plans: list[PlannedTask] = field(default_factory=list)
    manifest: Manifest | None = None


def runs_root() -> Path:
    return Path(os.environ.get("HARNESS_RUNS_DIR") or Path("results") / "runs")


def _warn(text: str) -> None:
    print(f"harness: warning: {text}", file=sys.stderr)


# -- 1. open -------------------------------------------------------------------------------------


def open_run(opts: RunOptions, check_model: bool = True, task_overrides: list[Task] | None = None) -> RunSession:
    """Lock the run directory and validate everything that needs no data (exit 2 on bad input)."""
    if opts.resume is not None and not (opts.resume / "manifest.json").is_file():
        raise HarnessError(f"cannot resume {opts.resume}: no manifest.json there")
    run_dir = opts.resume or opts.out or runs_root() / new_run_id(opts.model)
    fresh_dir = not run_dir.exists()
    store = RunStore.open(run_dir)
    session = RunSession(opts=opts, run_dir=run_dir, store=store, fresh_dir=fresh_dir, previous=None)
    try:
        session.previous = store.read_manifest()
        session.opts = opts = check_resume(opts, session.previous)
        if not task_overrides:
            if not opts.tasks:
                raise HarnessError("no task selected: give --task or --suite")
            classes = task_classes(opts.tasks)
            split_task_options(opts.task_options, classes)
            for cls in classes.values():
                check_split(cls, opts.split)
        if check_model:
            model_config(opts.model, opts.models_file)
        if opts.judge:
            model_config(opts.judge, opts.models_file)
    except BaseException:
        abandon(session)
        raise
    return session


def abandon(session: RunSession) -> None:
    """Close the store after bad input; a run directory this invocation created and left empty
    is removed (bad input leaves no run behind)."""
    store = session.store
    store.close()
    if session.fresh_dir and not (store.samples_path.exists() and store.samples_path.stat().st_size):
        shutil.rmtree(session.run_dir, ignore_errors=True)


# -- 2. plan -------------------------------------------------------------------------------------


def plan_run(session: RunSession, task_overrides: list[Task] | None = None) -> list[PlannedTask]:
    """Resolve data, instantiate the tasks, select their samples and the pending ones."""
    opts = session.opts
    if task_overrides:
        plans = [plan_instance(t, opts.split, opts.limit) for t in task_overrides]
    else:
        classes = task_classes(opts.tasks)
        options = split_task_options(opts.task_options, classes)
        plans = [plan_task(cls, opts.split, opts.limit, options[name]) for name, cls in classes.items()]
    for p in plans:
        for d in p.data:
            if d.origin == "bundled-sample":
                _warn(
                    f"{p.task.name}: official data {d.source!r} not pulled; using the bundled sample set "
                    "(scores are NOT comparable; run `harness data pull`)"
                )
    finished = session.store.finished()
    for p in plans:
        p.pending = [
            s
            for s in p.samples
            if (rec := finished.get((p.task.name, p.split, s.id))) is None or rec.status is Status.ERRORED
        ]
    session.plans = plans
    return plans


# -- 3. run --------------------------------------------------------------------------------------


class ModelPool:
    """The run's models: the one under test, the judge and auxiliary models (``ctx.models``),
    each opened once (endpoint checked), wrapped with retries and the cache, closed at the end."""

    def __init__(self, opts: RunOptions, cache: ResponseCache | None):
        self.opts = opts
        self.cache = cache
        self._open: dict[str, Model] = {}
        self._lock = asyncio.Lock()

    async def get(self, spec: str) -> Model:
        async with self._lock:
            if spec not in self._open:
                self._open[spec] = await _open_model(spec, self.opts, self.cache)
            return self._open[spec]

    def wrap(self, model: Model) -> Model:
        return ResilientModel(model, self.cache, RetryPolicy(attempts=self.opts.retry_attempts))

    def missing_key(self, spec: str) -> bool:
        """True when ``spec`` is an API model whose key is not configured (a task then falls back)."""
        return _needs_missing_key(spec, self.opts)

    async def aclose(self) -> None:
        for model in self._open.values():
            await model.aclose()
        self._open.clear()


async def _open_model(spec: str, opts: RunOptions, cache: ResponseCache | None) -> Model:
    inner = build_model(spec, opts.models_file)
    try:
        await inner.check()
    except EndpointUnreachable as exc:
        await inner.aclose()
        raise HarnessError(f"model {spec!r}: endpoint unreachable: {exc}") from None
    return ResilientModel(inner, cache, RetryPolicy(attempts=opts.retry_attempts))


def judge_spec(opts: RunOptions, task: Task, warned: set[str]) -> str | None:
    """The judge a task is judged with: ``--judge``, else the task's default (the embedded model,
    with a warning, when that default needs an API key that is not configured)."""
    if opts.judge is not None:
        return opts.judge
    spec = task.judge_default
    if spec is not None and _needs_missing_key(spec, opts):
        if spec not in warned:
            warned.add(spec)
            _warn(
                f"no API key for the default judge {spec!r}: judging with the embedded {FALLBACK_JUDGE!r} "
                "instead (judged scores are NOT comparable to the paper's; pass --judge MODEL)"
            )
        return FALLBACK_JUDGE
    return spec


def _needs_missing_key(spec: str, opts: RunOptions) -> bool:
    """True when ``spec`` is an API model whose key is not configured (so it cannot judge here)."""
    _, cfg = model_config(spec, opts.models_file)
    env_name = cfg.get("api_key_env")
    return bool(env_name) and not cfg.get("api_key") and not os.environ.get(env_name)


async def run_pending(session: RunSession, model_override: Model | None = None) -> bool:
    """Play every pending sample; returns whether any model call could have been made."""
    opts, store, plans = session.opts, session.store, session.plans
    pending_total = sum(len(p.pending) for p in plans)
    cache = ResponseCache() if opts.cache else None
    pool = ModelPool(opts, cache)
    model: Model | None = None
    judges: dict[str, Model] = {}
    try:
        if pending_total:
            model = pool.wrap(model_override) if model_override is not None else await pool.get(opts.model)
            warned: set[str] = set()
            for p in plans:
                p.judge = judge_spec(opts, p.task, warned) if p.pending else None
                if p.judge is not None and p.judge not in judges:
                    judges[p.judge] = await pool.get(p.judge)
        for p in plans:
            if p.judge is None and session.previous is not None and (old := session.previous.task(p.task.name)):
                p.judge = old.judge  # nothing to run for it: keep what it was judged with

        def write_manifest() -> None:  # refreshed after start-up: tasks learn facts (server versions...)
            judge = next(iter(judges.values()), None)
            manifest = build_manifest(opts, session.run_dir, plans, model, judge, session.previous)
            if session.manifest is None:
                manifest = record_invocation(manifest, opts, None)
            else:
                manifest = manifest.model_copy(update={"invocations": session.manifest.invocations})
            session.manifest = manifest
            store.write_manifest(manifest)

        write_manifest()
        if pending_total:
            assert model is not None
            contexts = {
                p.task.name: RunContext(judge=judges.get(p.judge or ""), models=pool, seed=opts.seed, work_dir=session.run_dir)
                for p in plans
            }
            await _run_all(plans, model, contexts, store, opts, write_manifest)
    finally:
        await pool.aclose()
        if model_override is not None and model is not None:
            await model.aclose()
        if cache is not None:
            cache.close()
    return pending_total > 0


async def _run_all(
    plans: list[PlannedTask],
    model: Model,
    contexts: dict[str, RunContext],
    store: RunStore,
    opts: RunOptions,
    on_started: Callable[[], None] = lambda: None,
) -> None:
    # Blocking environment work and store fsyncs run in threads: size the pool for the
    # concurrency asked for (asyncio's default is only cores + 4).
    asyncio.get_running_loop().set_default_executor(ThreadPoolExecutor(max_workers=max(16, opts.concurrency + 8)))
    slots = asyncio.Semaphore(opts.concurrency)
    progress = RunProgress(plans, enabled=opts.progress)
    errors_in_a_row = [0]
    abort: list[str] = []
    started: list[PlannedTask] = []
    executor = make_executor(opts, model, plans)

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

    async def worker(plan: PlannedTask, queue: deque) -> None:
        async with executor.worker(plan, contexts[plan.task.name], lambda: not queue or bool(abort)) as play:
            if play is None:
                return
            while queue and not abort:
                sample = queue.popleft()
                async with slots:
                    if abort:
                        return
                    record = await play(sample)
                loop.call_soon(book, plan, record)

    try:
        with progress:
            lanes: list[tuple[PlannedTask, deque, int]] = []
            for plan in plans:
                if not plan.pending:
                    continue
                await executor.start(plan, contexts[plan.task.name])
                started.append(plan)
                queue = deque(plan.pending)
                lanes.append((plan, queue, executor.workers(plan, opts, len(queue))))
            on_started()
            # the workers are created only once every task has started: a task that fails to start
            # leaves no coroutine behind
            workers = [asyncio.ensure_future(worker(plan, queue)) for plan, queue, n in lanes for _ in range(n)]
            try:
                await asyncio.gather(*workers)
            except HarnessError:  # an executor could not go on (e.g. a host failed to start)
                for w in workers:
                    w.cancel()
                raise
            await asyncio.sleep(0)  # let the last scheduled bookkeeping run
    finally:
        for plan in reversed(started):
            try:
                await executor.stop(plan)
            except Exception as exc:  # stopping a service must not hide the results
                _warn(f"{plan.task.name}: stop failed: {exc}")
        await executor.aclose()
    if abort:
        first_line = abort[0].splitlines()[0] if abort[0] else "unknown error"
        raise HarnessError(f"aborted after {MAX_CONSECUTIVE_ERRORS} consecutive errored samples; last error: {first_line}")


# -- 4. finalize ---------------------------------------------------------------------------------


def finalize(session: RunSession) -> dict[str, TaskSummary]:
    """Summarize every task of the run from the store (the source of truth) into summary.json,
    and record this invocation's wall time in the manifest."""
    store = session.store
    manifest = session.manifest or store.read_manifest()
    if manifest is not None and manifest.invocations:
        invocations = list(manifest.invocations)
        invocations[-1] = invocations[-1].model_copy(update={"wall_s": round(time.monotonic() - session.started, 3)})
        manifest = manifest.model_copy(update={"invocations": invocations})
        store.write_manifest(manifest)
    latest = store.finished()
    summaries: dict[str, TaskSummary] = {}
    for p in session.plans:
        records = [r for (t, sp, _), r in latest.items() if t == p.task.name and sp == p.split]
        planned_ids = {s.id for s in p.samples}
        stored_ids = {r.sample_id for r in records}
        previous_task = manifest.task(p.task.name) if manifest is not None else None
        protocol = previous_task.protocol if previous_task is not None else p.comparability()
        summaries[p.task.name] = summarize_task(p.task, p.split, records, len(planned_ids | stored_ids), p.data_origin, protocol)
    wall = sum(i.wall_s or 0.0 for i in manifest.invocations) if manifest is not None else 0.0
    store.write_summary(
        RunSummary(
            schema_version=SCHEMA_VERSION,
            run_id=manifest.run_id if manifest is not None else store.root.name,
            model=(manifest.model.name if manifest is not None else None) or session.opts.model,
            judge=(manifest.judge or {}).get("name") if manifest is not None else None,
            updated=time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            wall_s=round(wall, 3),
            tasks=summaries,
        )
    )
    return summaries


async def execute(
    opts: RunOptions, model_override: Model | None = None, task_overrides: list[Task] | None = None
) -> RunResult:
    """Run (or resume) a whole evaluation: open, plan, run, finalize.

    Python API: ``model_override`` evaluates a ready-made :class:`Model` instead of building
    ``opts.model`` from the registry (``opts.model`` should carry its name); ``task_overrides``
    runs task instances that are not registered as entry points (``opts.tasks`` is ignored).
    """
    session = open_run(opts, check_model=model_override is None, task_overrides=task_overrides)
    try:
        plan_run(session, task_overrides)
        calls = await run_pending(session, model_override)
        summaries = finalize(session)
        return RunResult(run_dir=session.run_dir, summaries=summaries, model_calls_made=calls)
    except HarnessError:
        if session.store.samples_path.stat().st_size and session.plans:
            finalize(session)  # an aborted run still summarises what finished
        abandon(session)
        raise
    finally:
        session.store.close()
