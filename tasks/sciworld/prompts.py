"""Prompt text of AgentTuning's ScienceWorld evaluation (``eval_heldout/science-world/eval.py``).

The instruction, the "Ok." reply, the new-task preamble and the system prompt are the original's
strings verbatim. The 1-shot examples are the original's ``prompts/prompt.json`` (SwiftSage's
examples converted to Think:/Action: turns), shipped unchanged as ``data/prompt.json``
(sha256 ``c00a1201…43d3a85``, AgentTuning snapshot e33a45d): keys are task numbers "0".."29",
values alternate user (observation) and assistant (Think:/Action:) turns.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from harness.model import Message, assistant, system, user

SYSTEM_PROMPT = "You are a helpful, respectful and honest assistant."

INIT_PROMPT = (
    "Interact with a household to solve a task. Each turn, you can choose from one of the following options:\n"
    "1. Think: You could think step-by-step to tell your reasoning and planning to solve the task, "
    "which will help you handle the task easier.\n"
    "2. Action: You could interact with the environment freely to solve the task, but remember to refer "
    "to your thought and act accordingly.\n"
    'Prepend your action with "Think: " or "Action: ", e.g. "Think: Now I have picked up the object. '
    'Next, I need to move to the location of the answer box." or "Action: go to kitchen".\n'
    "Exactly only one option could be chosen in a turn."
)

INIT_REPLY = "Ok."
NEW_TASK_PREFIX = "The preceding task has ended. Now, I will start a new task.\n"
THINK_OBSERVATION = "OK."
TASK_DESCRIPTION_PREFIX_LEN = 18
"""The original cuts ``env.taskdescription()[18:]``: the "Task Description:\\n" header."""

EXAMPLES_FILE = Path(__file__).parent / "data" / "prompt.json"


@lru_cache(maxsize=1)
def _examples() -> dict[str, list[str]]:
    with EXAMPLES_FILE.open(encoding="utf-8") as f:
        return json.load(f)


def one_shot(task_num: int) -> list[str]:
    """The task's 1-shot example as alternating user/assistant turns."""
    return list(_examples()[str(task_num)])


def clean(text: str) -> str:
    """The original's ``clean``: newlines and tabs become spaces."""
    return text.replace("\n", " ").replace("\t", " ")


def task_description(raw: str) -> str:
    """``env.taskdescription()[18:]``, as the original takes it."""
    return raw[TASK_DESCRIPTION_PREFIX_LEN:]


def new_task_message(first_observation: str, description: str) -> str:
    """The user turn that opens the evaluated episode (after the 1-shot example)."""
    return (NEW_TASK_PREFIX + clean(first_observation) + "\n" + description).strip()


def initial_messages(task_num: int, first_observation: str, description: str) -> list[Message]:
    """System prompt, instruction, "Ok.", the 1-shot turns, then the new task."""
    messages = [system(SYSTEM_PROMPT), user(INIT_PROMPT), assistant(INIT_REPLY)]
    for i, turn in enumerate(one_shot(task_num)):
        messages.append(user(turn) if i % 2 == 0 else assistant(turn))
    messages.append(user(new_task_message(first_observation, description)))
    return messages
