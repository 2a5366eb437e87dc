"""A model that replays fixed outputs: the scripted stand-in the task tests share."""

from __future__ import annotations

from collections.abc import Sequence

from harness.model import Generation, GenerationRequest, Model


class ScriptedModel(Model):
    """Answers with the given outputs in turn (then ``last`` forever); records the requests."""

    name = "scripted"
    adapter = "test"
    cacheable = False

    def __init__(self, outputs: Sequence[str], last: str = ""):
        self.outputs = list(outputs)
        self.last = last
        self.requests: list[GenerationRequest] = []

    async def generate(self, request: GenerationRequest) -> Generation:
        self.requests.append(request)
        return Generation(text=self.outputs.pop(0) if self.outputs else self.last)
