"""The JVM pool's leasing and preparation rules, with a stand-in for starting a JVM (no Java)."""

from __future__ import annotations

import threading
import time

import pytest

from tasks.sciworld import jvm_pool
from tasks.sciworld.jvm_pool import JVMPool


class FakeJVM:
    count = 0

    def __init__(self):
        FakeJVM.count += 1
        self.n = FakeJVM.count
        self.closed = False
        self.loads: list[tuple[str, int]] = []
        self.thread = threading.current_thread().name

    def load(self, task, variation, simplification, gold):
        assert gold and not self.closed
        self.loads.append((task, variation))

    def close(self):
        self.closed = True


@pytest.fixture(autouse=True)
def fake_start(monkeypatch):
    def start(step_limit, max_heap=None):
        time.sleep(0.01)
        return FakeJVM()

    monkeypatch.setattr(jvm_pool, "start_jvm", start)


def wait_for(predicate, timeout=2.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.005)
    return predicate()


def test_fresh_jvm_per_episode_with_spares_ready():
    pool = JVMPool(2, 100)
    first = pool.acquire("boil", 1)
    assert first.loads == [("boil", 1)]
    assert wait_for(lambda: len(pool._idle) == 1)  # without a plan: a blank spare started while the episode runs
    pool.release(first)
    assert first.closed  # never reused: the next world does not depend on this one
    second = pool.acquire("melt", 2)
    assert second is not first and not second.closed
    assert second.loads == [("melt", 2)]  # the spare loads its one variation when its episode starts
    pool.release(second)
    pool.close()
    assert wait_for(lambda: not pool._preparing)
    assert all(j.closed for j in pool._idle) or not pool._idle


def test_reuse_keeps_jvms_and_broken_ones_are_replaced():
    pool = JVMPool(1, 100, reuse=True)
    pool.plan([("boil", 1), ("boil", 2)])  # ignored when reusing: loads happen when episodes start
    a = pool.acquire("boil", 1)
    pool.release(a)
    assert pool.acquire("boil", 2) is a and not a.closed and a.loads == [("boil", 1), ("boil", 2)]
    pool.release(a, broken=True)
    assert a.closed
    b = pool.acquire("boil", 3)
    assert b is not a
    pool.release(b)
    pool.close()
    assert b.closed and pool.started == 2


def test_size_bounds_leases_and_waiters_get_the_next_jvm():
    pool = JVMPool(1, 100)
    a = pool.acquire("boil", 1)
    got = []
    t = threading.Thread(target=lambda: got.append(pool.acquire("boil", 2)))
    t.start()
    time.sleep(0.05)
    assert not got  # one lease at a time
    pool.release(a)
    t.join(2)
    assert got and got[0] is not a
    pool.release(got[0])
    pool.close()
    with pytest.raises(RuntimeError):
        pool.acquire("boil", 3)


PLAN = [("boil", 26), ("melt", 27), ("freeze", 28)]


def test_planned_episodes_get_their_jvm_started_and_loaded_ahead():
    """With a plan, the running episode's successor is started and loaded in the background with
    exactly its own variation (its first-load world), and nothing is prepared past the plan."""
    pool = JVMPool(2, 100)
    pool.plan(PLAN)
    first = pool.acquire(*PLAN[0])
    assert first.loads == [PLAN[0]] and first.thread == threading.current_thread().name  # nothing was ready
    assert wait_for(lambda: pool._preparing and pool._preparing[0].done.is_set())
    pool.release(first)
    second = pool.acquire(*PLAN[1])
    assert second.loads == [PLAN[1]] and second.thread == "sciworld-jvm-ahead"
    third_ahead = pool._preparing[0]
    assert third_ahead.key == PLAN[2]
    pool.release(second)
    third = pool.acquire(*PLAN[2])
    assert third.loads == [PLAN[2]] and third.thread == "sciworld-jvm-ahead"
    assert not pool._preparing and not pool._idle  # the plan is done: nothing started for no one
    pool.release(third)
    pool.close()
    assert pool.started == 3 and all(j.closed for j in (first, second, third))


def test_out_of_plan_order_and_a_failed_preparation_still_play(monkeypatch):
    pool = JVMPool(1, 100)
    pool.plan(PLAN)
    second = pool.acquire(*PLAN[1])  # asked out of order: loaded now, and it leaves the plan
    assert second.loads == [PLAN[1]]
    assert wait_for(lambda: pool._preparing and pool._preparing[0].done.is_set())
    assert pool._preparing[0].key == PLAN[0] and list(pool._upcoming) == [PLAN[2]]
    pool.release(second)

    def broken_start(step_limit, max_heap=None):
        raise OSError("no memory for a JVM")

    monkeypatch.setattr(jvm_pool, "start_jvm", broken_start)
    first = pool.acquire(*PLAN[0])  # prepared before the failures began
    assert first.loads == [PLAN[0]] and first.thread == "sciworld-jvm-ahead"
    prepared = pool._preparing[0]
    assert wait_for(prepared.done.is_set) and prepared.error is not None  # the successor failed to start
    pool.release(first)
    monkeypatch.undo()
    monkeypatch.setattr(jvm_pool, "start_jvm", lambda step_limit, max_heap=None: FakeJVM())
    third = pool.acquire(*PLAN[2])  # falls back to starting one now
    assert third.loads == [PLAN[2]] and third.thread == threading.current_thread().name
    pool.release(third)
    pool.close()
