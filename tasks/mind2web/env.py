"""A Mind2Web task as one episode: its steps in order, each a tournament of single-turn requests.

AgentBench.old evaluates every step on its own, with the gold previous actions (the page and the
history never depend on the model's earlier answers), and every round is a fresh request: the
three examples plus the round's turn (``session.history = []`` before each call), trimmed by the
client's 3,500-segment rule. Here one sample is one task (``annotation_id``); the environment walks
its steps and replaces the whole context for every round (``StepResult.next_messages``).

Steps the original never asks about (no positive in the top k, or a pool of one candidate) are
scored 0 without a request. A task with no step to ask about still costs one request here (the
agent loop always asks once): its first group is shown and the answer is ignored (``filler``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from harness.model import Message
from harness.task import Env, SampleScore, Status, StepResult
from tasks.agentbench import agentbench_trim
from tasks.mind2web.dom import parse_page, round_view
from tasks.mind2web.parsing import NONE_LETTER, parse_answer
from tasks.mind2web.prompt import question, round_messages, round_turn
from tasks.mind2web.records import StepPlan, WebTask
from tasks.mind2web.scoring import StepKind, StepOutcome, sample_score, score_step
from tasks.mind2web.tournament import GROUP_SIZE, RoundRecord, Tournament


class Mind2WebEnv(Env):
    """One task's steps; all page work (lxml) runs in the loop's worker thread."""

    def __init__(self, load: Callable[[], tuple[WebTask, list[StepPlan]]], facts: dict[str, Any]):
        self._load = load
        """Reads the task and plans its steps (run by ``reset``, in the worker thread)."""
        self.facts = facts
        self.task: WebTask  # set by reset
        self.plans: list[StepPlan] = []
        self.outcomes: list[StepOutcome] = []
        self.cursor = 0
        self.tournament: Tournament | None = None
        self.shown: RoundRecord | None = None
        """The round on screen: its group and its page-ordered choices."""
        self.filler = False
        self._page = None

    # -- the walk over steps ------------------------------------------------------------------
    @property
    def plan(self) -> StepPlan:
        return self.plans[self.cursor]

    def _open_next_step(self) -> None:
        """Score the steps nobody is asked about, up to the next step with a tournament."""
        self.tournament = None
        while self.cursor < len(self.plans):
            plan = self.plan
            if plan.playable:
                self.tournament = Tournament(pool=list(plan.pool))
                self._page = parse_page(self.task.actions[plan.index].cleaned_html)
                return
            kind: StepKind = "single_candidate" if plan.gold_ids else "outside_top_k"
            self.outcomes.append(score_step(plan, kind, ("", ""), 0))
            self.cursor += 1

    def _show(self, plan: StepPlan, group: list[str]) -> list[Message]:
        view = round_view(self._page, group)
        self.shown = RoundRecord(group=group, choices=[node_id for node_id, _ in view.choices])
        ask = question(self.task.confirmed_task, plan.previous_actions, [text for _, text in view.choices])
        return round_messages(round_turn(view.context, ask))

    def _next_round(self) -> list[Message]:
        assert self.tournament is not None
        return self._show(self.plan, self.tournament.take_group())

    # -- Env ------------------------------------------------------------------------------------
    def reset(self) -> list[Message]:
        self.task, self.plans = self._load()
        self._open_next_step()
        if self.tournament is not None:
            return self._next_round()
        self.filler = True  # nothing to ask: one request the episode needs, its answer ignored
        shown = next((p for p in self.plans if p.pool), self.plans[0])
        self._page = parse_page(self.task.actions[shown.index].cleaned_html)
        return self._show(shown, shown.pool[:GROUP_SIZE])

    def context(self, history: list[Message]) -> list[Message]:
        """AgentBench.old's client-side trimming (3,500 segments, [NOTICE] line) of each request."""
        return agentbench_trim(history)

    def step(self, action: str) -> StepResult:
        if self.filler or self.tournament is None or self.shown is None:
            return StepResult(done=True, status=Status.COMPLETED, info={"filler": True})
        answer = parse_answer(action)
        record = self.shown
        record.output, record.letter, record.action = action, answer.letter, answer.action
        self.tournament.answer(record)
        record.invalid = _why_invalid(answer.has_answer, answer.has_action, record)
        info = {"step": self.plan.index, **record.model_dump(exclude={"output"})}
        invalid = record.invalid is not None
        if not self.tournament.finished:
            return StepResult(next_messages=self._next_round(), invalid=invalid, info=info)
        self._close_step("asked")
        self._open_next_step()
        if self.tournament is None:
            return StepResult(done=True, status=Status.COMPLETED, invalid=invalid, info=info)
        return StepResult(next_messages=self._next_round(), invalid=invalid, info=info)

    def _close_step(self, kind: StepKind) -> None:
        assert self.tournament is not None
        rounds = len(self.tournament.rounds)
        self.outcomes.append(score_step(self.plan, kind, self.tournament.prediction(), rounds))
        self.cursor += 1
        self.tournament = None

    def evaluate(self, status: Status) -> SampleScore:
        """Steps left when the episode ended early count 0; a step cut mid-tournament keeps its
        last pick (AgentBench v0.2's behaviour on a context-limit break)."""
        if self.tournament is not None:
            self._close_step("asked")
        while self.cursor < len(self.plans):
            self.outcomes.append(score_step(self.plan, "not_reached", ("", ""), 0))
            self.cursor += 1
        return sample_score(self.outcomes, self.facts)


def _why_invalid(has_answer: bool, has_action: bool, record: RoundRecord) -> str | None:
    if not has_answer:
        return "no 'Answer: X' line (read as A, none of the above)"
    if record.letter != NONE_LETTER and record.picked is None:
        return f"letter {record.letter} is past the {len(record.choices)} choices"
    if record.letter != NONE_LETTER and not has_action:
        return "no 'Action: CLICK|TYPE|SELECT' line"
    return None
