"""What the original code sends, rebuilt here independently of the harness's renderer, and a way to
capture what the harness sends: one episode through the ``tgi`` adapter with the AgentLM registry
entry against the loopback fake TGI (:mod:`tests.fakes.fake_tgi`), which records every body."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from harness.loop import run_episode
from harness.registry import adapter_class, model_config
from harness.schema import SampleRecord
from harness.task import RunContext, Sample, Task
from tests.fakes.fake_tgi import FakeTGI

LLAMA2_SYSTEM = "[INST] <<SYS>>\n{system}\n<</SYS>>\n\n"
HELPFUL = "You are a helpful, respectful and honest assistant."
"""The system message AgentTuning's eval_general and eval_heldout scripts set for AgentLM."""
_ORIGINALS = json.loads((Path(__file__).with_name("originals.json")).read_text(encoding="utf-8"))


def original(key: str):
    """A protocol text as it stands in AgentTuning @ e33a45d (``originals.json``: each text with
    its file and git blob, extracted from the original sources, not from the harness)."""
    return _ORIGINALS[key]["text"]


def fastchat_llama2(turns: Sequence[str | None], system: str = "") -> str:
    """FastChat 0.2.31's ``llama-2`` conversation (``conversation.py``, ``SeparatorStyle.LLAMA2``)
    for ``turns`` alternating user/assistant, the last None (the open assistant turn): the system
    block opens the prompt when a system message is set, else ``[INST] ``; the first message is
    followed by a space; every later one is ``ROLE + " " + message`` then ``" "`` after a user turn
    or ``" </s><s>"`` after an assistant turn; an empty or None message is its role tag alone."""
    out = LLAMA2_SYSTEM.format(system=system) if system else "[INST] "
    for i, message in enumerate(turns):
        tag = ("[INST]", "[/INST]")[i % 2]
        if message:
            out += message + " " if i == 0 else tag + " " + message + (" ", " </s><s>")[i % 2]
        else:
            out += tag
    return out


def agentbench_old(history: Sequence[str]) -> str:
    """AgentBench.old's ``TGIAgent.inference`` for AgentLM: every message stripped, no system prompt,
    the llama-2 conversation with an open agent turn (``history`` alternates user/agent from a user
    message; short enough that ``Session.filter_messages`` omits nothing)."""
    return fastchat_llama2([m.strip() for m in history] + [None])


def bundled(task_cls: type[Task], split: str, options: dict[str, Any] | None = None) -> Task:
    """The task on its own bundled sample set (always present, fixed)."""
    assert task_cls.sample_data is not None
    data = {s.name: Path(task_cls.sample_data) / s.name for s in task_cls.sources_for(split)}
    return task_cls(data=data, options=options)


def agentlm(url: str):
    """The registry's ``agentlm-7b`` entry (tgi adapter, llama-2 template) pointed at ``url``."""
    name, cfg = model_config("agentlm-7b")
    cfg["urls"] = [url]
    return adapter_class(cfg["adapter"]).from_config(name, cfg)


async def _episode(task: Task, sample: Sample, replies: Sequence[str], ctx: RunContext) -> tuple[SampleRecord, list[dict]]:
    with FakeTGI() as tgi:
        tgi.replies.extend(replies)
        model = agentlm(tgi.url)
        try:
            record = await run_episode(task, sample, model, ctx, sample.split)
        finally:
            await model.aclose()
        return record, tgi.bodies()


def through_tgi(task: Task, sample: Sample, replies: Sequence[str] = (), ctx: RunContext | None = None,
                started: bool = False) -> tuple[SampleRecord, list[dict]]:
    """Play ``sample`` with AgentLM behind the fake TGI answering ``replies`` (then its default
    text); returns the record and every request body, in order."""

    async def go():
        context = ctx or RunContext()
        if not started:
            await task.start(context)
        try:
            return await _episode(task, sample, replies, context)
        finally:
            if not started:
                await task.stop()

    return asyncio.run(go())
