"""The Ray executor's cost, on a trivial environment and on a CPU-bound one (not a timed test).

1. The executor's own cost: episodes of five turns on an environment that does nothing, a model
   that answers at once, one sample in flight, with the local executor and with Ray: a fixed cost
   per run (a 1-episode run: starting the host process) and a cost per episode and per turn
   (the round trips to the host; from a run of ``--episodes``).
2. The SciWorld oracle (the real ScienceWorld JVM, a fresh one per episode, the gold policy
   querying it every turn) on a few short test variations: the local executor with 1 and 2
   samples in flight, and ``--executor ray`` with 1 and 2 host worker processes (one environment
   each: ``--concurrency`` 1 and 2). Per configuration: wall time, episodes per minute, the time
   per turn the loop waited on ``step`` (for Ray with its round trip), the overhead per episode
   against the local executor at the same concurrency, and whether it reproduced the local
   executor's records. The configurations run interleaved, ``--repeats`` times, and the medians
   are reported: the machine is shared.

A private local Ray instance is started once (``ray.init``, timed apart) and stays up, idle,
during the local runs too.

Usage: python benchmarks/bench_ray_executor.py [--variations 4] [--episodes 200] [--repeats 3] [--out FILE.json]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import tempfile
import time
from pathlib import Path
from statistics import median

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from harness.model import Generation, GenerationRequest, Model, user
from harness.runner import RunOptions, execute
from harness.store import iter_records
from harness.task import Env, Metric, RunContext, Sample, SampleScore, Status, StepResult, Suite, Task, TaskOption
from tasks.sciworld import SciWorld

# short test variations whose gold path reaches 100 (tests/sciworld/test_env_jvm.py)
VARIATIONS = ("task05-var261", "task07-var295", "task08-var229", "task02-var28", "task03-var32")


def subset(n: int) -> type[SciWorld]:
    chosen = VARIATIONS[:n]

    class BenchSciWorld(SciWorld):
        def samples(self, split: str) -> list[Sample]:
            return [s for s in super().samples(split) if s.id in chosen]

    return BenchSciWorld


class Trivial(Task):
    """Episodes of a few turns on an environment that does nothing: the executor's own cost."""

    name = "trivial"
    suite = Suite.GENERAL
    metric = Metric(name="accuracy")
    max_turns = 5
    options_spec = (TaskOption(name="n", type="int", default=100),)

    def samples(self, split: str) -> list[Sample]:
        return [Sample(id=str(i), split=split) for i in range(self.option_int("n"))]

    def make_env(self, sample: Sample, ctx: RunContext) -> Env:
        return TrivialEnv()

    def oracle(self, sample: Sample, env: Env) -> list[str]:
        return ["step"] * self.max_turns


class TrivialEnv(Env):
    blocking = False
    turn = 0

    def reset(self):
        return [user("go")]

    def step(self, action: str) -> StepResult:
        self.turn += 1
        return StepResult(observation="ok", done=self.turn >= Trivial.max_turns)

    def evaluate(self, status: Status) -> SampleScore:
        return SampleScore(score=1.0)


class Instant(Model):
    name = adapter = "instant"

    async def generate(self, request: GenerationRequest) -> Generation:
        return Generation(text="step")


async def trivial_run(executor: str, episodes: int, out: Path) -> dict:
    opts = RunOptions(model="instant", out=out, progress=False, executor=executor, concurrency=1, cache=False)
    started = time.monotonic()
    await execute(opts, model_override=Instant(), task_overrides=[Trivial(options={"n": episodes})])
    wall = time.monotonic() - started
    turns = sum(r.turns for r in iter_records(out / "samples.jsonl"))
    return {"executor": executor, "episodes": episodes, "turns": turns, "wall_s": round(wall, 2)}


def canonical(run_dir: Path) -> set[str]:
    out = set()
    for rec in iter_records(run_dir / "samples.jsonl"):
        data = rec.model_dump(mode="json", exclude={"wall_s", "model_s", "finished_at"})
        for turn in data["trajectory"]:
            turn.pop("env_s"), turn.pop("model_s")
        out.add(json.dumps(data, sort_keys=True))
    return out


async def one_run(cls: type[SciWorld], executor: str, concurrency: int, out: Path) -> dict:
    opts = RunOptions(model="oracle", tasks=["sciworld"], out=out, progress=False, executor=executor, concurrency=concurrency)
    started = time.monotonic()
    result = await execute(opts, task_overrides=[cls()])
    wall = time.monotonic() - started
    records = list(iter_records(out / "samples.jsonl"))
    turns = [t for r in records for t in r.trajectory]
    return {
        "executor": executor,
        "concurrency": concurrency,
        "episodes": len(records),
        "errored": result.n_errored,
        "turns": len(turns),
        "wall_s": round(wall, 2),
        "episodes_per_min": round(60 * len(records) / wall, 2),
        "episode_s": round(sum(r.wall_s for r in records) / len(records), 2),
        "env_ms_per_turn": round(1000 * sum(t.env_s for t in turns) / len(turns), 2),
    }


async def main(args: argparse.Namespace) -> dict:
    import ray

    cls = subset(args.variations)
    root = Path(tempfile.mkdtemp(prefix="bench-ray-"))
    started = time.monotonic()
    ray.init(address="local", include_dashboard=False, object_store_memory=256 * 2**20, logging_level="WARNING")
    init_s = time.monotonic() - started
    runs: list[dict] = []
    reference: set[str] | None = None
    try:
        trivial = []
        for executor in ("local", "ray"):
            for n in (1, args.episodes):
                trivial.append(await trivial_run(executor, n, root / f"trivial-{executor}-{n}"))
                print(json.dumps(trivial[-1]), flush=True)
        # SciWorld: the configurations interleaved, repeated (the machine is shared: medians)
        for rep in range(args.repeats):
            for c in (1, 2):
                for executor in ("local", "ray"):
                    out = root / f"{executor}-{c}-{rep}"
                    run = await one_run(cls, executor, c, out)
                    reference = reference or canonical(out)
                    run["same_records_as_local"] = canonical(out) == reference
                    runs.append(run)
                    print(json.dumps(run), flush=True)
    finally:
        ray.shutdown()
    wall = {(r["executor"], r["episodes"]): r["wall_s"] for r in trivial}
    big = args.episodes
    per_episode = {e: (wall[(e, big)] - wall[(e, 1)]) / (big - 1) for e in ("local", "ray")}
    table = {}
    for c in (1, 2):
        for executor in ("local", "ray"):
            mine = [r for r in runs if r["executor"] == executor and r["concurrency"] == c]
            table[f"{executor}-{c}"] = {
                "wall_s": [r["wall_s"] for r in mine],
                "median_wall_s": round(median([r["wall_s"] for r in mine]), 2),
                "episodes_per_min": round(60 * mine[0]["episodes"] / median([r["wall_s"] for r in mine]), 2),
                "median_env_ms_per_turn": round(median([r["env_ms_per_turn"] for r in mine]), 2),
                "all_same_records": all(r["same_records_as_local"] for r in mine),
            }
        episodes = runs[0]["episodes"]
        table[f"ray-{c}"]["overhead_s_per_episode"] = round(
            (table[f"ray-{c}"]["median_wall_s"] - table[f"local-{c}"]["median_wall_s"]) / episodes, 2
        )
    return {
        "machine": f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the end (shared machine)",
        "ray_init_s": round(init_s, 2),
        "trivial": trivial,
        "ray_fixed_s": round(wall[("ray", 1)] - wall[("local", 1)], 2),
        "ray_overhead_ms_per_trivial_episode": round(1000 * (per_episode["ray"] - per_episode["local"]), 1),
        "ray_overhead_ms_per_trivial_turn": round(1000 * (per_episode["ray"] - per_episode["local"]) / Trivial.max_turns, 2),
        "sciworld": table,
        "runs": runs,
    }


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--variations", type=int, default=4, choices=range(1, len(VARIATIONS) + 1))
    parser.add_argument("--episodes", type=int, default=200, help="episodes of the trivial task")
    parser.add_argument("--repeats", type=int, default=3, help="SciWorld runs of each configuration (interleaved)")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    result = asyncio.run(main(args))
    print(json.dumps(result, indent=1))
    if args.out:
        args.out.write_text(json.dumps(result, indent=1) + "\n")
