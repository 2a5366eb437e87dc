"""The built-in ``oracle`` model: plays each task's gold outputs (the harness's self-test).

Bound to one sample and its live environment (:meth:`harness.task.Task.oracle`), it answers every
request with the gold policy's next output, and after the episode reports the policy's
accounting (can the protocol let the gold solve this sample, and if not, why)."""

from __future__ import annotations

from harness.metrics import SampleScore
from harness.model import Generation, GenerationRequest, Model, PermanentModelError
from harness.schema import OracleAccount, Status
from harness.task import Env, OraclePolicy, Replay, Sample, Task


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

    def bind(self, task: Task, sample: Sample, env: Env) -> Model:
        gold = task.oracle(sample, env)
        return BoundOracle(gold if isinstance(gold, OraclePolicy) else Replay(gold))


class BoundOracle(Model):
    """The oracle playing one sample."""

    name = "oracle"
    adapter = "oracle"
    supports_logprobs = True
    cacheable = False

    def __init__(self, policy: OraclePolicy):
        self.policy = policy

    async def generate(self, request: GenerationRequest) -> Generation:
        text = await self.policy.aact(request.messages)
        logprobs = None
        if request.choices is not None:
            logprobs = {c: (0.0 if c.strip() == text.strip() else float("-inf")) for c in request.choices}
        return Generation(text=text, choice_logprobs=logprobs, finish_reason="oracle")

    def oracle_account(self, score: SampleScore, status: Status) -> OracleAccount | None:
        return self.policy.account(score, status)
