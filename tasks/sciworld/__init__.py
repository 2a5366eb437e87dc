"""SciWorld (ScienceWorld), held-out: AgentTuning's SwiftSage-derived evaluation on the real
ScienceWorld simulator (the ``scienceworld`` package's JVM).

30 tasks x up to 10 test variations (270), 1-shot Think:/Action: prompting, llama-2 template with
the system prompt, greedy decoding with 256 new tokens; the main metric is the simulator score
averaged per task, then over the 30 tasks (``metrics.py`` of the original).
"""

from __future__ import annotations

import threading
from collections import Counter, defaultdict
from typing import Any

from harness.model import GenParams
from harness.task import Metric, OraclePolicy, RunContext, Sample, SampleScore, Suite, Task, TaskScore
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
    "The simulator step skips building info['valid'] and the inventory/task text the protocol does not read.",
    (
        "Every episode runs in a JVM that has loaded nothing before (the simulator keeps state across loads, "
        "so the original's worlds depended on the order it ran variations in); --task-opt jvm_reuse=true "
        "reuses JVMs instead."
    ),
)


class SciWorld(Task):
    name = "sciworld"
    suite = Suite.HELD_OUT
    version = "2"
    metric = Metric(name="score", scale="percent", binary=False)
    splits = ("test", "dev")
    default_split = "test"
    generation = GenParams(max_new_tokens=256, temperature=0.0, do_sample=False, truncate=4000)
    max_turns = 2 * ENV_STEP_LIMIT
    time_limit_s = None  # a cancelled episode could not stop its JVM call; the step limits bound it
    max_concurrency = 2

    def __init__(self, data=None, options=None):
        super().__init__(data, options)
        self._pool: JVMPool | None = None
        self._pool_lock = threading.Lock()
        self.gold: dict[str, list[str]] = {}
        """Gold action sequences by sample id, filled when an episode loads its variation."""
        self.step_limit = self.option_int("env_step_limit", ENV_STEP_LIMIT, minimum=1)
        """``--task-opt env_step_limit=N`` (diagnostic, not the protocol: e.g. to check that the gold
        path reaches 100 when the move limit does not cut it short)."""
        self.max_turns = 2 * self.step_limit
        self.live_episodes: dict[str, SciWorldEnv] = {}
        """Episodes in progress by sample id (the gold policy looks at its episode's valid actions)."""

    # -- data ----------------------------------------------------------------------------------------
    @property
    def max_heap(self) -> str | None:
        return self.options.get("jvm_heap") or None

    @property
    def reuse_jvms(self) -> bool:
        """``--task-opt jvm_reuse=true``: keep JVMs across episodes (faster, but a world then depends
        on what its JVM loaded before, see :mod:`tasks.sciworld.jvm_pool`)."""
        return self.option_bool("jvm_reuse", False)

    @property
    def map_actions(self) -> bool:
        """``--task-opt map_actions=false`` is a diagnostic mode, not the protocol: commands go to the
        simulator verbatim instead of being mapped onto the valid-action list."""
        return self.option_bool("map_actions", True)

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
                size = self.option_int("jvms", self.max_concurrency or 1, minimum=1)
                self._pool = JVMPool(size, self.step_limit, self.max_heap, reuse=self.reuse_jvms)
            return self._pool

    def make_env(self, sample: Sample, ctx: RunContext) -> SciWorldEnv:
        env = SciWorldEnv(sample, self.pool, self.gold, self.step_limit, map_actions=self.map_actions)
        self.live_episodes[sample.id] = env
        env.live_registry = self.live_episodes
        return env

    def oracle(self, sample: Sample) -> OraclePolicy:
        return GoldPolicy(self, sample)

    def gold_actions(self, sample: Sample) -> list[str]:
        """The package's gold path for a sample (blocking when no episode has loaded it yet)."""
        if sample.id not in self.gold:
            jvm = self.pool.acquire()
            broken = True
            try:
                jvm.load(sample.data["task_name"], sample.data["variation"], SIMPLIFICATION, True)
                self.gold[sample.id] = list(jvm.server.getGoldActionSequence())
                broken = False
            finally:
                self.pool.release(jvm, broken=broken)
        return self.gold[sample.id]

    async def start(self, ctx: RunContext) -> None:
        _ = self.pool

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
        oracle = oracle_accounting(scores)
        if oracle:
            metrics["oracle"] = oracle
        return TaskScore(value=sum(task_means.values()) / len(task_means), n=len(scores), metrics=metrics)


def miss_reason(metrics: dict[str, Any]) -> str | None:
    """Why a gold-policy episode below 100 could not reach it under the protocol, or None when
    nothing explains the miss (a harness bug): ``focus_withheld`` (the protocol's focus filter
    removed the "focus on X" the task needs: X's list name has a word the look text lacks),
    ``step_limit`` (the gold path needs more than the protocol's 100 simulator moves) or
    ``door_withheld`` (the protocol removes every door action but opening; grow-fruit's gold path
    closes the greenhouse doors so the bees stay and pollinate; with them open, fruit is up to chance)."""
    notes = metrics.get("oracle") or {}
    withheld = notes.get("withheld", ())
    if any(a.startswith("focus on ") for a in withheld):
        return "focus_withheld"
    if metrics.get("stop_reason") == "step_limit" and notes.get("gold_left", 0) > 0:
        return "step_limit"
    if any(a.startswith("close door") for a in withheld):
        return "door_withheld"
    return None


def oracle_accounting(scores: list[tuple[Sample | None, SampleScore]]) -> dict[str, Any]:
    """For runs of the gold policy (records carry ``metrics.oracle``): the misses by reason, the
    unexplained ones, and the mean score over the variations the protocol lets the gold path solve."""
    played = [(sample, s) for sample, s in scores if "oracle" in s.metrics]
    if not played:
        return {}
    reasons: Counter[str] = Counter()
    unexplained: list[str] = []
    solvable: list[float] = []
    for sample, s in played:
        if s.score >= 1.0:
            solvable.append(100.0)
            continue
        reason = miss_reason(s.metrics)
        if reason is None:
            unexplained.append(
                sample.id if sample else f"task{int(s.metrics.get('task_num', -1)):02d}-var{s.metrics.get('variation')}"
            )
            solvable.append(100.0 * s.score)
        else:
            reasons[reason] += 1
    return {
        "explained_misses": dict(reasons),
        "unexplained_misses": unexplained,
        "score_on_solvable": sum(solvable) / len(solvable) if solvable else None,
        "solvable": len(solvable),
    }
