"""Measurements: harness CPU per turn, steady-state request rates, and the bare-client ceilings.

- CPU per turn: the process's CPU time (all threads; the loopback server is another process)
  across a whole ``execute`` of the synthetic task, divided by the turns played. A warm-up run
  first, so imports and connection set-up are not counted.
- Steady-state rate: the run is started; ``ramp_s`` after its first answer the server's own count
  of answered requests is read at the start and the end of a ``window_s`` window (>= 20 s):
  set-up, ramp-up and tail are outside the window. The run is then cancelled.
- Bare clients, on the same server: an aiohttp loop posting TGI bodies, and an ``AsyncOpenAI``
  loop calling ``chat.completions.create`` -- what a user would write without a harness.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import resource
import statistics
import tempfile
import time
from collections.abc import Awaitable, Callable, Sequence
from pathlib import Path

import aiohttp

from benchmarks.loopback import LoopbackServer
from benchmarks.synthetic import SyntheticTask, instruction, observation
from harness.model import Model
from harness.runner import RunOptions, execute


def cpu_s() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def _opts(out: Path, concurrency: int, model: str) -> RunOptions:
    return RunOptions(model=model, out=out, concurrency=concurrency, progress=False, cache=False)


async def _run(spec: str, model: Model | None, task: SyntheticTask, concurrency: int, out: Path) -> None:
    await execute(_opts(out, concurrency, spec), model, [task])


async def harness_cpu_per_turn(
    spec: str, make_model: Callable[[], Model | None], turns: int | Sequence[int], total_turns: int,
    concurrency: int = 16, repeat: int = 3,
) -> float | dict[int, float]:
    """Milliseconds of harness CPU per turn for ``turns``-turn episodes (median of ``repeat`` runs).

    Several episode lengths are measured in alternation (short, long, short, ...), so that a load
    that drifts during the measurement weighs on each alike; the result is then a dict."""
    lengths = [turns] if isinstance(turns, int) else list(turns)
    results: dict[int, list[float]] = {n: [] for n in lengths}
    with tempfile.TemporaryDirectory() as tmp:
        await _run(spec, make_model(), SyntheticTask(max(2, concurrency // lengths[0] + 1), lengths[0]), concurrency,
                   Path(tmp) / "warm")
        for k in range(repeat):
            for n in lengths:
                samples = max(1, total_turns // n)
                before = cpu_s()
                await _run(spec, make_model(), SyntheticTask(samples, n), concurrency, Path(tmp) / f"run{k}-{n}")
                results[n].append((cpu_s() - before) / (samples * n) * 1e3)
    medians = {n: statistics.median(v) for n, v in results.items()}
    return medians[lengths[0]] if isinstance(turns, int) else medians


def conversation(turns: int) -> list[list[dict[str, str]]]:
    """The messages of each request of one synthetic episode (as wire dicts)."""
    msgs = [{"role": "user", "content": instruction("0")}]
    out = []
    for k in range(1, turns + 1):
        out.append(list(msgs))
        msgs += [{"role": "assistant", "content": "Think: list the files.\nAct: bash ls -la"},
                 {"role": "user", "content": observation(k)}]
    return out


async def bare_cpu_per_request(
    kind: str, url: str, turns: int, total: int, concurrency: int = 16, repeat: int = 3
) -> float:
    """Milliseconds of CPU per request of a bare client replaying the same conversations (median
    of ``repeat`` runs)."""
    from fastchat.conversation import get_conv_template

    requests = conversation(turns)
    if kind == "tgi":
        prompts = []
        for msgs in requests:  # rendered outside the measurement: the bare client only sends
            conv = get_conv_template("llama-2")
            for i, m in enumerate(msgs):
                conv.append_message(conv.roles[i % 2], m["content"])
            conv.append_message(conv.roles[1], None)
            prompts.append(conv.get_prompt())
        bodies = [{"inputs": p, "parameters": {"max_new_tokens": 16, "details": True}} for p in prompts]
        send = await _bare_tgi_sender(url)
        items: Sequence = bodies
    else:
        send = _bare_openai_sender(url)
        items = requests
    for item in items:  # warm-up
        await send(item)
    n_each = max(1, total // (concurrency * turns))

    async def worker() -> None:
        for _ in range(n_each):
            for item in items:
                await send(item)

    results = []
    for _ in range(repeat):
        before = cpu_s()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        results.append((cpu_s() - before) / (n_each * concurrency * turns) * 1e3)
    await send(None)  # close
    return statistics.median(results)


async def _bare_tgi_sender(url: str) -> Callable[[dict | None], Awaitable[None]]:
    session = aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0))

    async def send(body: dict | None) -> None:
        if body is None:
            await session.close()
            return
        async with session.post(url + "/", json=body) as resp:
            json.loads(await resp.read())

    return send


def _bare_openai_sender(url: str) -> Callable[[list | None], Awaitable[None]]:
    import openai

    client = openai.AsyncOpenAI(api_key="sk-bench", base_url=url + "/v1", max_retries=0)

    async def send(messages: list | None) -> None:
        if messages is None:
            await client.close()
            return
        await client.chat.completions.create(model="bench", messages=messages, max_tokens=16)

    return send


async def steady_rate(
    servers: Sequence[LoopbackServer], start: Callable[[], Awaitable[None]], ramp_s: float, window_s: float
) -> float:
    """Requests per second answered by ``servers`` in the window (the run is cancelled after)."""
    run = asyncio.ensure_future(start())
    try:
        first = sum(await asyncio.gather(*(asyncio.to_thread(s.served) for s in servers)))
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and not run.done():  # the run's set-up is not ramp-up
            if sum(await asyncio.gather(*(asyncio.to_thread(s.served) for s in servers))) > first:
                break
            await asyncio.sleep(0.2)
        await asyncio.sleep(ramp_s)
        if run.done():
            run.result()
            raise RuntimeError("the run ended before the measurement window")
        t0, n0 = time.perf_counter(), sum(await asyncio.gather(*(asyncio.to_thread(s.served) for s in servers)))
        await asyncio.sleep(window_s)
        t1, n1 = time.perf_counter(), sum(await asyncio.gather(*(asyncio.to_thread(s.served) for s in servers)))
        if run.done():
            run.result()
            raise RuntimeError("the run ended inside the measurement window: give it more samples")
        return (n1 - n0) / (t1 - t0)
    finally:
        run.cancel()
        with contextlib.suppress(asyncio.CancelledError, Exception):
            await run


async def harness_rate(
    servers: Sequence[LoopbackServer], spec: str, concurrency: int, ideal: float, ramp_s: float, window_s: float
) -> float:
    """The harness's steady-state rate through ``spec`` (single-turn synthetic samples)."""
    samples = int(ideal * (ramp_s + window_s) * 1.3) + concurrency
    with tempfile.TemporaryDirectory() as tmp:
        return await steady_rate(
            servers, lambda: _run(spec, None, SyntheticTask(samples, 1), concurrency, Path(tmp) / "run"),
            ramp_s, window_s,
        )


async def transport_delay(server: LoopbackServer, latency: float, requests: int = 30) -> float:
    """Median seconds a bare aiohttp request takes beyond the server's ``latency``, one at a time:
    what the machine adds to every round trip (waking the idle server and client processes, the
    timer's lateness). It caps any client's rate at C / (L + delay), whatever its own cost."""
    send = await _bare_tgi_sender(server.url)
    body = {"inputs": "[INST] ping [/INST]", "parameters": {"max_new_tokens": 16, "details": True}}
    extra = []
    try:
        for _ in range(requests):
            t0 = time.perf_counter()
            await send(body)
            extra.append(time.perf_counter() - t0 - latency)
    finally:
        await send(None)
    return statistics.median(extra[3:])


async def bare_rate(server: LoopbackServer, kind: str, concurrency: int, ramp_s: float, window_s: float) -> float:
    """A bare client's steady-state rate on ``server`` with ``concurrency`` loops."""
    msgs = conversation(1)[0]
    if kind == "tgi":
        send = await _bare_tgi_sender(server.url)
        item: object = {"inputs": "[INST] " + msgs[0]["content"] + " [/INST]",
                        "parameters": {"max_new_tokens": 16, "details": True}}
    else:
        send = _bare_openai_sender(server.url)
        item = msgs

    async def loops() -> None:
        async def one() -> None:
            while True:
                await send(item)

        try:
            await asyncio.gather(*(one() for _ in range(concurrency)))
        finally:
            with contextlib.suppress(Exception):
                await send(None)

    return await steady_rate([server], loops, ramp_s, window_s)
