"""HumanEval: program building, sandboxed execution (hostile completions), oracle."""

from __future__ import annotations

import asyncio
import os
import socket
import threading
from pathlib import Path

import pytest

from harness.loop import run_episode
from harness.oracle import OracleModel
from harness.task import RunContext
from tasks.humaneval import HumanEval
from tasks.humaneval.execution import build_program, run_program, truncate_at_stop

SAMPLE = Path(__file__).resolve().parents[2] / "tasks/humaneval/sample_data"


@pytest.fixture(scope="module")
def local_ok():
    from tasks.services.sandbox import SandboxUnavailable, check_available

    try:
        check_available("local")
    except SandboxUnavailable as exc:
        pytest.skip(str(exc))


def test_program_building():
    assert truncate_at_stop("    return 1\ndef other():\n    pass") == "    return 1"
    prog = build_program("def f():\n", "```python\ndef f():\n    return 2\n```", "def check(c):\n    assert c() == 2", "f")
    assert "def f():\n    return 2" in prog and prog.endswith("check(f)\n")
    assert build_program("def f():\n", "    return 2\nprint('x')", "T", "f").startswith("def f():\n    return 2\n\nT")


def _run(task, samples, model):
    async def go():
        return [await run_episode(task, s, model, RunContext(), "test") for s in samples]

    return asyncio.run(go())


@pytest.mark.needs_root
def test_bundled_sample_oracle_and_wrong(local_ok):
    task = HumanEval(data={"humaneval": SAMPLE / "humaneval"})
    samples = task.samples("test")
    assert [s.id for s in samples] == ["HumanEval-0", "HumanEval-1"]
    assert [r.score for r in _run(task, samples, OracleModel())] == [1.0, 1.0]

    class Wrong(OracleModel):
        def bind(self, task, sample, env):
            from harness.oracle import BoundOracle
            from harness.task import Replay

            return BoundOracle(Replay(["    return None\n"]))

    assert [r.score for r in _run(task, samples, Wrong())] == [0.0, 0.0]


@pytest.mark.needs_root
def test_hostile_completions_fail_and_host_is_untouched(local_ok, tmp_path):
    target = tmp_path / "pwned"
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    port = server.getsockname()[1]
    hits = []

    def accept():
        server.settimeout(6)
        try:
            server.accept()
            hits.append(1)
        except OSError:
            pass

    t = threading.Thread(target=accept, daemon=True)
    t.start()
    write = f"open({str(target)!r}, 'w').write('x')\nopen('/root/pwned-{os.getpid()}', 'w').write('x')\n"
    connect = f"import socket\nsocket.create_connection(('127.0.0.1', {port}), 2)\n"
    try:
        ok1, _ = run_program(write)
        ok2, _ = run_program(connect)
        ok3, detail = run_program("while True:\n    pass\n", timeout=3)
    finally:
        server.close()
        t.join(timeout=10)
    assert not ok1 and not ok2 and not ok3 and detail == "timed out"
    assert not target.exists() and not Path(f"/root/pwned-{os.getpid()}").exists()
    assert hits == []


@pytest.mark.slow
@pytest.mark.needs_root
def test_oracle_passes_all_164(mirror, local_ok):
    from harness.data import resolve
    from tasks.humaneval import HUMANEVAL_SOURCE

    task = HumanEval(data={"humaneval": Path(resolve(HUMANEVAL_SOURCE, None).path)})
    samples = task.samples("test")
    assert len(samples) == 164

    async def go():
        sem = asyncio.Semaphore(3)

        async def one(s):
            async with sem:
                return await run_episode(task, s, OracleModel(), RunContext(), "test")

        return await asyncio.gather(*(one(s) for s in samples))

    assert [r.sample_id for r in asyncio.run(go()) if r.score != 1.0] == []
