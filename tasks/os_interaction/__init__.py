"""AgentBench OS interaction (held-in), as AgentTuning evaluates it (AgentBench.old protocol).

Each of the 144 std problems runs in a fresh sandbox (``--task-opt sandbox=local|docker``; never
the host): its init scripts run as independent processes, its ``start`` is typed into the one
persistent ``bash --login``; the agent then has 8 rounds of ``Think:``/``Act: bash|finish|answer``
(1-shot prompt, verbatim), each command limited to 30 s and its output to 780 characters past
800. Judging: ``match`` (exact after strip, or regex) or a ``check`` chain run in the sandbox.
Metric: success rate; ``aggregate`` adds the per-group (1..7) rates.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

from harness.data import DataSource
from harness.errors import HarnessError
from harness.task import Env, Metric, Oracle, RunContext, Sample, SampleScore, Suite, Task, TaskOption, TaskScore
from tasks.agentbench import HELD_IN_RENDERING, agentbench_old, held_in_generation
from tasks.os_interaction.env import OSEnv
from tasks.os_interaction.oracle import DATA_DEFECTS, OSOracle
from tasks.os_interaction.problems import Problem, load_problems
from tasks.os_interaction.source import OS_DEV_SOURCE, OS_SOURCE
from tasks.services.sandbox import SANDBOX_OPTION, SandboxLimits, check_available, make_sandbox

_ROOT = "data/os_interaction"
GROUPS = ("1", "2", "3", "4", "5", "6", "7")


class OSInteraction(Task):
    name: ClassVar[str] = "os"
    suite = Suite.HELD_IN
    version = "1"
    metric = Metric(name="success_rate", scale="percent")
    splits = ("std", "dev")
    default_split = "std"
    sources = (OS_SOURCE, OS_DEV_SOURCE)
    sample_data = Path(__file__).with_name("sample_data")
    protocol = agentbench_old("src/tasks/os_interaction")
    rendering = HELD_IN_RENDERING
    generation = held_in_generation()
    options_spec = (
        SANDBOX_OPTION,
        TaskOption(
            name="command_timeout", type="float", default=30.0, minimum=0.1,
            help="seconds a command may run before it is interrupted (the protocol's 30 s)",
        ),
        TaskOption(
            name="data", type="path",
            help="your own problems in AgentBench's format (a .json list or .jsonl; script files relative to "
                 "its folder): run instead of the split's, through the same sandbox (not comparable)",
        ),
    )
    max_turns = 8
    time_limit_s = 900.0
    max_concurrency = 4

    @classmethod
    def sources_for(cls, split: str) -> tuple[DataSource, ...]:
        return (OS_DEV_SOURCE,) if split == "dev" else (OS_SOURCE,)

    def samples(self, split: str) -> list[Sample]:
        if split not in self.splits:
            raise HarnessError(f"os: unknown split {split!r} (splits: {', '.join(self.splits)})")
        user_file = self.option("data")
        if user_file is not None:
            problems = load_problems(user_file, user_file.parent, "user")
            return [Sample(id=f"user-{p.index:05d}", split=split, data=p.model_dump()) for p in problems]
        if split == "dev":
            root = self.data[OS_DEV_SOURCE.name] / _ROOT
            problems = load_problems(root / "data" / "dev.json", root / "scripts" / "dev", "dev")
            return [Sample(id=f"dev-{p.index:05d}", split=split, data=p.model_dump()) for p in problems]
        root = self.data[OS_SOURCE.name] / _ROOT
        out = []
        for group in GROUPS:
            for path in sorted((root / "data" / group).glob("*.json")):
                for p in load_problems(path, root / "scripts" / group, group):
                    sid = f"std-{int(group):03d}-{path.stem}-{p.index:05d}"
                    out.append(Sample(id=sid, split=split, data=p.model_dump()))
        if not out:
            raise HarnessError(f"os: no problems under {root}")
        return out

    def comparability(self) -> list[str]:
        reasons = []
        if self.option("data") is not None:
            reasons.append("the user's own problems, not the benchmark's")
        return reasons

    def _limits(self) -> SandboxLimits:
        limits = SandboxLimits()
        limits.command_timeout_s = float(self.option("command_timeout"))
        return limits

    async def start(self, ctx: RunContext) -> None:
        import asyncio

        await asyncio.to_thread(check_available, self.option_choice("sandbox"))  # may build the rootfs once (~1 min)

    def make_env(self, sample: Sample, ctx: RunContext) -> Env:
        return OSEnv(Problem.model_validate(sample.data), make_sandbox(self.option_choice("sandbox"), self._limits()))

    def oracle(self, sample: Sample, env: Env) -> Oracle:
        return OSOracle(Problem.model_validate(sample.data), DATA_DEFECTS.get(sample.id))

    def describe(self) -> dict[str, Any]:
        return {
            "protocol": "AgentBench.old OS interaction: 1-shot, 8 rounds, 30 s per command, 780/800 truncation",
            "sandbox": "local (namespaces over a Debian bookworm rootfs) or docker",
            "judging": "answer judged whatever ended the episode (AgentBench.old)",
        }

    def aggregate(self, scores: list[tuple[Sample | None, SampleScore]]) -> TaskScore:
        base = super().aggregate(scores)
        groups: dict[str, list[float]] = {}
        for _, s in scores:
            groups.setdefault(str(s.metrics.get("group", "?")), []).append(s.score)
        base.metrics.update({f"group_{g}": 100.0 * sum(v) / len(v) for g, v in sorted(groups.items())})
        return base
