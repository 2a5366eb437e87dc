"""Sandboxes started ahead of need (stand-in sandboxes: no root needed)."""

from __future__ import annotations

import threading
from typing import ClassVar

import pytest

from tasks.services.sandbox.base import ExecResult, Sandbox
from tasks.services.sandbox.pool import SandboxPool


class FakeSandbox(Sandbox):
    made: ClassVar[list[FakeSandbox]] = []
    fail_start: ClassVar[bool] = False

    def __init__(self):
        super().__init__()
        self.started = self.closed = False
        self.ran: list[str] = []
        self.thread = ""
        FakeSandbox.made.append(self)

    def start(self):
        if FakeSandbox.fail_start:
            raise OSError("cannot create namespaces")
        self.started, self.thread = True, threading.current_thread().name

    def exec(self, argv, timeout=None):
        self.ran.append(" ".join(argv))
        return ExecResult(output="", exit_code=0)

    def shell(self, command, timeout=None, typed=False):
        self.ran.append(command)
        return ExecResult(output="", exit_code=0)

    def close(self):
        self.closed = True


@pytest.fixture(autouse=True)
def fresh():
    FakeSandbox.made, FakeSandbox.fail_start = [], False


def started() -> FakeSandbox:
    box = FakeSandbox()
    box.start()
    return box


def test_without_a_plan_sandboxes_start_on_demand():
    pool = SandboxPool(started)
    box = pool.take()
    assert box.started and box.thread == threading.current_thread().name
    pool.give_back()
    assert pool.started == 1 and len(FakeSandbox.made) == 1  # nothing started ahead


def test_planned_samples_find_a_fresh_sandbox_started_ahead_and_none_is_wasted():
    pool = SandboxPool(started)
    pool.plan(3)
    first = pool.take()
    assert first.thread == threading.current_thread().name  # nothing was ahead yet
    first.close()
    pool.give_back()
    second = pool.take()
    assert second is not first and second.started and not second.ran and second.thread == "sandbox-ahead"
    second.close()
    pool.give_back()
    third = pool.take()
    assert third.thread == "sandbox-ahead" and not third.ran
    third.close()
    pool.give_back()
    pool.close()
    assert pool.started == 3 and len(FakeSandbox.made) == 3  # one per planned sample, never reused
    assert all(b.closed for b in FakeSandbox.made)


def test_a_failed_start_ahead_falls_back_and_close_stops_the_unused():
    pool = SandboxPool(started, ahead=1)
    pool.plan(3)
    FakeSandbox.fail_start = True
    with pytest.raises(OSError):
        pool.take()  # this sample's own start fails: it errors, as before
    FakeSandbox.fail_start = False
    box = pool.take()  # the one started ahead failed meanwhile (or not): either way a started sandbox
    assert box.started
    box.close()
    pool.give_back()
    pool.close()  # the last one started ahead was never taken: closed here
    assert all(b.closed for b in FakeSandbox.made if b.started)
    with pytest.raises(RuntimeError):
        pool.take()
