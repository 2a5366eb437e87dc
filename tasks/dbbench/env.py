"""The DBBench episode: the original interaction loop (AgentBench.old ``process``) as an Env.

Turn semantics of the original: while the output's action is ``Operation`` and fewer than 15
operations ran, execute the first ```` ```sql ```` block and show the result; any other output ends
the episode and its ``Final Answer:`` line (if any) is the answer. So at most 15 statements run and
the model answers at most 16 times (``DBBench.max_turns``); the 16th output is only searched for an
answer. An ``Operation`` without a sql block ends the episode with an empty answer.
"""

from __future__ import annotations

from harness.model import Message
from harness.task import Env, SampleScore, Status, StepResult
from tasks.agentbench.history import agentbench_trim
from tasks.dbbench.database import SampleDatabase, ServerProfile
from tasks.dbbench.item import DBItem
from tasks.dbbench.parsing import parse_action, parse_answer, parse_sql
from tasks.dbbench.prompt import first_messages
from tasks.dbbench.scoring import score_item
from tasks.dbbench.server import ServerTarget

MAX_ROUND = 15
"""``max_round`` of configs/tasks/dbbench/std.yaml: statements executed per episode."""


class DBBenchEnv(Env):
    """One item on its own database; all database work runs in the loop's worker thread."""

    def __init__(self, item: DBItem, target: ServerTarget, profile: ServerProfile):
        self.item = item
        self.db = SampleDatabase(target, profile, item.table)
        self.rounds = 0
        self.answer = ""

    def reset(self) -> list[Message]:
        self.db.create()
        return first_messages(self.item.description, self.item.add_description)

    def context(self, history: list[Message]) -> list[Message]:
        """AgentBench.old's client-side history trimming (3,500 segments, [NOTICE] line)."""
        return agentbench_trim(history)

    def step(self, action: str) -> StepResult:
        text = action or ""
        if parse_action(text) == "Operation" and self.rounds < MAX_ROUND:
            sql = parse_sql(text)
            if sql is None:
                return StepResult(done=True, status=Status.INVALID_FORMAT, invalid=True, info={"error": "no sql block"})
            observation = self.db.execute(sql)
            self.rounds += 1
            return StepResult(observation=observation, info={"sql": sql})
        answer = parse_answer(text)
        if answer is not None:
            self.answer = answer
            return StepResult(done=True, status=Status.COMPLETED)
        if self.rounds >= MAX_ROUND:
            return StepResult(done=True, status=Status.TASK_LIMIT_REACHED)
        return StepResult(done=True, status=Status.INVALID_FORMAT, invalid=True, info={"error": "no answer"})

    def evaluate(self, status: Status) -> SampleScore:
        """Modify types: the table's fingerprint, whatever the status (as the original computes
        it after every episode); SELECT-type: the Final Answer text ("" when none)."""
        answer = self.db.fingerprint() if self.item.modifies else self.answer
        score = score_item(self.item.item_type, answer, self.item.truth)
        score.metrics["rounds"] = self.rounds
        if self.db.init_error:
            score.metrics["init_error"] = self.db.init_error
        return score

    def close(self) -> None:
        self.db.close()
