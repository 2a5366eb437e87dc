"""The JVM pool's leasing rules, with a stand-in for starting a JVM (no Java)."""

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
    first = pool.acquire()
    assert wait_for(lambda: len(pool._idle) == 1)  # a spare started while the episode runs
    pool.release(first)
    assert first.closed  # never reused: the next world does not depend on this one
    second = pool.acquire()
    assert second is not first and not second.closed
    pool.release(second)
    pool.close()
    assert wait_for(lambda: pool._starting == 0)
    assert all(j.closed for j in pool._idle) or not pool._idle


def test_reuse_keeps_jvms_and_broken_ones_are_replaced():
    pool = JVMPool(1, 100, reuse=True)
    a = pool.acquire()
    pool.release(a)
    assert pool.acquire() is a and not a.closed
    pool.release(a, broken=True)
    assert a.closed
    b = pool.acquire()
    assert b is not a
    pool.release(b)
    pool.close()
    assert b.closed and pool.started == 2


def test_size_bounds_leases_and_waiters_get_the_next_jvm():
    pool = JVMPool(1, 100)
    a = pool.acquire()
    got = []
    t = threading.Thread(target=lambda: got.append(pool.acquire()))
    t.start()
    time.sleep(0.05)
    assert not got  # one lease at a time
    pool.release(a)
    t.join(2)
    assert got and got[0] is not a
    pool.release(got[0])
    pool.close()
    with pytest.raises(RuntimeError):
        pool.acquire()
