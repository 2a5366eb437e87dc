"""Harness speed, every figure of issue 13 in one run, each with its target and ratio (not a test).

1. Loop overhead: harness microseconds per turn through the full runner (loop, store, progress)
   with an in-process zero-latency model (target < 500 us).
2. Harness CPU per turn on each path (in-process, ``tgi``, ``openai``) for 10- and 50-turn
   episodes of the synthetic task (instruction ~2 kB, ~0.4 kB per turn) against a zero-latency
   loopback server in another process, beside the CPU per request of a bare client replaying the
   same requests (bare aiohttp TGI loop, bare ``AsyncOpenAI`` loop). Targets: < 0.5 ms per turn,
   50-turn / 10-turn <= 1.2.
3. Achieved / ideal request rate at concurrency 64 and 256 with 200 ms latency, both adapters, over
   a >= 20 s steady-state window (ideal = C / L), beside the bare clients on the same server
   (target >= 95%), and the machine's own delay per round trip (one request at a time, bare
   aiohttp), which caps every client at C / (L + delay).
4. Four loopback servers of different latencies (50/100/200/400 ms, 16 requests at once each,
   600 req/s in all) behind one model entry, both adapters: throughput / summed capacity (>= 90%).
5. inspect_ai (optional ``bench`` dependencies) on the same 10-turn synthetic task with its mock
   model: CPU per turn, default and reduced logging, against the harness in process.
6. Environment overheads (:mod:`benchmarks.envs`): the harness's wall time per episode over each
   environment's raw API on the same oracle episodes (SciWorld, MiniWoB++, OS, DB; target <= 10%);
   ``benchmarks/bench_envs.py`` prints the full table (CPU, the other environments).

The machine is shared: the load average is printed before and after; compare ratios measured in
the same run. Usage: ``python benchmarks/bench_runner.py [--window 20] [--quick] [--json FILE]``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.envs import ENV_BENCHMARKS
from benchmarks.loopback import LoopbackServer
from benchmarks.measure import bare_cpu_per_request, bare_rate, harness_cpu_per_turn, harness_rate, transport_delay
from benchmarks.synthetic import SyntheticTask, ZeroLatencyModel
from harness import eventloop
from harness.runner import RunOptions, execute

ROWS: list[dict] = []


def row(figure: str, value: float, unit: str, target: str | None = None, ok: bool | None = None,
        ratio: str = "") -> None:
    ROWS.append({"figure": figure, "value": value, "unit": unit, "target": target, "ok": ok, "ratio": ratio})
    verdict = "" if ok is None else ("OK" if ok else "MISSED")
    print(f"  {figure:<58} {value:>10.3f} {unit:<6} {target or '':<14} {ratio:<22} {verdict}", flush=True)


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}"


def load() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "?"


async def loop_overhead(turns: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        samples = max(1, turns // 50)
        t0 = time.perf_counter()
        opts = RunOptions(model="zero", out=Path(tmp) / "run", concurrency=16, progress=False, cache=False)
        await execute(opts, ZeroLatencyModel(), [SyntheticTask(samples, 50)])
        wall = time.perf_counter() - t0
    us = wall / (samples * 50) * 1e6
    row("loop overhead, in process (wall per turn)", us, "us", "< 500 us", us < 500)


async def cpu_per_turn(total: int) -> None:
    with LoopbackServer(latency=0.0) as srv:
        paths = {
            "in process": ("zero", lambda: ZeroLatencyModel()),
            "tgi adapter": (f"tgi:{srv.url}", lambda: None),
            "openai adapter": (f"openai:bench@{srv.url}/v1", lambda: None),
        }
        for name, (spec, make) in paths.items():
            both = await harness_cpu_per_turn(spec, make, (10, 50), total)
            short, long = both[10], both[50]
            target = None if name == "in process" else "< 0.5 ms"
            row(f"{name}: harness CPU per turn, 10-turn episodes", short, "ms", target,
                None if target is None else short < 0.5)
            row(f"{name}: harness CPU per turn, 50-turn episodes", long, "ms", target,
                None if target is None else long < 0.5)
            row(f"{name}: 50-turn / 10-turn", long / short, "x", "<= 1.2", long / short <= 1.2)
        for kind, label in (("tgi", "bare aiohttp TGI loop"), ("openai", "bare AsyncOpenAI loop")):
            for turns in (10, 50):
                # the typed SDK call costs ~10x more: fewer requests measure it as well
                ms = await bare_cpu_per_request(kind, srv.url, turns, total if kind == "tgi" else total // 8)
                row(f"{label}: CPU per request, {turns}-turn episodes", ms, "ms")


async def rates(window: float, ramp: float, concurrencies: list[int], latency: float = 0.2) -> None:
    with LoopbackServer(latency=latency) as srv:
        delay = await transport_delay(srv, latency)
        row(f"loopback transport: delay over L={latency * 1000:.0f} ms, one request at a time", delay * 1e3, "ms",
            None, None, f"ceiling {latency / (latency + delay):.1%} of C/L")
        for c in concurrencies:
            ideal = c / latency
            bare = {}
            for kind, label in (("tgi", "bare aiohttp TGI loop"), ("openai", "bare AsyncOpenAI loop")):
                rate = await bare_rate(srv, kind, c, ramp, window)
                bare[kind] = rate
                row(f"{label}: rate at C={c}, L={latency * 1000:.0f} ms", rate, "req/s", f"ideal {ideal:.0f}",
                    None, f"{rate / ideal:.1%} of ideal")
            for kind, spec in (("tgi", f"tgi:{srv.url}"), ("openai", f"openai:bench@{srv.url}/v1")):
                rate = await harness_rate([srv], spec, c, ideal, ramp, window)
                row(f"{kind} adapter: rate at C={c}, L={latency * 1000:.0f} ms", rate, "req/s", ">= 95% of ideal",
                    rate / ideal >= 0.95, f"{rate / ideal:.1%} ideal, {rate / bare[kind]:.1%} bare")


MIXED = [(0.05, 16), (0.1, 16), (0.2, 16), (0.4, 16)]


async def mixed_endpoints(window: float, ramp: float, concurrency: int) -> None:
    servers = [LoopbackServer(latency=lat, slots=slots) for lat, slots in MIXED]
    capacity = sum(slots / lat for lat, slots in MIXED)
    for s in servers:
        s.__enter__()
    try:
        urls = [s.url for s in servers]
        for kind, spec in (("tgi", "tgi:" + ",".join(urls)), ("openai", "openai:bench@" + ",".join(u + "/v1" for u in urls))):
            rate = await harness_rate(servers, spec, concurrency, capacity, ramp, window)
            row(f"{kind} adapter: 4 mixed endpoints, C={concurrency}", rate, "req/s", ">= 90% of capacity",
                rate / capacity >= 0.9, f"{rate / capacity:.1%} of {capacity:.0f}")
    finally:
        for s in servers:
            s.__exit__(None, None, None)


def inspect_ai(samples: int, in_process_ms: float | None) -> None:
    script = Path(__file__).with_name("inspect_bench.py")
    for reduced in (False, True):
        cmd = [sys.executable, str(script), "--samples", str(samples), "--turns", "10"] + (["--reduced"] if reduced else [])
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=900, check=False)
        label = "inspect_ai mockllm, 10-turn, " + ("reduced logging" if reduced else "default logging")
        if proc.returncode != 0 or not proc.stdout.strip():
            missing = "No module named 'inspect_ai'" in proc.stderr
            print(f"  {label}: {'not installed (pip install -e .[bench])' if missing else proc.stderr.strip()[-300:]}")
            continue
        ms = json.loads(proc.stdout.strip().splitlines()[-1])["ms_per_turn"]
        ratio = f"{ms / in_process_ms:.0f}x the harness" if in_process_ms else ""
        row(f"{label}: CPU per turn", ms, "ms", None, None, ratio)


def environments() -> None:
    if not ENV_BENCHMARKS:
        print("  environment overheads: none registered (benchmarks/envs.py)")
    for bench in ENV_BENCHMARKS:
        fig = bench()
        row(f"{fig.name}: harness over raw API, {fig.episodes} episodes", fig.overhead * 100, "%", "<= 10%",
            fig.overhead <= 0.10, fig.note)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--window", type=float, default=20.0, help="steady-state window in seconds (>= 20)")
    parser.add_argument("--ramp", type=float, default=3.0)
    parser.add_argument("--turns", type=int, default=6000, help="turns per CPU measurement")
    parser.add_argument("--quick", action="store_true", help="a short smoke run (3 s windows, fewer turns)")
    parser.add_argument("--skip", default="", help="comma-separated sections to skip: cpu,rate,mixed,inspect,envs")
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args()
    if args.quick:
        args.window, args.ramp, args.turns = 3.0, 1.0, 600
    skip = set(filter(None, args.skip.split(",")))
    print(f"machine: {machine()}; load average {load()} (shared machine: compare ratios from one run)")
    print(f"  {'figure':<58} {'measured':>10} {'unit':<6} {'target':<14} {'ratio':<22}")
    eventloop.run(loop_overhead(args.turns * 5))
    if "cpu" not in skip:
        eventloop.run(cpu_per_turn(args.turns))
    if "rate" not in skip:
        eventloop.run(rates(args.window, args.ramp, [64, 256]))
    if "mixed" not in skip:
        eventloop.run(mixed_endpoints(args.window, args.ramp, 96))
    if "inspect" not in skip:
        in_process = next((r["value"] for r in ROWS if r["figure"].startswith("in process: harness CPU per turn, 10")),
                          None)
        inspect_ai(100 if not args.quick else 20, in_process)
    if "envs" not in skip:
        environments()
    print(f"load average after: {load()}")
    if args.json:
        Path(args.json).write_text(json.dumps({"machine": machine(), "rows": ROWS}, indent=1))


if __name__ == "__main__":
    main()
