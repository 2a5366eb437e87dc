"""One step's multiple-choice tournament (AgentBench.old ``Mind2Web.predict_single``).

The shuffled top-k pool is consumed 5 candidates at a time. Each round shows one group (letters in
page order, "A" = none of them); a picked candidate goes to the back of the pool and becomes the
step's prediction together with that round's action. Rounds continue while the pool holds more
than one candidate. Consequences the original has and this keeps:

- the prediction is the *last* pick, whichever round made it;
- if the last group is answered "A" and empties the pool, the step has no prediction, even when an
  earlier round picked something (``len(all_candidates) == 0`` -> ``('', '')``);
- a pool of one candidate is never shown (no round, no prediction), and a "None" that leaves exactly
  one candidate in the pool ends the step with that candidate unseen;
- a letter past the group's choices (IndexError in the original) picks nothing.
"""

from __future__ import annotations

from pydantic import BaseModel, Field

from tasks.mind2web.parsing import NONE_LETTER

GROUP_SIZE = 5
"""``num_candidates`` of the config: candidates per round."""


class RoundRecord(BaseModel):
    """One round as stored in the trajectory (enough to replay the step)."""

    group: list[str]
    """The group as taken from the pool (shuffled order)."""
    choices: list[str]
    """The same ids in page order: choice B, C, ..."""
    output: str = ""
    letter: str = NONE_LETTER
    action: str = ""
    picked: str | None = None
    invalid: str | None = None
    """Why the answer was malformed (no Answer line, letter past the choices, no Action), if it was."""


class Tournament(BaseModel):
    """The state of one step's selection."""

    pool: list[str]
    final: tuple[str, str] | None = None
    rounds: list[RoundRecord] = Field(default_factory=list)

    @property
    def finished(self) -> bool:
        return len(self.pool) <= 1

    def take_group(self) -> list[str]:
        """Remove and return the next group (call only while not ``finished``)."""
        group, self.pool = self.pool[:GROUP_SIZE], self.pool[GROUP_SIZE:]
        return group

    def answer(self, record: RoundRecord) -> RoundRecord:
        """Apply the round's answer (``record.letter``/``record.action`` over ``record.choices``)."""
        if record.letter != NONE_LETTER:
            index = ord(record.letter) - ord("B")
            if index < len(record.choices):
                record.picked = record.choices[index]
                self.pool.append(record.picked)
                self.final = (record.picked, record.action)
        self.rounds.append(record)
        return record

    def prediction(self) -> tuple[str, str]:
        """(element id, "OP value"), or ("", "") when the step ends without a prediction."""
        if self.final is None or not self.pool:
            return ("", "")
        return self.final
