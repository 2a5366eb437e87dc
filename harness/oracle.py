"""The built-in ``oracle`` model: replays each task's gold outputs (the harness's self-test)."""

from __future__ import annotations

from collections.abc import Sequence

from harness.model import Generation, GenerationRequest, Model, PermanentModelError
from harness.task import OraclePolicy, Sample, Task


class OracleModel(Model):
    """Unbound, it cannot answer; :meth:`bind` gives a model that plays one sample's gold."""

    name = "oracle"
    adapter = "oracle"
    supports_logprobs = True
    cacheable = False

    @classmethod
    def from_config(cls, name: str, config: dict) -> "OracleModel":
        return cls()

    async def generate(self, request: GenerationRequest) -> Generation:
        raise PermanentModelError("the oracle answers only samples it is bound to")

    def bind(self, task: Task, sample: Sample) -> Model:
        return _BoundOracle(task.oracle(sample))


class _BoundOracle(Model):
    name = "oracle"
    adapter = "oracle"
    supports_logprobs = True
    cacheable = False

    def __init__(self, gold: Sequence[str] | OraclePolicy):
        self.gold = gold
        self.turn = 0

    async def generate(self, request: GenerationRequest) -> Generation:
        if isinstance(self.gold, OraclePolicy):
            text = await self.gold.aact(request.messages)
        elif self.turn < len(self.gold):
            text = self.gold[self.turn]
        else:
            text = ""  # gold exhausted: an empty (invalid) output, scored as the task scores it
        self.turn += 1
        logprobs = None
        if request.choices is not None:
            logprobs = {c: (0.0 if c.strip() == text.strip() else float("-inf")) for c in request.choices}
        return Generation(text=text, choice_logprobs=logprobs, finish_reason="oracle")
