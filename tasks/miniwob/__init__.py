"""MiniWoB++ (held-out): AgentTuning's RCI-agent evaluation on 46 tasks in headless Chromium.

Protocol (THUDM/AgentTuning ``eval_heldout/miniwob++``, ``eval-tgi.sh``): ``--erci 1 --irci 3
--sgrounding``, 10 episodes per task, success = final reward > 0, micro success rate over all
episodes. Prompts: :mod:`tasks.miniwob.prompts`; agent: :mod:`tasks.miniwob.rci_agent`; page:
:mod:`tasks.miniwob.browser` and :mod:`tasks.miniwob.dom_text`; gold: :mod:`tasks.miniwob.oracle`.

Options (``--task-opt``): ``tasks=`` a comma list, ``oracle`` (the oracle-covered tasks) or ``all``;
``episodes=`` (10); ``browsers=`` (pool size, default ``max_concurrency``); ``max_time_ms=``.
"""

from __future__ import annotations

import asyncio
import hashlib
from typing import Any, ClassVar

from harness.model import GenParams
from harness.task import (
    Env,
    Metric,
    Oracle,
    Protocol,
    RunContext,
    Sample,
    SampleScore,
    Suite,
    Task,
    TaskOption,
    TaskScore,
)
from tasks.miniwob import browser
from tasks.miniwob.env import ALL_OR_NOTHING_TASKS, MiniWoBEnv
from tasks.miniwob.oracle import MiniWoBOracle, oracle_tasks
from tasks.miniwob.prompts import SYSTEM_PROMPT, task_names

EPISODES = 10


def episode_seed(task: str, episode: int) -> float:
    """A fixed seed in [0, 1) per episode (the original draws ``random.random()`` unseeded)."""
    digest = hashlib.sha256(f"miniwob/{task}/{episode}".encode()).hexdigest()
    return int(digest[:13], 16) / 16**13


class MiniWoB(Task):
    name = "miniwob"
    suite = Suite.HELD_OUT
    version = "1"
    metric = Metric(name="success_rate")
    splits = ("test",)
    default_split = "test"
    sources = ()  # the task pages ship inside the `miniwob` PyPI package
    generation = GenParams(max_new_tokens=512, temperature=0.0, do_sample=False, truncate=4000)
    # Every model call is a turn. The original has no call cap: plan (3 calls) + per plan step
    # action + grounding + up to 3 RCI repairs; 300 bounds a degenerate (very long) plan.
    max_turns = 300
    time_limit_s = None
    max_concurrency = 2
    protocol = Protocol(reference="agenttuning-eval_heldout", source="THUDM/AgentTuning@e33a45d eval_heldout/miniwob++")
    options_spec = (
        TaskOption(name="tasks", default="all",
                   help="a comma list of MiniWoB++ tasks, 'oracle' (the ones the oracle solves) or 'all' (the 46)"),
        TaskOption(name="episodes", type="int", default=EPISODES, minimum=1, help="episodes per task"),
        TaskOption(name="browsers", type="int", default=2, minimum=1, comparable=True, help="Chromium pool size"),
        TaskOption(name="max_time_ms", type="int", default=browser.EPISODE_MAX_TIME_MS, minimum=1,
                   help="the page's episode timer (the RCI core.js value)"),
    )

    oracle_tasks: ClassVar[tuple[str, ...]] = oracle_tasks()
    """Tasks whose episodes the built-in oracle solves."""

    def __init__(self, data=None, options=None):
        super().__init__(data, options)
        self._pool: browser.BrowserPool | None = None

    # -- options ----------------------------------------------------------------------------------
    def selected_tasks(self) -> list[str]:
        value = str(self.option("tasks")).strip()
        if value in ("", "all"):
            return list(task_names())
        if value == "oracle":
            return list(self.oracle_tasks)
        wanted = [t.strip() for t in value.replace(";", ",").split(",") if t.strip()]
        unknown = [t for t in wanted if t not in task_names()]
        if unknown:
            raise ValueError(f"unknown MiniWoB++ tasks {unknown}; the 46 are {list(task_names())}")
        return [t for t in task_names() if t in wanted]

    # -- data -------------------------------------------------------------------------------------
    def samples(self, split: str) -> list[Sample]:
        if split not in self.splits:
            raise ValueError(f"unknown split {split!r}")
        episodes = self.option_int("episodes")
        return [
            Sample(id=f"{task}/{ep}", split=split, data={"task": task, "episode": ep, "seed": episode_seed(task, ep)})
            for task in self.selected_tasks()
            for ep in range(episodes)
        ]

    # -- episodes ---------------------------------------------------------------------------------
    def _browsers(self) -> browser.BrowserPool:
        if self._pool is None:
            self._pool = browser.BrowserPool(self.option_int("browsers"))
        return self._pool

    def make_env(self, sample: Sample, ctx: RunContext) -> Env:
        task = sample.data["task"]
        return MiniWoBEnv(
            task,
            sample.data["seed"],
            self._browsers(),
            max_time_ms=self.option_int("max_time_ms"),
            oracle_covered=task in self.oracle_tasks,
        )

    def comparability(self) -> list[str]:
        return [
            "pages of the miniwob PyPI package 1.1, not AgentTuning's own copy (30 of the 46 evaluated pages "
            "differ; at least 10 generate different problems)"
        ]

    def oracle(self, sample: Sample, env: Env) -> Oracle:
        return MiniWoBOracle(sample.data["task"])

    async def start(self, ctx: RunContext) -> None:
        self._browsers()

    async def stop(self) -> None:
        if self._pool is not None:
            pool, self._pool = self._pool, None
            await asyncio.to_thread(pool.close)

    # -- reporting --------------------------------------------------------------------------------
    def describe(self) -> dict[str, Any]:
        return {
            "protocol": "AgentTuning eval_heldout/miniwob++ RCI agent: --erci 1 --irci 3 --sgrounding, 10 episodes/task",
            "tasks": self.selected_tasks(),
            "episodes_per_task": self.option_int("episodes"),
            "success": "final reward > 0 (click-checkboxes*: raw reward 1, as the RCI pages score them)",
            "template_system_prompt": SYSTEM_PROMPT,
            "pages": "miniwob PyPI package 1.1 html (the RCI copy differs: smaller email-inbox*/social-media* "
            "problems, simple-algebra '+' only, terminal ls parsing, choose-list option classes)",
            "episode_timer_ms": self.option_int("max_time_ms"),
            "timer_note": "core.EPISODE_MAX_TIME lifted from 10 s to 1000 s (the RCI core.js value) before each episode",
            "seeds": "sha256('miniwob/<task>/<episode>') -> float in [0,1); the original used unseeded random.random()",
            "page_reload": "each episode reloads its task page (the original reuses the page across episodes)",
            "browser": f"{browser.CHROME_BINARY} via {browser.CHROMEDRIVER}, pool of {self.option_int('browsers')}",
            "all_or_nothing_tasks": sorted(ALL_OR_NOTHING_TASKS),
            "oracle_tasks": list(self.oracle_tasks),
            "empty_answer": "ends the episode as a failure (the original re-asks forever)",
        }

    def aggregate(self, scores: list[tuple[Sample | None, SampleScore]]) -> TaskScore:
        """Micro success rate over all episodes, with per-task rates and the oracle-covered rate."""
        from harness.metrics import mean_score

        result = mean_score([s.score for _, s in scores], self.metric)
        per_task: dict[str, list[float]] = {}
        covered: list[float] = []
        for _, s in scores:
            per_task.setdefault(str(s.metrics.get("task")), []).append(s.score)
            if s.metrics.get("oracle_covered"):
                covered.append(s.score)
        result.metrics["per_task"] = {t: 100.0 * sum(v) / len(v) for t, v in sorted(per_task.items())}
        result.metrics["macro_success_rate"] = (
            sum(result.metrics["per_task"].values()) / len(per_task) if per_task else 0.0
        )
        if covered:
            result.metrics["oracle_covered_success_rate"] = 100.0 * sum(covered) / len(covered)
        return result
