"""The gold policy: in every round, the gold candidate's letter with the gold action, else "A".

It reads the round on screen from the live environment (the letters depend on the shuffle and on
the page order of the group). One exception to "A": when "None of the above" would leave the pool
with only the gold in it and the gold was never picked, the tournament would stop without ever
showing it, so the policy keeps the tournament going by picking the first choice; the gold is
picked in the next round. Its answers use the format of the prompt's examples.

Accounting: a task is unsolvable under the protocol when one of its steps has no positive in the
ranker's top k (or a pool of a single candidate, which is never shown); the record's
``step_records`` say which steps, and the detail counts how many of the others the policy solved.
"""

from __future__ import annotations

from collections.abc import Sequence

from harness.model import Message
from harness.task import OracleAccount, OraclePolicy, SampleScore, Status
from tasks.mind2web.env import Mind2WebEnv
from tasks.mind2web.prompt import letter


def answer_text(choice_letter: str, op: str = "", value: str = "") -> str:
    """An answer in the examples' format (no Action for "A", no Value for CLICK)."""
    if choice_letter == "A":
        return "Thought: None of these elements is the next one to act on.\nAnswer: A."
    text = f"Thought: The next action is on this element.\nAnswer: {choice_letter}.\nAction: {op}"
    if op != "CLICK":
        text += f"\nValue: {value}"
    return text


class GoldPolicy(OraclePolicy):
    """Bound to one episode's environment."""

    def __init__(self, env: Mind2WebEnv):
        self.env = env

    def act(self, history: Sequence[Message]) -> str:
        env = self.env
        shown, tournament = env.shown, env.tournament
        if env.filler or shown is None or tournament is None:
            return answer_text("A")
        plan = env.plan
        gold = [i for i, node_id in enumerate(shown.choices) if node_id in plan.gold_ids]
        if gold:
            return answer_text(letter(gold[0]), plan.gold_op, plan.gold_value)
        final_is_gold = tournament.final is not None and tournament.final[0] in plan.gold_ids
        if len(tournament.pool) == 1 and tournament.pool[0] in plan.gold_ids and not final_is_gold and shown.choices:
            return answer_text(letter(0), plan.gold_op, plan.gold_value)
        return answer_text("A")

    def account(self, score: SampleScore, status: Status) -> OracleAccount:
        steps = score.metrics.get("step_records", [])
        lost = [s for s in steps if s["kind"] in ("outside_top_k", "single_candidate")]
        if not lost:
            return OracleAccount()
        askable = [s for s in steps if s["kind"] not in ("outside_top_k", "single_candidate")]
        reason = "gold_outside_top_k" if any(s["kind"] == "outside_top_k" for s in lost) else "single_candidate_pool"
        detail = {
            "unsolvable_steps": [s["index"] for s in lost],
            "askable_steps": len(askable),
            "askable_steps_solved": sum(bool(s["success"]) for s in askable),
        }
        return OracleAccount(solvable=False, reason=reason, detail=detail)
