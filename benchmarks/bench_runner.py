"""Harness speed, measured in one run against an ideal (not a timed test).

1. Loop overhead: turns/s through the full runner (loop, store with fsync, progress accounting)
   with a zero-latency model and a trivial environment; prints harness microseconds per turn
   (target: under 500 us).
2. Endpoint saturation: a loopback server (separate process) answering TGI's `/generate`
   protocol after a fixed 200 ms; the runner drives it through the real `tgi` adapter at
   concurrency 64. Ideal = 64 / 0.2 s = 320 req/s; prints the achieved rate and its ratio
   (target: at least 95%).

Usage: python benchmarks/bench_runner.py [--turns 20000] [--seconds 10]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import socket
import sys
import tempfile
import time
from pathlib import Path
from typing import ClassVar

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from harness import eventloop  # noqa: E402
from harness.model import Generation, GenerationRequest, GenParams, Model, user  # noqa: E402
from harness.runner import RunOptions, execute  # noqa: E402
from harness.task import Env, Metric, RunContext, Sample, SampleScore, Status, StepResult, Suite, Task  # noqa: E402


class ZeroLatencyModel(Model):
    name = "zero"
    adapter = "bench"

    async def generate(self, request: GenerationRequest) -> Generation:
        return Generation(text="step", prompt_tokens=10, completion_tokens=1)


class TrivialEnv(Env):
    blocking = False

    def __init__(self, turns: int):
        self.turns = turns
        self.n = 0

    def reset(self):
        return [user("go")]

    def step(self, action: str) -> StepResult:
        self.n += 1
        return StepResult(observation="ok", done=self.n >= self.turns, reward=1.0)

    def evaluate(self, status: Status) -> SampleScore:
        return SampleScore(score=1.0)


class TrivialTask(Task):
    name: ClassVar[str] = "trivial"
    suite = Suite.HELD_IN
    metric = Metric(name="success")
    max_turns = 10_000
    generation = GenParams(max_new_tokens=1)

    def __init__(self, samples: int, turns: int):
        super().__init__()
        self.n_samples, self.turns = samples, turns

    def samples(self, split: str) -> list[Sample]:
        return [Sample(id=str(i), split=split) for i in range(self.n_samples)]

    def make_env(self, sample: Sample, ctx: RunContext) -> Env:
        return TrivialEnv(self.turns)

    def oracle(self, sample: Sample, env: Env) -> list[str]:
        return ["step"] * self.turns


def _opts(out: Path, concurrency: int, model: str) -> RunOptions:
    return RunOptions(model=model, out=out, concurrency=concurrency, progress=False, cache=False)


async def bench_loop(total_turns: int) -> float:
    turns_per_episode = 50
    samples = max(1, total_turns // turns_per_episode)
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        await execute(_opts(Path(tmp) / "run", 16, "zero"), ZeroLatencyModel(), [TrivialTask(samples, turns_per_episode)])
        wall = time.perf_counter() - t0
    turns = samples * turns_per_episode
    us = wall / turns * 1e6
    print(f"loop overhead: {turns} turns in {wall:.2f} s = {turns / wall:,.0f} turns/s, {us:.1f} us of harness time per turn "
          f"(target < 500 us) -> {'OK' if us < 500 else 'SLOW'}")
    return us


def _serve(port: int, latency: float) -> None:
    """A minimal HTTP/1.1 keep-alive server speaking TGI's `/` and `/generate`: every POST gets its
    answer exactly ``latency`` seconds later. Written on raw asyncio so that the peer's own CPU
    cost stays far below the harness's (an aiohttp server alone caps this test near 96%)."""
    body = json.dumps({"generated_text": "ok", "details": {"finish_reason": "length", "generated_tokens": 1}})
    listed = f"[{body}]".encode()
    plain = body.encode()

    def response(payload: bytes) -> bytes:
        head = f"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {len(payload)}\r\n\r\n"
        return head.encode() + payload

    answers = {b"/": response(listed), b"/generate": response(plain), b"/health": response(b"{}"),
               b"/info": response(b'{"model_id": "bench"}')}

    class Http(asyncio.Protocol):
        def connection_made(self, transport):
            self.transport, self.buffer = transport, b""

        def data_received(self, data: bytes) -> None:
            self.buffer += data
            while True:
                end = self.buffer.find(b"\r\n\r\n")
                if end < 0:
                    return
                head = self.buffer[:end].decode("latin-1")
                length = 0
                for line in head.split("\r\n")[1:]:
                    name, _, value = line.partition(":")
                    if name.strip().lower() == "content-length":
                        length = int(value)
                if len(self.buffer) < end + 4 + length:
                    return
                method, path = head.split(" ", 2)[:2]
                self.buffer = self.buffer[end + 4 + length:]
                answer = answers.get(path.encode(), answers[b"/"])
                if method == "POST":
                    asyncio.get_running_loop().call_later(latency, self._send, answer)
                else:
                    self._send(answer)

        def _send(self, answer: bytes) -> None:
            if not self.transport.is_closing():
                self.transport.write(answer)

    async def main() -> None:
        server = await asyncio.get_running_loop().create_server(Http, "127.0.0.1", port, backlog=1024)
        async with server:
            await server.serve_forever()

    asyncio.run(main())


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class SingleTurnTask(TrivialTask):
    name: ClassVar[str] = "single"


async def bench_rate(seconds: float, concurrency: int = 64, latency: float = 0.2) -> float:
    port = _free_port()
    server = multiprocessing.Process(target=_serve, args=(port, latency), daemon=True)
    server.start()
    try:
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                await asyncio.sleep(0.05)
        ideal = concurrency / latency
        n = int(ideal * seconds)
        with tempfile.TemporaryDirectory() as tmp:
            task = SingleTurnTask(n, 1)
            # warm-up (connection pool), then the measured run
            await execute(_opts(Path(tmp) / "warm", concurrency, f"tgi:http://127.0.0.1:{port}"), None, [SingleTurnTask(concurrency, 1)])
            t0 = time.perf_counter()
            await execute(_opts(Path(tmp) / "run", concurrency, f"tgi:http://127.0.0.1:{port}"), None, [task])
            wall = time.perf_counter() - t0
        rate = n / wall
        ratio = rate / ideal
        print(f"endpoint saturation: {n} requests in {wall:.2f} s = {rate:.1f} req/s at concurrency {concurrency} "
              f"with {latency * 1000:.0f} ms latency; ideal {ideal:.0f} req/s; {ratio:.1%} of ideal "
              f"(target >= 95%) -> {'OK' if ratio >= 0.95 else 'LOW'}")
        return ratio
    finally:
        server.terminate()
        server.join()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--turns", type=int, default=20_000)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args()
    us = eventloop.run(bench_loop(args.turns))
    ratio = eventloop.run(bench_rate(args.seconds))
    if args.json:
        Path(args.json).write_text(json.dumps({"us_per_turn": us, "rate_ratio": ratio}))


if __name__ == "__main__":
    main()
