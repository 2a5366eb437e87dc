"""HumanEval (general suite): 164 problems, greedy, pass@1, programs executed in the sandbox.

AgentTuning ships no HumanEval script, so the standard human-eval protocol is followed: the model
gets the problem's prompt as a plain completion (``Env.raw_prompt``; chat-only adapters send it as
one user message), 512 new tokens, stop at "\\nclass", "\\ndef", "\\n#", "\\nif", "\\nprint";
the program is prompt + completion + the tests + ``check(entry_point)``; code in a fenced block is
used when a chat model answers with one. Pass = exit status 0 within 10 s.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any, ClassVar

from harness.data import DataFile, DataSource
from harness.errors import HarnessError
from harness.model import GenParams, Message, user
from harness.task import Env, Metric, Oracle, Protocol, RunContext, Sample, SampleScore, Status, StepResult, Suite, Task
from tasks.humaneval.execution import STOP, TIMEOUT_S, build_program, run_program
from tasks.services.sandbox import SANDBOX_OPTION, check_available

_REV = "6d43fb980f9fee3c892a914eda09951f772ad10d"
HUMANEVAL_SOURCE = DataSource(
    name="humaneval",
    repo="https://github.com/openai/human-eval",
    revision=_REV,
    license="MIT",
    files=(
        DataFile(
            path="data/HumanEval.jsonl.gz",
            url=f"https://raw.githubusercontent.com/openai/human-eval/{_REV}/data/HumanEval.jsonl.gz",
            sha256="b796127e635a67f93fb35c04f4cb03cf06f38c8072ee7cee8833d7bee06979ef",
        ),
    ),
)


class HumanEvalEnv(Env):
    """Blocking: scoring starts a sandbox (run by the core in a worker thread)."""

    def __init__(self, problem: dict[str, Any], sandbox_kind: str):
        self.problem = problem
        self.sandbox_kind = sandbox_kind
        self.raw_prompt = problem["prompt"]
        self.output = ""

    def reset(self) -> list[Message]:
        return [user(self.problem["prompt"])]

    def step(self, action: str) -> StepResult:
        self.output = action
        return StepResult(done=True)

    def evaluate(self, status: Status) -> SampleScore:
        p = self.problem
        program = build_program(p["prompt"], self.output, p["test"], p["entry_point"])
        passed, detail = run_program(program, self.sandbox_kind, TIMEOUT_S)
        return SampleScore(score=float(passed), metrics={"task_id": p["task_id"], "result": "passed" if passed else detail})


class HumanEval(Task):
    name: ClassVar[str] = "humaneval"
    suite = Suite.GENERAL
    version = "1"
    metric = Metric(name="pass@1", scale="percent")
    splits = ("test",)
    default_split = "test"
    sources = (HUMANEVAL_SOURCE,)
    sample_data = Path(__file__).with_name("sample_data")
    generation = GenParams(max_new_tokens=512, temperature=0.0, do_sample=False, stop=STOP)
    max_turns = 1
    max_concurrency = 4
    env_resources = {"CPU": 1.0, "sandbox": 1.0}  # a node that can run the namespace sandbox (root)
    protocol = Protocol(
        reference="assumed",
        source="openai/human-eval (AgentTuning reports HumanEval pass@1 but ships no script: the standard protocol is assumed)",
    )
    options_spec = (SANDBOX_OPTION,)

    def samples(self, split: str) -> list[Sample]:
        path = self.data["humaneval"] / "data" / "HumanEval.jsonl.gz"
        if not path.is_file():
            raise HarnessError(f"humaneval: {path} is missing")
        with gzip.open(path, "rt", encoding="utf-8") as f:
            rows = [json.loads(line) for line in f if line.strip()]
        return [Sample(id=r["task_id"].replace("/", "-"), split=split, data=r) for r in rows]

    async def start(self, ctx: RunContext) -> None:
        import asyncio

        await asyncio.to_thread(check_available, self.option_choice("sandbox"))

    def make_env(self, sample: Sample, ctx: RunContext) -> Env:
        return HumanEvalEnv(sample.data, self.option_choice("sandbox"))

    def oracle(self, sample: Sample, env: Env) -> Oracle:
        return [sample.data["canonical_solution"]]

    def describe(self) -> dict[str, Any]:
        return {"protocol": "human-eval completion, greedy, stop sequences, pass@1", "timeout_s": TIMEOUT_S}
