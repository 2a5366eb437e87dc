"""One MT-Bench question: two user turns, then the judge rates each answer."""

from __future__ import annotations

from typing import Any, ClassVar

from harness.model import Message, Model, assistant, system, user
from harness.task import Env, SampleScore, Status, StepResult
from tasks.mtbench.judge import JUDGE_ATTEMPTS, judge_turn, turn_metrics
from tasks.mtbench.source import JudgePrompt

SYSTEM_PROMPT = "You are a helpful, respectful and honest assistant."
"""Set by AgentTuning's eval_mt_bench_tgi.py (llama-2 template, rendered by the adapter)."""


class JudgeFailed(RuntimeError):
    """The judge gave no usable rating for any turn: the sample cannot be scored (ERRORED,
    retried on resume); the raw judgments are in the message."""


class MTBenchEnv(Env):
    """reset -> [system, turn-1 question]; step(answer 1) -> turn-2 question; step(answer 2) -> done.

    Answers are stripped, as the original does before putting them back into the conversation,
    so the turn-2 context is rebuilt with ``next_messages``.
    """

    blocking: ClassVar[bool] = False

    def __init__(
        self,
        question: dict[str, Any],
        reference: list[str] | None,
        judge: Model | None,
        prompts: dict[str, JudgePrompt],
        judge_attempts: int = JUDGE_ATTEMPTS,
    ):
        self.question = question
        self.reference = reference
        self.judge = judge
        self.prompts = prompts
        self.judge_attempts = judge_attempts
        self.answers: list[str] = []

    @property
    def turns(self) -> list[str]:
        return list(self.question["turns"])

    def reset(self) -> list[Message]:
        self.answers = []
        return [system(SYSTEM_PROMPT), user(self.turns[0])]

    def step(self, action: str) -> StepResult:
        self.answers.append(action.strip())
        if len(self.answers) < len(self.turns):
            nxt = self.turns[len(self.answers)]
            context = [system(SYSTEM_PROMPT)]
            for q, a in zip(self.turns, self.answers):
                context += [user(q), assistant(a)]
            return StepResult(observation=nxt, next_messages=[*context, user(nxt)])
        return StepResult(done=True)

    def evaluate(self, status: Status) -> SampleScore:  # pragma: no cover - aevaluate is used
        raise NotImplementedError("MT-Bench is judged asynchronously (aevaluate)")

    async def aevaluate(self, status: Status) -> SampleScore:
        if self.judge is None:
            raise JudgeFailed("MT-Bench needs --judge MODEL")
        category = self.question["category"]
        answers = self.answers + [""] * (len(self.turns) - len(self.answers))  # unanswered turns: empty
        verdicts = []
        for turn in range(1, len(self.turns) + 1):
            verdicts.append(
                await judge_turn(
                    self.judge,
                    self.prompts,
                    category=category,
                    turn=turn,
                    questions=self.turns,
                    answers=answers,
                    reference=self.reference,
                    attempts=self.judge_attempts,
                )
            )
        ratings = [v.rating for v in verdicts if v.rating is not None]
        if not ratings:
            raw = " | ".join(
                f"turn {v.turn}: {v.judge_error}; last judgment {v.judgments[-1][:300]!r}"
                for v in verdicts
                if v.judgments
            )
            raise JudgeFailed(f"judge {self.judge.name} gave no usable rating: {raw or verdicts[0].judge_error}")
        metrics: dict[str, Any] = {
            "question_id": self.question["question_id"],
            "category": category,
            "judge": self.judge.name,
            "status": status.value,
            **turn_metrics(verdicts),
        }
        return SampleScore(score=sum(ratings) / len(ratings), metrics=metrics)
