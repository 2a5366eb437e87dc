"""``--executor ray``: every sample's environment lives in a Ray actor placed by its task's declared
resources (``Task.env_resources``); the agent loop and the model calls stay in this process.

Each of a task's workers (``--concurrency`` of them, at most its pending samples) holds one
:class:`~harness.executors.ray_host.EnvHost` actor asking for the task's resources, so Ray spreads
the environments over the nodes that have them (a node's CPUs and memory, or the custom resources
it declares: ``ray start --resources '{"browser": 8}'``). The actor builds the task on its node
(its data resolved and checked there), starts its shared services once, and hosts one sample's
environment at a time. ``Task.max_concurrency`` (a per-machine cap) does not apply: resources do.

A host that dies mid-episode (node lost, process killed) ends its sample as an environment failure
(``errored``: retried on resume) and the worker places a new host for its next sample. Without
``--ray-address`` a private Ray instance starts on this machine (declaring the custom resources
the selected tasks ask for, one per CPU) and stops at the end.
"""

from __future__ import annotations

import asyncio
import logging
import os
import sys
import time
from collections import Counter
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

import ray
from ray.exceptions import RayActorError, RayError, RayTaskError
from ray.util.scheduling_strategies import NodeAffinitySchedulingStrategy

from harness.errors import HarnessError
from harness.executors.base import Executor, Play
from harness.executors.ray_host import EnvHost
from harness.executors.relay import Mailbox, RelayServer
from harness.executors.remote_env import HostBinding, HostedTask, HostSlot
from harness.executors.wire import HostContext, TaskRecipe
from harness.loop import run_episode
from harness.model import Model
from harness.plan import PlannedTask, RunOptions
from harness.registry import load_registry
from harness.schema import SampleRecord, Status
from harness.task import RunContext, Sample

PLACEMENT_POLL_S = 2.0
"""How often a worker waiting for its host checks whether it is still needed and still placeable."""
LOCAL_OBJECT_STORE = 256 * 2**20
"""Object store of a private local instance (requests and records are small)."""
_STANDARD = {"CPU": "num_cpus", "GPU": "num_gpus", "memory": "memory"}
HOST_RUNTIME_ENV = {"env_vars": {"RAY_worker_niceness": "0"}}
"""Ray runs its worker processes at nice 15 (to keep its own daemons responsive). A host runs
environments at the normal priority instead, as the local executor does: on a busy machine,
niceness 15 made SciWorld's simulator calls (and so its episodes) several times slower."""


def actor_options(resources: dict[str, float]) -> dict[str, Any]:
    """``Task.env_resources`` as Ray actor options."""
    options: dict[str, Any] = {"num_cpus": 0, "runtime_env": HOST_RUNTIME_ENV}
    custom: dict[str, float] = {}
    for key, amount in resources.items():
        if key in _STANDARD:
            options[_STANDARD[key]] = amount
        else:
            custom[key] = amount
    if custom:
        options["resources"] = custom
    return options


def feasible(resources: dict[str, float]) -> bool:
    """Whether some live node of the cluster has all of ``resources`` (in total, not free now)."""
    for node in ray.nodes():
        have = node.get("Resources", {})
        if node.get("Alive") and all(have.get(k, 0.0) >= v for k, v in resources.items() if v > 0):
            return True
    return False


def errored_record(task_name: str, split: str, sample: Sample, error: str) -> SampleRecord:
    """A sample that could not be played (no node can host it any more): errored, retried on resume."""
    return SampleRecord.model_construct(
        task=task_name, split=split, sample_id=sample.id, status=Status.ERRORED, score=None, metrics={}, turns=0,
        prompt_tokens=0, completion_tokens=0, wall_s=0.0, model_s=0.0, error=error, error_kind="environment",
        oracle=None, messages=[], trajectory=[], attempt=1, finished_at=time.time(),
    )  # fmt: skip


class RayExecutor(Executor):
    """Environments in Ray actors (see the module docstring)."""

    def __init__(self, model: Model, opts: RunOptions, plans: list[PlannedTask] | None = None):
        self.opts = opts
        self.binding = HostBinding(model)
        self.plans = plans or []
        self.own_ray = False
        self.actor_cls: Any = None
        self.mailbox: Any = None
        self.relay: RelayServer | None = None
        self.recipes: dict[str, tuple[TaskRecipe, HostContext]] = {}
        self.hosts: set[Any] = set()
        self.placements: Counter[str] = Counter()
        """Samples hosted per node (host name and node id), for the closing line and tests."""

    # -- cluster ---------------------------------------------------------------------------------
    def _connect(self) -> None:
        if ray.is_initialized():  # the caller's own Ray session (Python API, tests): use it as is
            return
        common: dict[str, Any] = {"logging_level": logging.WARNING, "log_to_driver": True}
        address = self.opts.ray_address
        try:
            if address is None:
                custom = sorted({k for p in self.plans for k in p.task.env_resources if k not in _STANDARD})
                cpus = float(os.cpu_count() or 1)
                ray.init(address="local", include_dashboard=False, object_store_memory=LOCAL_OBJECT_STORE,
                         resources={k: cpus for k in custom}, **common)  # fmt: skip
            else:
                ray.init(address=address, **common)
        except (ConnectionError, RuntimeError, ValueError) as exc:
            raise HarnessError(f"cannot connect to Ray at {address or 'a new local instance'}: {exc}") from None
        self.own_ray = True
        self.actor_cls = None

    def _ensure_actor_class(self) -> Any:
        if self.actor_cls is None:
            self.actor_cls = ray.remote(max_restarts=0)(EnvHost)
        return self.actor_cls

    def _ensure_relay(self, ctx: RunContext) -> None:
        if self.mailbox is not None or ctx.models is None:
            return
        here = ray.get_runtime_context().get_node_id()
        strategy = NodeAffinitySchedulingStrategy(node_id=here, soft=True)
        self.mailbox = ray.remote(Mailbox).options(num_cpus=0, scheduling_strategy=strategy).remote()
        self.relay = RelayServer(self.mailbox, ctx.models)
        self.relay.start()

    # -- executor --------------------------------------------------------------------------------
    async def start(self, plan: PlannedTask, ctx: RunContext) -> None:
        self._connect()
        task = plan.task
        if not feasible(task.env_resources):
            raise HarnessError(
                f"{task.name}: no Ray node offers {task.env_resources} for one environment; start nodes that do "
                f"(custom resources: ray start ... --resources '{{\"NAME\": N}}')"
            )
        recipe = TaskRecipe(cls=type(task), split=plan.split, options=dict(task.given_options), data=dict(task.data),
                            resolved=list(plan.data))  # fmt: skip
        self._ensure_relay(ctx)
        missing: dict[str, bool] = {}
        if ctx.models is not None and hasattr(ctx.models, "missing_key"):
            for name in load_registry(self.opts.models_file):
                try:
                    missing[name] = bool(ctx.models.missing_key(name))
                except HarnessError:
                    continue
        host_ctx = HostContext(
            seed=ctx.seed, work_dir=ctx.work_dir, judge_spec=plan.judge if ctx.judge is not None else None,
            judge_info=ctx.judge.info() if ctx.judge is not None else None, missing_keys=missing,
        )  # fmt: skip
        self.recipes[task.name] = (recipe, host_ctx)

    async def stop(self, plan: PlannedTask) -> None:
        """Hosts stop with their workers."""

    def workers(self, plan: PlannedTask, opts: RunOptions, pending: int) -> int:
        return max(1, min(opts.concurrency, pending))

    @asynccontextmanager
    async def worker(self, plan: PlannedTask, ctx: RunContext, idle: Callable[[], bool]) -> AsyncIterator[Play | None]:
        slot = HostSlot()
        if not await self._place(plan, slot, idle):
            yield None
            return
        view = HostedTask(plan.task, slot)
        name, split = plan.task.name, plan.split

        async def play(sample: Sample) -> SampleRecord:
            if slot.host is None or slot.lost:
                await self._retire(slot)
                if not await self._place(plan, slot, lambda: False):
                    return errored_record(name, split, sample, f"no Ray node can host {name}'s environments any more "
                                                              f"({plan.task.env_resources})")  # fmt: skip
            record = await run_episode(view, sample, self.binding, ctx, split)  # type: ignore[arg-type]
            self.placements[slot.node] += 1
            return record

        try:
            yield play
        finally:
            await self._retire(slot)

    async def _place(self, plan: PlannedTask, slot: HostSlot, idle: Callable[[], bool]) -> bool:
        """Start a host for ``plan`` and wait until Ray placed it and it started; False when it is
        no longer needed (``idle()``) or no live node can host it."""
        recipe, host_ctx = self.recipes[plan.task.name]
        resources = plan.task.env_resources
        actor = self._ensure_actor_class().options(**actor_options(resources)).remote(recipe, host_ctx, self.mailbox)
        self.hosts.add(actor)
        started = asyncio.ensure_future(_resolve(actor.start.remote()))
        started.add_done_callback(_seen)  # a failure is read below, or no longer wanted (the run ended)
        try:
            while True:
                done, _ = await asyncio.wait({started}, timeout=PLACEMENT_POLL_S)
                if done:
                    break
                if idle() or not feasible(resources):
                    started.cancel()
                    self._kill(actor)
                    return False
        except BaseException:  # the run is cancelled (another host failed, the user stopped it)
            started.cancel()
            self._kill(actor)
            raise
        try:
            where = started.result()
        except RayTaskError as exc:  # the task could not be built or started on that node
            self._kill(actor)
            cause = getattr(exc, "cause", None) or exc
            raise HarnessError(f"{plan.task.name}: its environment host failed to start on a Ray node: "
                               f"{type(cause).__name__}: {str(cause).splitlines()[0] if str(cause) else ''}") from None
        except RayActorError:  # its node was lost while it started: try again elsewhere
            self._kill(actor)
            return await self._place(plan, slot, idle)
        slot.host, slot.node, slot.env = actor, f"{where['host']}/{where['node_id'][:8]}", None
        return True

    async def _retire(self, slot: HostSlot) -> None:
        actor, slot.host, slot.env = slot.host, None, None
        if actor is None:
            return
        try:
            await asyncio.wait_for(_resolve(actor.stop.remote()), timeout=60)
        except (RayError, TimeoutError):
            pass  # a lost host has nothing left to stop
        except Exception as exc:  # noqa: BLE001 - stopping a service must not hide the results
            print(f"harness: warning: ray: a host's task stop failed: {exc}", file=sys.stderr)
        self._kill(actor)

    def _kill(self, actor: Any) -> None:
        self.hosts.discard(actor)
        try:
            ray.kill(actor)
        except RayError:
            pass

    async def aclose(self) -> None:
        for actor in list(self.hosts):
            self._kill(actor)
        if self.relay is not None:
            await self.relay.aclose()
            self._kill(self.mailbox)
            self.relay = self.mailbox = None
        if self.placements:
            nodes = ", ".join(f"{node} ({n})" for node, n in sorted(self.placements.items()))
            print(f"harness: ray: {sum(self.placements.values())} environments hosted on "
                  f"{len(self.placements)} node(s): {nodes}", file=sys.stderr)  # fmt: skip
        if self.own_ray:
            ray.shutdown()
            self.own_ray = False


async def _resolve(ref: Any) -> Any:
    return await ref


def _seen(future: asyncio.Future) -> None:
    """Mark a finished future's exception as retrieved (asyncio warns of unread ones at exit)."""
    if not future.cancelled():
        future.exception()
