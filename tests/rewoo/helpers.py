"""Shared helpers of the ReWOO tests: the bundled-sample task, scripted models, a model provider."""

from __future__ import annotations

from pathlib import Path

from harness.model import Generation, GenerationRequest, Model
from tasks.rewoo import ReWOO

SAMPLE = Path(ReWOO.sample_data)
SOURCES = ("rewoo", "gsm8k", "hotpotqa", "hotpotqa-train", "triviaqa-rc")


def sample_task(**options) -> ReWOO:
    options.setdefault("wiki", "corpus")
    return ReWOO({name: SAMPLE / name for name in SOURCES}, options=options)


class Scripted(Model):
    """Replays fixed outputs and records the requests."""

    def __init__(self, outputs: list[str], name: str = "scripted"):
        self.outputs = list(outputs)
        self.requests: list[GenerationRequest] = []
        self.name = name

    async def generate(self, request: GenerationRequest) -> Generation:
        self.requests.append(request)
        return Generation(text=self.outputs.pop(0))


class Provider:
    """``ctx.models``: named models, and the specs whose API key is 'missing'."""

    def __init__(self, models: dict[str, Model] | None = None, missing: tuple[str, ...] = ()):
        self.models = dict(models or {})
        self.missing = set(missing)
        self.opened: list[str] = []

    async def get(self, spec: str) -> Model:
        self.opened.append(spec)
        return self.models[spec]

    def missing_key(self, spec: str) -> bool:
        return spec in self.missing
