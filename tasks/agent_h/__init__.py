"""Agent-H-style hallucination evaluation (Agent-FLAN, arXiv 2403.12881, §hallucination).

What is public: Agent-H has 1,845 samples built from ``glaive-function-calling-v2`` (out of
domain for the training data); a response hallucinates when the right answer is a plain reply
but the output contains tool-call patterns, ReAct-style or general; H_ReAct and H_General are
those rates, HScore = 0.5 × ((1 − H_ReAct) + (1 − H_General)). The authors released no data,
keyword list or scorer, so this task is *built from that definition* and is not comparable with
the paper's numbers:

- conversations: a deterministic selection from glaive v2 (:mod:`tasks.agent_h.glaive`):
  ``conversations`` (default 1,845) whose system prompt offers functions and whose first reply
  needs none, plus as many whose first reply is a call (the mirror set);
- each shown in a ReAct system-prompt format and a general function-calling format (prompts
  ours, :mod:`tasks.agent_h.prompts`), single turn, greedy, 512 new tokens;
- the classifier and its pattern lists are ours (:mod:`tasks.agent_h.classifier`);
- main metric HScore; the mirror set's tool-call accuracy is the secondary metric, so a model
  that never calls tools cannot look perfect (HScore alone never penalises a missed call).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

from harness.errors import HarnessError
from harness.model import GenParams
from harness.task import (
    Env,
    Metric,
    Protocol,
    RunContext,
    Sample,
    SampleScore,
    SingleTurnEnv,
    Suite,
    Task,
    TaskOption,
    TaskScore,
)
from tasks.agent_h.glaive import FILE, GLAIVE_SOURCE, REVISION, Conversation, read_rows, select
from tasks.agent_h.prompts import FORMATS, gold, messages
from tasks.agent_h.scoring import aggregate, score_response

DEFAULT_CONVERSATIONS = 1845


class AgentH(Task):
    name: ClassVar[str] = "agent_h"
    suite = Suite.AGENT_FLAN
    version = "1"
    metric = Metric(name="HScore", scale="percent", binary=False)
    splits = ("test",)
    default_split = "test"
    sources = (GLAIVE_SOURCE,)
    sample_data = Path(__file__).with_name("sample_data")
    generation = GenParams(max_new_tokens=512, temperature=0.0, do_sample=False)
    max_turns = 1
    protocol = Protocol(reference="assumed", source="Agent-FLAN arXiv 2403.12881 (Agent-H; no data, prompts or scorer released)")
    options_spec = (
        TaskOption(name="conversations", type="int", default=DEFAULT_CONVERSATIONS, minimum=1,
                   help="conversations per pool (no_tool, tool), each shown in both formats"),
    )

    def conversations(self) -> int:
        return self.option_int("conversations")

    def samples(self, split: str) -> list[Sample]:
        """Per rank i: the i-th no-tool conversation in both formats, then the i-th mirror one in
        both formats (so any ``--limit`` prefix mixes sets and formats)."""
        if split not in self.splits:
            raise HarnessError(f"agent_h: unknown split {split!r} (one of {', '.join(self.splits)})")
        pools = select(read_rows(self.data["glaive"] / FILE), self.conversations())
        if not pools["no_tool"]:
            raise HarnessError(f"agent_h: {FILE} has no conversation whose first reply needs no tool")
        out = []
        for i in range(max(len(pools["no_tool"]), len(pools["tool"]))):
            for set_name in ("no_tool", "tool"):
                if i < len(pools[set_name]):
                    conv = pools[set_name][i]
                    for fmt in FORMATS:
                        data = {"set": set_name, "format": fmt, "conversation": conv.model_dump()}
                        out.append(Sample(id=f"{set_name}/{conv.key[:16]}/{fmt}", split=split, data=data))
        return out

    @staticmethod
    def _conversation(sample: Sample) -> Conversation:
        return Conversation.model_validate(sample.data["conversation"])

    def make_env(self, sample: Sample, ctx: RunContext) -> SingleTurnEnv:
        conv = self._conversation(sample)
        set_name, fmt = sample.data["set"], sample.data["format"]
        tools = [f["name"] for f in conv.functions]
        gold_tool = conv.call["name"] if conv.call else None

        def score(answer: str) -> SampleScore:
            return score_response(answer, set_name, fmt, tools, gold_tool)

        return SingleTurnEnv(messages(conv, fmt), score)

    def oracle(self, sample: Sample, env: Env) -> list[str]:
        return [gold(self._conversation(sample), sample.data["format"])]

    def comparability(self) -> list[str]:
        return ["Agent-H's data, prompts and scorer are unpublished: the glaive selection, both prompt formats "
                "and the tool-call classifier are this harness's (tasks/agent_h)"]

    def aggregate(self, scores: list[tuple[Sample | None, SampleScore]]) -> TaskScore:
        return aggregate([s for _, s in scores])

    def describe(self) -> dict[str, Any]:
        return {
            "protocol": "Agent-H as publicly defined (Agent-FLAN arXiv 2403.12881); data selection, prompts and classifier ours",
            "data": f"glaiveai/glaive-function-calling-v2@{REVISION} {FILE}",
            "selection": "first N by sha256(system, first user turn) per pool (no_tool / tool), N = conversations",
            "conversations_per_pool": self.conversations(),
            "formats": list(FORMATS),
            "main_metric": "HScore = 0.5*((1-H_ReAct)+(1-H_General)) (paper prints H_ReAct twice: a typo)",
            "secondary_metric": "tool_call_accuracy on the mirror set (a call is needed)",
            "classifier": "tasks/agent_h/classifier.py pattern lists R1-R2, S1-S4, V1-V3",
        }
