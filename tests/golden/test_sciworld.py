"""Golden render of SciWorld as eval_heldout/science-world/eval.py builds AgentLM's TGI inputs:
llama-2 with the system message; INIT_PROMPT answered "Ok."; the task's examples from
``prompts/prompt.json``; the new task (the room and the task description from the ScienceWorld
JVM); before each call, while the rendering exceeds 4096 - 60 cl100k tokens, the oldest example
turns deleted (``conv.messages[4:6]``, then the example's opening pair)."""

from __future__ import annotations

import pytest

from tasks.sciworld import SciWorld
from tests.golden.protocol import HELPFUL, fastchat_llama2, original, through_tgi

NEW_TASK = "The preceding task has ended. Now, I will start a new task.\n"


def trimmed(messages: list[str], count) -> list[str]:
    """eval.py's cut, on the conversation before its open agent turn is appended."""
    messages = list(messages)
    while count(fastchat_llama2(messages, system=HELPFUL)) > 4096 - 60:
        del messages[4:6]
        if messages[4].startswith("The preceding task has ended."):
            del messages[2:4]
    return messages


def test_sciworld_first_and_mid_episode_requests():
    bpe = pytest.importorskip("bpe_openai", reason="no cl100k_base vocabulary to count with")
    enc = bpe.get_encoding("cl100k_base")

    def count(text: str) -> int:
        return len(enc.encode(text, disallowed_special=()))

    task = SciWorld()
    sample = next(s for s in task.samples("test") if s.id == "task05-var261")
    record, bodies = through_tgi(task, sample, ["Think: I should look around first.", "Action: nonsense"])
    new_task = record.messages[-1].content if record.messages[-1].role == "user" else None
    assert new_task is not None and new_task.startswith(NEW_TASK)
    assert "Your task is to find a(n) animal." in new_task and "\n" not in new_task[len(NEW_TASK):].split("\nYour task")[0]
    conv = [original("sciworld.init_prompt"), "Ok.", *original("sciworld.examples")["5"], new_task]
    conv = trimmed(conv, count)
    assert bodies[0]["inputs"] == fastchat_llama2([*conv, None], system=HELPFUL)
    conv = trimmed([*conv, "Think: I should look around first.", "OK."], count)  # a Think gets "OK."
    assert bodies[1]["inputs"] == fastchat_llama2([*conv, None], system=HELPFUL)
    assert bodies[1]["inputs"].endswith("[/INST] Think: I should look around first. </s><s>[INST] OK. [/INST]")
    params = bodies[0]["parameters"]  # llm_tgi: greedy, 256 new tokens, truncate 4000
    assert (params["max_new_tokens"], params["do_sample"], params["truncate"]) == (256, False, 4000)
