"""Environment speed: the harness's time over each environment's raw API on the same oracle
episodes (not a timed test).

Per environment, each measurement in its own fresh worker process (a child subreaper, so the
CPU of every process it starts is counted: JVMs, MariaDB, Chromium, sandboxes):

1. ``live``   the harness (``harness.runner.execute``) with the built-in ``oracle`` model at
              concurrency 1; its outputs and the environment actions it caused are recorded;
2. ``raw``    the same episodes straight through the environment's own API with those actions
              (SciWorld: a fresh ``ScienceWorldEnv`` JVM each; DB: a database per sample over
              pymysql; OS: a sandbox per sample; MiniWoB++: a page load in one Chromium;
              ALFWorld: a TextWorld game process per game; the
              in-process engines: their own API; WebArena, which has no API below its Playwright
              session: its own environment driven without the runner), one after the other;
3. ``replay`` the harness replaying the recorded outputs at concurrency 1 (like for like: a model
              that costs nothing, as the raw client has none), and at the task's natural
              concurrency (its ``max_concurrency``).

Measured: the window from the first episode's start (one-time costs paid: shared services up,
such as the MariaDB server or the JVM pool, the run directory's manifest written) to the task's
``stop`` (harness), or around the episode loop (raw): wall time and CPU time of the worker and
every descendant. Overhead = harness / raw - 1 (target <= 10%).
Run with ``HARNESS_DATA_MIRROR`` pointing at the data mirror to play the official samples.

Usage: python benchmarks/bench_envs.py [--envs sciworld,db,os,miniwob,alfworld,webshop,kg,card_game,webarena]
       [--episodes N] [--repeat R] [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent), str(HERE)]

from envbench.meter import Window, become_subreaper, load_average, reap_all
from envbench.raw_inprocess import CardGameRaw, KGRaw, WebArenaRaw, WebShopRaw, record_kg_queries
from envbench.raw_services import ALFWorldRaw, DBRaw, MiniWoBRaw, OSRaw, SciWorldRaw

TARGET = 0.10


@dataclass
class EnvSpec:
    task: str
    raw: Any
    count: int
    options: dict[str, Any] = field(default_factory=dict)
    samples: tuple[str, ...] = ()
    """Fixed sample ids (else ``count`` evenly spaced over the default split)."""
    setup: str = ""
    """What a fresh episode must set up (the table's last column)."""


ENVS: dict[str, EnvSpec] = {
    # six tasks' variations whose gold path is short (7-18 moves) and reaches 100 (the boil and
    # freeze variations first in the split need 100+ moves, minutes each)
    "sciworld": EnvSpec("sciworld", SciWorldRaw, 6, samples=(
        "task05-var261", "task07-var295", "task08-var229", "task17-var119", "task25-var17", "task29-var535"),
        setup="a fresh JVM and a first load (gold path generated) per episode"),
    "db": EnvSpec("db", DBRaw, 30, setup="a database + table + its own user per sample (server shared)"),
    "os": EnvSpec("os", OSRaw, 10, setup="a namespace sandbox + its login shell per sample, init scripts"),
    "miniwob": EnvSpec("miniwob", MiniWoBRaw, 20, {"tasks": "oracle"}, setup="a page load + seed per episode (Chromium reused)"),
    "alfworld": EnvSpec("alfworld", ALFWorldRaw, 6, setup="a game process + TextWorld load per game"),
    "webshop": EnvSpec("webshop", WebShopRaw, 30, setup="a site session (in process)"),
    "kg": EnvSpec("kg", KGRaw, 30, setup="none (embedded SPARQL store shared)"),
    "card_game": EnvSpec("card_game", CardGameRaw, 12, setup="a game against the baseline (in process)"),
    "webarena": EnvSpec("webarena", WebArenaRaw, 4, setup="a browser context + start page, 2.5 s settle per page (protocol)"),
}


# -- the worker (one measurement per process) --------------------------------------------------------


def worker(spec_json: str) -> None:
    from envbench import harness_side

    job = json.loads(spec_json)
    env = ENVS[job["env"]] if job["env"] != "null" else EnvSpec("null", None, 0)
    become_subreaper()
    work = Path(job["work"])
    actions_path = work / f"{job['env']}-actions.json"
    task, samples = harness_side.planned(env.task, env.options, env.samples, job["episodes"])
    window = Window()
    started = time.monotonic()
    result: dict[str, Any] = {"episodes": len(samples)}
    if job["mode"] == "raw":
        items = json.loads(actions_path.read_text())["items"]
        state = env.raw.setup(task)
        window.open()
        setups = [env.raw.episode(state, items[s.id]) for s in samples]
        window.close()
        env.raw.teardown(state)
        result["setup_s"] = sum(setups)
    else:
        outputs = None
        if job["env"] == "null":
            outputs = {s.id: ["a", "b"] for s in samples}
        elif job["mode"] == "replay":
            outputs = json.loads(actions_path.read_text())["outputs"]
        elif env.task == "kg":
            record_kg_queries(task)
        out = work / f"{job['env']}-{job['mode']}-c{job['concurrency']}-{job['index']}"
        records = harness_side.run(task, samples, out, job["concurrency"], window, outputs)
        by_id = {r["sample_id"]: r for r in records}
        result["score"] = statistics.fmean(r["score"] or 0.0 for r in records)
        if job["mode"] == "live":
            items = {s.id: env.raw.extract(task, s, by_id[s.id]) for s in samples}
            actions_path.write_text(json.dumps({"outputs": harness_side.outputs_of(records), "items": items}))
    total_wall = time.monotonic() - started
    reap_all()
    measured = window.result()
    result.update(wall_s=measured.wall_s, cpu_s=measured.cpu_s, python_cpu_s=measured.python_cpu_s, total_wall_s=total_wall)
    Path(job["result"]).write_text(json.dumps(result))


def measure(env: str, mode: str, episodes: int, concurrency: int, work: Path, index: int = 0) -> dict[str, Any]:
    result = work / f"{env}-{mode}-c{concurrency}-{index}.json"
    job = {"env": env, "mode": mode, "episodes": episodes, "concurrency": concurrency, "work": str(work),
           "result": str(result), "index": index}
    done = subprocess.run([sys.executable, __file__, "--worker", json.dumps(job)], capture_output=True, text=True, check=False)
    if done.returncode != 0 or not result.exists():
        tail = (done.stderr or done.stdout).strip().splitlines()[-15:]
        raise RuntimeError(f"{env} {mode} failed:\n" + "\n".join(tail))
    return json.loads(result.read_text())


# -- the orchestrator ------------------------------------------------------------------------------------


def null_cost(episodes: int, work: Path) -> dict[str, float]:
    """The harness's own cost per episode: a blocking environment that does nothing (reset, two
    steps, evaluate, close: five hand-offs to a worker thread, the record written)."""
    job = {"env": "null", "mode": "null", "episodes": episodes, "concurrency": 1, "work": str(work),
           "result": str(work / "null.json"), "index": 0}
    subprocess.run([sys.executable, __file__, "--worker", json.dumps(job)], check=True, capture_output=True)
    result = json.loads((work / "null.json").read_text())
    return {"wall": result["wall_s"] / episodes, "cpu": result["cpu_s"] / episodes}


def natural_concurrency(task_name: str) -> int:
    from harness.registry import task_class

    return task_class(task_name).max_concurrency or 8


def bench_env(name: str, episodes: int | None, repeat: int, work: Path) -> dict[str, Any]:
    spec = ENVS[name]
    n = episodes or spec.count
    if spec.samples and episodes:
        n = min(episodes, len(spec.samples))
    live = measure(name, "live", n, 1, work)
    raws, replays = [], []
    for i in range(repeat):  # interleaved, so a change in the machine's load hits both alike
        raws.append(measure(name, "raw", n, 1, work, i))
        replays.append(measure(name, "replay", n, 1, work, i))
    c = natural_concurrency(spec.task)
    natural = measure(name, "replay", n, c, work)
    eps = live["episodes"]

    def per_episode(runs: list[dict[str, Any]], key: str) -> float:
        return min(r[key] for r in runs) / eps  # best of the repeats, as timeit: the least disturbed

    row = {
        "env": name, "episodes": eps, "score_live": live["score"], "score_replay": replays[0]["score"],
        "raw_wall": per_episode(raws, "wall_s"), "harness_wall": per_episode(replays, "wall_s"),
        "raw_cpu": per_episode(raws, "cpu_s"), "harness_cpu": per_episode(replays, "cpu_s"),
        "harness_py_cpu": per_episode(replays, "python_cpu_s"), "raw_py_cpu": per_episode(raws, "python_cpu_s"),
        "live_wall": live["wall_s"] / eps, "natural_c": c, "natural_wall": natural["wall_s"] / eps,
        "raw_setup_share": statistics.median(r["setup_s"] / r["wall_s"] for r in raws),
        "setup": spec.setup, "repeat": repeat,
    }
    row["overhead_wall"] = row["harness_wall"] / row["raw_wall"] - 1
    row["overhead_cpu"] = row["harness_cpu"] / row["raw_cpu"] - 1
    return row


def measure_env(name: str, episodes: int | None = None, repeat: int = 1) -> dict[str, Any]:
    """One environment's row, measured in a temporary directory (``benchmarks/envs.py``'s hook)."""
    with tempfile.TemporaryDirectory(prefix="bench-envs-") as tmp:
        return bench_env(name, episodes, repeat, Path(tmp))


def fmt_time(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms" if seconds < 1 else f"{seconds:.2f} s"


def table(rows: list[dict[str, Any]]) -> str:
    head = ("| environment | episodes | raw / episode (wall, CPU) | harness / episode (wall, CPU) | overhead wall | "
            "overhead CPU | target ≤ 10% | harness at natural C | raw time in per-episode set-up |")
    lines = [head, "|---|---:|---:|---:|---:|---:|---|---:|---|"]
    for r in rows:
        ok = "met" if max(r["overhead_wall"], r["overhead_cpu"]) <= TARGET else "NOT met"
        lines.append(
            f"| {r['env']} | {r['episodes']} | {fmt_time(r['raw_wall'])}, {fmt_time(r['raw_cpu'])} | "
            f"{fmt_time(r['harness_wall'])}, {fmt_time(r['harness_cpu'])} | {r['overhead_wall']:+.1%} | "
            f"{r['overhead_cpu']:+.1%} | {ok} | {fmt_time(r['natural_wall'])} (C={r['natural_c']}) | "
            f"{r['raw_setup_share']:.0%}: {r['setup']} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--envs", default=",".join(ENVS), help="comma list (default: all)")
    parser.add_argument("--episodes", type=int, help="episodes per environment (default: each one's own)")
    parser.add_argument("--repeat", type=int, default=1, help="raw/harness pairs per environment (best of)")
    parser.add_argument("--json", help="also write the rows to this file")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.worker)
        return
    names = [n.strip() for n in args.envs.split(",") if n.strip()]
    unknown = [n for n in names if n not in ENVS]
    if unknown:
        parser.error(f"unknown environments {unknown} (known: {', '.join(ENVS)})")
    load_start = load_average()
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
          f"load average at start {load_start[0]:.2f} {load_start[1]:.2f} {load_start[2]:.2f}", flush=True)
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-envs-") as tmp:
        for name in names:
            t0 = time.monotonic()
            row = bench_env(name, args.episodes, args.repeat, Path(tmp))
            rows.append(row)
            print(f"{name}: raw {fmt_time(row['raw_wall'])}/ep, harness {fmt_time(row['harness_wall'])}/ep "
                  f"({row['overhead_wall']:+.1%} wall, {row['overhead_cpu']:+.1%} CPU; harness process CPU "
                  f"{fmt_time(row['harness_py_cpu'])}/ep vs raw client {fmt_time(row['raw_py_cpu'])}/ep); "
                  f"live oracle {fmt_time(row['live_wall'])}/ep, score {row['score_live']:.3f} "
                  f"(replayed {row['score_replay']:.3f}) [{time.monotonic() - t0:.0f} s]", flush=True)
        null = null_cost(300, Path(tmp))
    load_end = load_average()
    print()
    print(table(rows))
    print(f"\nThe harness's own cost per episode (a blocking environment that does nothing: reset, two steps, "
          f"evaluate, close): {fmt_time(null['wall'])} wall, {fmt_time(null['cpu'])} CPU.")
    print(f"\nload average at end {load_end[0]:.2f} {load_end[1]:.2f} {load_end[2]:.2f}")
    if args.json:
        Path(args.json).write_text(json.dumps({"load_start": load_start, "load_end": load_end, "rows": rows,
                                               "null": null}, indent=1))


if __name__ == "__main__":
    main()
