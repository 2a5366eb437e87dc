"""ReWOO's gold policy: a one-call plan (exercising one tool of the dataset's toolset), then the
gold answer as the solver's output.

The main score is a judge's verdict, and a self-test must not depend on what a judge model
(often the embedded fallback, without an API key) happens to say: bound to the live episode, the
policy replaces the run's judge with :class:`ExactGrader`, which grades the prediction CORRECT
exactly when it matches the label after HotpotQA normalisation. The judge prompt plumbing is
still exercised (the grader receives the rendered prompt); the judge model's own reading is
not. Real runs are judged by the run's judge.
"""

from __future__ import annotations

from collections.abc import Sequence

from harness.model import Generation, GenerationRequest, Model
from harness.task import Replay
from tasks.rewoo.prompts import JUDGE_PROMPT
from tasks.rewoo.pws_env import PWSEnv
from tasks.services.wikicorpus import exact_match


class ExactGrader(Model):
    """A judge stand-in for the oracle self-test: CORRECT iff the episode's prediction is an exact
    match of its label (and the request is the episode's judge prompt)."""

    name = "exact-grader (oracle self-test)"
    adapter = "oracle"
    cacheable = False

    def __init__(self, env: PWSEnv):
        self.env = env
        self.prompts: list[str] = []

    async def generate(self, request: GenerationRequest) -> Generation:
        prompt = request.raw_prompt or ""
        self.prompts.append(prompt)
        env = self.env
        expected = JUDGE_PROMPT.format(query=env.question, result=env.prediction, answer=env.label)
        correct = prompt == expected and exact_match(env.prediction, env.label)
        return Generation(text="CORRECT" if correct else "INCORRECT", finish_reason="oracle")


class ReWOOOracle(Replay):
    """Replays the gold plan and answer; grades with :class:`ExactGrader` when the run has a judge."""

    def __init__(self, actions: Sequence[str], env: PWSEnv):
        super().__init__(actions)
        if env.judge is not None:
            env.judge = ExactGrader(env)
