"""AgentBench OS interaction (held-in), as AgentTuning evaluates it (AgentBench.old protocol).

Each of the 144 std problems runs in a fresh sandbox (``--task-opt sandbox=local|docker``; never
the host): its init scripts run as independent processes, its ``start`` is typed into the one
persistent ``bash --login``; the agent then has 8 rounds of ``Think:``/``Act: bash|finish|answer``
(1-shot prompt, verbatim). Observations (``--task-opt observation=old|v0.2``): by default
AgentBench.old's raw terminal bytes (``tasks.services.sandbox.terminal``; ``README.md`` here says
what cannot be equal), else v0.2's cleaned ones; either way cut to 780 characters past 800.
Judging: ``match`` (exact after strip, or regex) or a ``check`` chain run in the sandbox.
Metric: success rate; ``aggregate`` adds the per-group (1..7) rates.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any, ClassVar

from harness.data import DataSource
from harness.errors import HarnessError
from harness.task import Env, Metric, Oracle, RunContext, Sample, SampleScore, Suite, Task, TaskOption, TaskScore
from tasks.agentbench import HELD_IN_RENDERING, agentbench_old, held_in_generation
from tasks.os_interaction.env import OBSERVATIONS, Machine, OSEnv, start_machine
from tasks.os_interaction.oracle import DATA_DEFECTS, OSOracle
from tasks.os_interaction.problems import Problem, load_problems
from tasks.os_interaction.source import OS_DEV_SOURCE, OS_SOURCE
from tasks.services.sandbox import SANDBOX_OPTION, Sandbox, SandboxLimits, check_available, make_sandbox
from tasks.services.sandbox.pool import SandboxPool

_ROOT = "data/os_interaction"
GROUPS = ("1", "2", "3", "4", "5", "6", "7")


class OSInteraction(Task):
    name: ClassVar[str] = "os"
    suite = Suite.HELD_IN
    version = "2"
    """2: AgentBench.old's raw terminal observations by default (1: v0.2's cleaned ones)."""
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
            name="observation", type="choice", choices=OBSERVATIONS, default="old",
            help="old: AgentBench.old's raw terminal bytes, typed into an interactive bash (the paper's); "
                 "v0.2: AgentBench v0.2's cleaned output, one eval per command, stdin from /dev/null (not comparable)",
        ),
        TaskOption(
            name="command_timeout", type="float", default=30.0, minimum=0.1,
            help="observation=v0.2: seconds a command may run before it is interrupted (v0.2's 30 s); "
                 "old: the most seconds one command's output is read while it keeps printing (the original had no cap)",
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
    env_resources = {"CPU": 1.0, "sandbox": 1.0}  # a node that can run the namespace sandbox (root)

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
        if self.option_choice("observation") != "old":
            reasons.append("AgentBench v0.2's cleaned observations (eval per command, stdin /dev/null), "
                           "not the raw terminal AgentTuning's models saw")
        return reasons

    def __init__(self, data: dict[str, Path] | None = None, options: dict[str, Any] | None = None):
        super().__init__(data, options)
        self._machines: SandboxPool[Machine] | None = None

    def _limits(self) -> SandboxLimits:
        limits = SandboxLimits()
        limits.command_timeout_s = float(self.option("command_timeout"))
        return limits

    def _sandbox(self) -> Sandbox:
        # AgentBench.old's containers are named by their id (the prompt shows it): a fresh one each
        return make_sandbox(self.option_choice("sandbox"), self._limits(), container_like=self.option_choice("observation") == "old")

    async def start(self, ctx: RunContext) -> None:
        import asyncio

        await asyncio.to_thread(check_available, self.option_choice("sandbox"))  # may build the rootfs once (~1 min)

    def upcoming(self, samples: Sequence[Sample]) -> None:
        """Each sample's machine (sandbox, and shell for the old observations) is started while the
        sample before it runs: a fresh one per sample, nothing run in it before its init scripts."""
        mode = self.option_choice("observation")
        self._machines = SandboxPool(lambda: start_machine(self._sandbox(), mode))
        self._machines.plan(len(samples))

    async def stop(self) -> None:
        import asyncio

        pool, self._machines = self._machines, None
        if pool is not None:
            await asyncio.to_thread(pool.close)

    def make_env(self, sample: Sample, ctx: RunContext) -> Env:
        problem, mode = Problem.model_validate(sample.data), self.option_choice("observation")
        if self._machines is not None:
            return OSEnv(problem, None, observation=mode, machines=self._machines)
        return OSEnv(problem, self._sandbox(), observation=mode)

    def oracle(self, sample: Sample, env: Env) -> Oracle:
        return OSOracle(Problem.model_validate(sample.data), DATA_DEFECTS.get(sample.id), self.option_choice("observation"))

    def describe(self) -> dict[str, Any]:
        if self.option_choice("observation") == "old":
            observations = (
                "old (AgentBench.old, the paper's): the command typed into one interactive bash --login on a terminal, "
                "its echo frame dropped, raw bytes up to the prompt or 5 s without output (echo remnants, \\r\\n, escape "
                "codes and the root@<id> prompt kept), strict UTF-8; deterministic frame model and the differences "
                "that remain: tasks/os_interaction/README.md"
            )
        else:
            observations = (
                "v0.2 (AgentBench v0.2, not the paper's): one eval per command, stdin /dev/null, output cleaned of "
                "prompts and escape codes with \\n line ends, interrupted after command_timeout"
            )
        return {
            "protocol": "AgentBench.old OS interaction: 1-shot, 8 rounds, 780/800 truncation",
            "observation": observations,
            "sandbox": "local (namespaces over a Debian bookworm rootfs, Ubuntu's shell profile) or docker (Ubuntu 22.04); "
                       "a fresh one per sample, started (with its shell, for the old observations) while the sample "
                       "before it runs; init scripts run when the sample starts",
            "judging": "answer judged whatever ended the episode (AgentBench.old)",
        }

    def aggregate(self, scores: list[tuple[Sample | None, SampleScore]]) -> TaskScore:
        base = super().aggregate(scores)
        groups: dict[str, list[float]] = {}
        for _, s in scores:
            groups.setdefault(str(s.metrics.get("group", "?")), []).append(s.score)
        base.metrics.update({f"group_{g}": 100.0 * sum(v) / len(v) for g, v in sorted(groups.items())})
        return base
