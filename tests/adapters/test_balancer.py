"""The endpoint balancer's rules, on a virtual clock (no servers, no wall-clock timing)."""

from __future__ import annotations

import heapq
import itertools

import pytest

from adapters.balancer import Balancer, Lease
from harness.model import ContextLimitError, PermanentModelError, TransientModelError


class Clock:
    def __init__(self) -> None:
        self.t = 100.0

    def __call__(self) -> float:
        return self.t


def serve(b: Balancer, clock: Clock, latency, fail: type[Exception] | None = None) -> str:
    """One request that takes ``latency`` (a number, or {url: seconds}) and ends with ``fail``
    (None: success)."""
    lease = b.lease()
    url = lease.__enter__()
    clock.t += latency[url] if isinstance(latency, dict) else latency
    if fail is None:
        lease.__exit__(None, None, None)
    else:
        lease.__exit__(fail, fail("x"), None)
    return url


def test_least_outstanding_with_round_robin_ties():
    b = Balancer(["u1", "u2", "u3"], clock=Clock())
    leases = [b.lease() for _ in range(6)]
    urls = []
    for lease in leases:
        urls.append(lease.__enter__())
    assert urls == ["u1", "u2", "u3", "u1", "u2", "u3"] and b.in_flight == [2, 2, 2]
    leases[0].__exit__(None, None, None)  # u1 frees a slot: it has the fewest now
    with b.lease() as url:
        assert url == "u1"


def test_faster_endpoint_carries_proportionally_more():
    clock = Clock()
    b = Balancer(["fast", "slow"], clock=clock)
    assert [serve(b, clock, {"fast": 0.1, "slow": 0.3}) for _ in range(2)] == ["fast", "slow"]
    held = [b.lease() for _ in range(40)]
    picked = [lease.__enter__() for lease in held]
    # costs (n+1)*latency balance at n_fast+1 ~ 3*(n_slow+1): 30 and 10 of 40
    assert 29 <= picked.count("fast") <= 31 and picked.count("fast") + picked.count("slow") == 40


def test_failing_endpoint_is_drained_probed_and_restored():
    clock = Clock()
    b = Balancer(["a", "b"], clock=clock, fail_threshold=3, backoff_s=1.0)
    serve(b, clock, 0.01)  # a measured
    for _ in range(3):  # b (idle, unmeasured) is tried first each time, and fails
        assert serve(b, clock, 0.01, TransientModelError) == "b"
    assert b.snapshot()[1]["drained"]
    assert {b.endpoints[b.pick()] for _ in range(20)} == {"a"}  # drained: no traffic
    clock.t += 1.0  # backoff over: one probe at a time
    probe = b.lease()
    assert probe.__enter__() == "b"
    assert b.endpoints[b.pick()] == "a"  # while the probe is out, b gets nothing else
    probe.__exit__(TransientModelError, TransientModelError("x"), None)  # probe fails: 2 s now
    clock.t += 1.5
    assert b.endpoints[b.pick()] == "a"
    clock.t += 0.6
    assert serve(b, clock, 0.01) == "b"  # second probe succeeds: restored
    assert not b.snapshot()[1]["drained"] and b.states[1].backoff_s == 0.0


def test_answers_that_are_the_requests_fault_keep_an_endpoint_alive():
    clock = Clock()
    b = Balancer(["a", "b"], clock=clock, fail_threshold=3)
    for fault in (TransientModelError, TransientModelError, PermanentModelError, TransientModelError,
                  ContextLimitError, TransientModelError, TransientModelError):
        lease = Lease(b, 1)  # all on b
        lease.__enter__()
        lease.__exit__(fault, fault("x"), None)
    assert not b.snapshot()[1]["drained"] and b.states[1].failures == 2


def test_a_single_endpoint_is_never_drained_and_all_drained_picks_the_first_due():
    clock = Clock()
    one = Balancer(["only"], clock=clock)
    for _ in range(10):
        serve(one, clock, 0.01, TransientModelError)
    assert not one.snapshot()[0]["drained"]
    b = Balancer(["a", "b"], clock=clock, fail_threshold=1)
    serve(b, clock, 0.0, TransientModelError)  # a drained until t+1
    clock.t += 0.5
    serve(b, clock, 0.0, TransientModelError)  # b drained until t+1.5
    assert all(s["drained"] for s in b.snapshot())
    assert b.endpoints[b.pick()] == "a"


def test_cancellation_says_nothing_about_the_endpoint():
    clock = Clock()
    b = Balancer(["a", "b"], clock=clock, fail_threshold=1)
    lease = b.lease()
    lease.__enter__()
    lease.__exit__(KeyboardInterrupt, KeyboardInterrupt(), None)
    assert b.in_flight == [0, 0] and b.states[0].failures == 0 and b.states[0].served == 0


def test_idle_slow_endpoint_is_tried_again():
    clock = Clock()
    b = Balancer(["a", "b"], clock=clock, decay_s=10.0)
    serve(b, clock, 0.1)  # a
    serve(b, clock, 5.0)  # b: measured very slow (say, while overloaded)
    assert [b.endpoints[b.pick()] for _ in range(3)] == ["a"] * 3
    clock.t += 60  # idle for a minute: b's estimate has decayed (5 s * e^-6 ~ 12 ms)
    with b.lease():  # a is busy (no decay while busy: 2 * 0.1 s), so b is tried again
        assert b.endpoints[b.pick()] == "b"


MIXED = [(0.05, 16), (0.1, 16), (0.2, 16), (0.4, 16)]
"""(latency s, requests served at once) of four servers: 320 + 160 + 80 + 40 = 600 req/s."""
UNEVEN = [(0.05, 32), (0.1, 16), (0.2, 8), (0.4, 8)]


@pytest.mark.parametrize(("servers", "concurrency"), [(MIXED, 96), (MIXED, 256), (UNEVEN, 64), (UNEVEN, 128)])
def test_simulated_mixed_endpoints_reach_90_percent_of_capacity(servers, concurrency):
    """Four servers behind one model (a server queues what exceeds its slots), a closed loop of
    ``concurrency`` clients: the routing rule alone (virtual time, discrete events) keeps >= 90%
    of the summed capacity (round-robin would keep 27% and 10%)."""
    capacity = sum(slots / lat for lat, slots in servers)
    clock = Clock()
    b = Balancer([f"s{i}" for i in range(4)], clock=clock)
    busy = [0] * 4
    queues: list[list] = [[] for _ in range(4)]
    events: list = []
    seq = itertools.count()

    def submit() -> None:
        lease = b.lease()
        i = int(lease.__enter__()[1:])
        if busy[i] < servers[i][1]:
            busy[i] += 1
            heapq.heappush(events, (clock.t + servers[i][0], next(seq), i, lease))
        else:
            queues[i].append(lease)

    for _ in range(concurrency):
        submit()
    done, start, warm = 0, clock.t, 2.0
    counted = 0
    while clock.t < start + warm + 20.0:
        t, _, i, lease = heapq.heappop(events)
        clock.t = t
        lease.__exit__(None, None, None)
        if clock.t >= start + warm:
            counted += 1
        done += 1
        busy[i] -= 1
        if queues[i]:
            busy[i] += 1
            heapq.heappush(events, (clock.t + servers[i][0], next(seq), i, queues[i].pop(0)))
        submit()
    rate = counted / 20.0
    assert rate >= 0.9 * capacity, (rate, capacity, b.snapshot())


async def test_full_endpoints_make_requests_wait_in_order_and_a_cancelled_wait_loses_no_slot():
    import asyncio

    b = Balancer(["a", "b"], clock=Clock())
    b.set_capacity("a", 1)
    b.set_capacity("b", 2)
    held = [b.lease() for _ in range(3)]
    assert sorted([await lease.__aenter__() for lease in held]) == ["a", "b", "b"] and b.in_flight == [1, 2]

    got: list[str] = []
    done = asyncio.Event()

    async def wait(tag: str) -> None:
        async with b.lease() as url:
            got.append(f"{tag}:{url}")
            await done.wait()

    first, cancelled, last = (asyncio.ensure_future(wait(t)) for t in ("first", "cancelled", "last"))
    await asyncio.sleep(0)
    assert got == [] and len(b._waiters) == 3  # every endpoint is full
    cancelled.cancel()
    await asyncio.sleep(0)
    await held[1].__aexit__(None, None, None)  # a slot of b frees: the first waiter takes it
    await asyncio.sleep(0)
    assert got == ["first:b"] and b.in_flight == [1, 2]
    await held[0].__aexit__(None, None, None)  # a slot of a: the cancelled one is skipped
    await asyncio.sleep(0)
    assert got == ["first:b", "last:a"] and cancelled.cancelled() and not b._waiters
    done.set()
    await asyncio.gather(first, last)
    await held[2].__aexit__(None, None, None)
    assert b.in_flight == [0, 0]


def test_without_capacities_nothing_waits_and_sync_leases_ignore_them():
    b = Balancer(["a"], clock=Clock())
    assert b.pick(full_ok=False) == 0
    b.set_capacity("a", 1)
    with b.lease():
        assert b.pick(full_ok=False) == -1 and b.pick() == 0  # a sync lease picks anyway
