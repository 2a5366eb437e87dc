"""SciWorld (ScienceWorld), held-out: AgentTuning's SwiftSage-derived evaluation on the real
ScienceWorld simulator (the ``scienceworld`` package's JVM).

30 tasks x up to 10 test variations (270), 1-shot Think:/Action: prompting, llama-2 template with
the system prompt, greedy decoding with 256 new tokens; the main metric is the simulator score
averaged per task, then over the 30 tasks (``metrics.py`` of the original).
"""

from __future__ import annotations

import threading
from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import Any

from harness.model import GenParams
from harness.task import (
    Env,
    Metric,
    OraclePolicy,
    Protocol,
    RunContext,
    Sample,
    SampleScore,
    Suite,
    Task,
    TaskOption,
    TaskScore,
)
from tasks.sciworld.env import SciWorldEnv
from tasks.sciworld.gold import GoldPolicy
from tasks.sciworld.jvm_pool import JVMPool, start_jvm
from tasks.sciworld.trimming import MARGIN, MAX_LEN, token_counter
from tasks.sciworld.variations import SIMPLIFICATION, Catalog, load_catalog, scienceworld_version

ENV_STEP_LIMIT = 100

DEVIATIONS = (
    (
        "Equal-overlap ties in the nearest-valid-action fallback are broken alphabetically (the original's "
        "order depended on Python string hashing)."
    ),
    (
        "Prompt tokens for trimming are counted with bpe_openai's cl100k_base (the GPT-4 vocabulary the "
        "original counts with via tiktoken, whose BPE file would be downloaded at run time)."
    ),
    "Trimming stops when nothing is left to delete (the original raised IndexError).",
    (
        "Every episode runs in a JVM that has loaded nothing before (the simulator keeps state across loads, "
        "so the original's worlds depended on the order it ran variations in); --task-opt jvm_reuse=true "
        "reuses JVMs instead. The next episode's JVM is started and its variation loaded while the "
        "current one runs (same world: its first load)."
    ),
)


class SciWorld(Task):
    name = "sciworld"
    suite = Suite.HELD_OUT
    version = "3"
    metric = Metric(name="score", scale="percent", binary=False)
    splits = ("test", "dev")
    default_split = "test"
    generation = GenParams(max_new_tokens=256, temperature=0.0, do_sample=False, truncate=4000)
    max_turns = 2 * ENV_STEP_LIMIT
    time_limit_s = None  # a cancelled episode could not stop its JVM call; the step limits bound it
    max_concurrency = 2
    env_resources = {"CPU": 1.0, "memory": 2.0 * 2**30}  # its JVM and the fresh spare started beside it, ~1 GB each
    protocol = Protocol(reference="agenttuning-eval_heldout", source="THUDM/AgentTuning@e33a45d eval_heldout/science_world")
    options_spec = (
        TaskOption(name="env_step_limit", type="int", default=ENV_STEP_LIMIT, minimum=1,
                   help="simulator moves per episode (diagnostic: e.g. to check that the gold path reaches 100 "
                        "when the move limit does not cut it short)"),
        TaskOption(name="jvm_heap", comparable=True, help="the JVMs' -Xmx (e.g. 2g)"),
        TaskOption(name="jvm_reuse", type="bool", default=False,
                   help="keep JVMs across episodes (faster, but a world then depends on what its JVM loaded before)"),
        TaskOption(name="jvms", type="int", default=2, minimum=1, comparable=True, help="JVM pool size"),
        TaskOption(name="map_actions", type="bool", default=True,
                   help="false (diagnostic): commands go to the simulator verbatim instead of being mapped onto "
                        "the valid-action list"),
    )

    def __init__(self, data=None, options=None):
        super().__init__(data, options)
        self._pool: JVMPool | None = None
        self._pool_lock = threading.Lock()
        self.step_limit = self.option_int("env_step_limit")
        self.max_turns = 2 * self.step_limit

    # -- data ----------------------------------------------------------------------------------------
    @property
    def max_heap(self) -> str | None:
        return self.option_str("jvm_heap") or None

    @property
    def reuse_jvms(self) -> bool:
        return self.option_bool("jvm_reuse")

    @property
    def map_actions(self) -> bool:
        return self.option_bool("map_actions")

    def catalog(self) -> Catalog:
        return load_catalog(lambda: start_jvm(ENV_STEP_LIMIT, self.max_heap))

    def samples(self, split: str) -> list[Sample]:
        if split not in self.splits:
            raise ValueError(f"sciworld has no split {split!r} (splits: {', '.join(self.splits)})")
        out = []
        for entry in self.catalog().tasks:
            for variation in getattr(entry, split):
                out.append(
                    Sample(
                        id=f"task{entry.task_num:02d}-var{variation}",
                        split=split,
                        data={"task_num": entry.task_num, "task_name": entry.task_name, "variation": variation},
                    )
                )
        return out

    # -- episodes ------------------------------------------------------------------------------------
    @property
    def pool(self) -> JVMPool:
        with self._pool_lock:
            if self._pool is None:
                size = self.option_int("jvms")
                self._pool = JVMPool(size, self.step_limit, self.max_heap, reuse=self.reuse_jvms, simplification=SIMPLIFICATION)
            return self._pool

    def make_env(self, sample: Sample, ctx: RunContext) -> SciWorldEnv:
        return SciWorldEnv(sample, self.pool, self.step_limit, map_actions=self.map_actions)

    def oracle(self, sample: Sample, env: Env) -> OraclePolicy:
        assert isinstance(env, SciWorldEnv)
        return GoldPolicy(env)

    async def start(self, ctx: RunContext) -> None:
        _ = self.pool

    def upcoming(self, samples: Sequence[Sample]) -> None:
        """Each running episode gets the next one's JVM started and its variation loaded ahead of
        need (the same first-load world as loading it when the episode starts)."""
        self.pool.plan((s.data["task_name"], int(s.data["variation"])) for s in samples)

    async def stop(self) -> None:
        with self._pool_lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.close()

    def describe(self) -> dict[str, Any]:
        catalog = self.catalog()
        return {
            "scienceworld_version": scienceworld_version(),
            "simplification": SIMPLIFICATION,
            "map_actions": self.map_actions,
            "fresh_jvm_per_episode": not self.reuse_jvms,
            "env_step_limit": self.step_limit,
            "max_outputs": 2 * self.step_limit,
            "trim_limit_tokens": MAX_LEN - MARGIN,
            "token_counter": token_counter()[0],
            "negative_scores": "replaced by the score before them (original --no_stop, default True)",
            "variations": {e.task_name: {"task_num": e.task_num, "test": e.test, "dev": e.dev} for e in catalog.tasks},
            "deviations": list(DEVIATIONS),
        }

    # -- scoring -------------------------------------------------------------------------------------
    def aggregate(self, scores: list[tuple[Sample | None, SampleScore]]) -> TaskScore:
        """Mean simulator score per task, then the mean over tasks (0-100)."""
        per_task: dict[int, list[float]] = defaultdict(list)
        for _, s in scores:
            per_task[int(s.metrics["task_num"])].append(100.0 * s.score)
        if not per_task:
            return TaskScore(value=0.0, n=0)
        task_means = {num: sum(v) / len(v) for num, v in sorted(per_task.items())}
        all_scores = [x for v in per_task.values() for x in v]
        metrics: dict[str, Any] = {
            "tasks": len(task_means),
            "per_task": {str(k): round(v, 4) for k, v in task_means.items()},
            "micro_mean": sum(all_scores) / len(all_scores),
            "stop_reasons": dict(Counter(str(s.metrics.get("stop_reason")) for _, s in scores)),
        }
        return TaskScore(value=sum(task_means.values()) / len(task_means), n=len(scores), metrics=metrics)
