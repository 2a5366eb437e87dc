"""MiniWoB++ (held-out): AgentTuning's RCI-agent evaluation on 46 tasks in headless Chromium.

Protocol (THUDM/AgentTuning ``eval_heldout/miniwob++``, ``eval-tgi.sh``): ``--erci 1 --irci 3
--sgrounding``, 10 episodes per task, success = final reward > 0, micro success rate over all
episodes. Prompts: :mod:`tasks.miniwob.prompts`; agent: :mod:`tasks.miniwob.rci_agent`; page:
:mod:`tasks.miniwob.browser` and :mod:`tasks.miniwob.dom_text`; gold: :mod:`tasks.miniwob.oracle`.

Pages: AgentTuning's own copy of the MiniWoB++ pages, a pinned data source
(:mod:`tasks.miniwob.pages`); the ``miniwob`` PyPI package's pages with ``pages=pypi`` or when the
official ones are not pulled (not comparable).

Options (``--task-opt``): ``tasks=`` a comma list, ``oracle`` (the oracle-covered tasks) or ``all``;
``episodes=`` (10); ``browsers=`` (pool size); ``pages=`` (agenttuning|pypi); ``max_time_ms=``.
"""

from __future__ import annotations

import asyncio
import hashlib
from typing import Any, ClassVar

from harness.errors import ConfigError
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
from tasks.miniwob import browser, pages
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
    version = "2"  # 2: AgentTuning's own pages (1: the miniwob PyPI pages)
    metric = Metric(name="success_rate")
    splits = ("test",)
    default_split = "test"
    sources = (pages.SOURCE,)
    sample_data = pages.SAMPLE_DATA
    generation = GenParams(max_new_tokens=512, temperature=0.0, do_sample=False, truncate=4000)
    # Every model call is a turn. The original has no call cap: plan (3 calls) + per plan step
    # action + grounding + up to 3 RCI repairs; 300 bounds a degenerate (very long) plan.
    max_turns = 300
    time_limit_s = None
    max_concurrency = 2
    env_resources = {"CPU": 1.0, "browser": 1.0}  # a node with Chromium and chromedriver
    protocol = Protocol(reference="agenttuning-eval_heldout", source="THUDM/AgentTuning@e33a45d eval_heldout/miniwob++")
    options_spec = (
        TaskOption(name="tasks", default="all",
                   help="a comma list of MiniWoB++ tasks, 'oracle' (the ones the oracle solves) or 'all' (the 46)"),
        TaskOption(name="episodes", type="int", default=EPISODES, minimum=1, help="episodes per task"),
        TaskOption(name="browsers", type="int", default=2, minimum=1, comparable=True, help="Chromium pool size"),
        TaskOption(name="pages", type="choice", default="agenttuning", choices=("agenttuning", "pypi"),
                   help="the task pages: AgentTuning's copy (the protocol) or the miniwob PyPI package's"),
        TaskOption(name="max_time_ms", type="int", default=None, minimum=1,
                   help="override every page's episode timer (default: each evaluated page's own value)"),
    )

    oracle_tasks: ClassVar[tuple[str, ...]] = oracle_tasks()
    """Tasks whose episodes the built-in oracle solves."""

    def __init__(self, data=None, options=None):
        super().__init__(data, options)
        self._pool: browser.BrowserPool | None = None
        self.pages = pages.select(self.option_choice("pages"), self.data.get(pages.SOURCE.name))
        """The page set this run serves."""

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
            raise ConfigError(f"miniwob: unknown MiniWoB++ tasks {unknown} in the tasks option (the 46: {', '.join(task_names())})")
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

    def max_time_ms(self, task: str) -> int | None:
        """The timer set before an episode (None: the page's own, as computergym leaves it)."""
        given = self.option("max_time_ms")
        return int(given) if given is not None else self.pages.episode_max_time_ms(task)

    def make_env(self, sample: Sample, ctx: RunContext) -> Env:
        task = sample.data["task"]
        return MiniWoBEnv(
            task,
            sample.data["seed"],
            self._browsers(),
            url=self.pages.url(task),
            max_time_ms=self.max_time_ms(task),
            all_or_nothing=not self.pages.official,
            oracle_covered=task in self.oracle_tasks,
        )

    def comparability(self) -> list[str]:
        if self.pages.official:
            return []
        reason = (
            f"the miniwob PyPI package's pages instead of AgentTuning's own copy ({self.pages.note}): 30 of the 46 "
            "evaluated pages differ, at least 10 generate different problems"
        )
        return [reason]

    def oracle(self, sample: Sample, env: Env) -> Oracle:
        return MiniWoBOracle(sample.data["task"], env)

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
            "success": (
                "final reward > 0 (main.py)"
                if self.pages.official
                else "final reward > 0, and raw reward 1 on click-checkboxes* (AgentTuning's pages score them all-or-nothing)"
            ),
            "template_system_prompt": SYSTEM_PROMPT,
            "pages": (
                f"AgentTuning's copy ({pages.REPO}@{pages.REVISION} {pages.HTML_DIR}), file:// as computergym"
                if self.pages.official
                else f"miniwob PyPI package html ({self.pages.note}); AgentTuning's copy differs: smaller "
                "email-inbox*/social-media* problems, simple-algebra '+' only, terminal ls parsing, choose-list "
                "option classes, all-or-nothing checkbox rewards, longer per-page timers"
            ),
            "pages_root": str(self.pages.root),
            "episode_timer_ms": (
                self.option("max_time_ms")
                if self.option("max_time_ms") is not None
                else "each page's own core.EPISODE_MAX_TIME (AgentTuning's core.js: 1000 s; 17 pages set their own, 200-20000 s)"
                if self.pages.official
                else "each PyPI page's timer set to the AgentTuning page's value (core 1000 s, per-page overrides)"
            ),
            "seeds": "sha256('miniwob/<task>/<episode>') -> float in [0,1); the original used unseeded random.random()",
            "page_reload": "each episode reloads its task page (the original reuses the page across episodes)",
            "browser": f"{browser.CHROME_BINARY} via {browser.CHROMEDRIVER}, pool of {self.option_int('browsers')}",
            "all_or_nothing_tasks": (
                "native on AgentTuning's pages (1 if every box is right, else -1)"
                if self.pages.official
                else sorted(ALL_OR_NOTHING_TASKS)
            ),
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
