"""The RCI agent's prompt data, as AgentTuning's ``eval_heldout/miniwob++`` uses it.

The texts (``prompt_data/rci_prompts.json``) are the original prompt files verbatim: the generic
``prompt/*.txt``, the per-task overrides ``prompt/<task>/*.txt``, the two few-shot conversations
(``few-shot.json`` entries 0 and 5) and the 46-task list (``available_tasks.txt``). This module
only assembles them the way the original ``prompt.py`` / ``llm_agent.py`` do.
"""

from __future__ import annotations

import json
from functools import cache, lru_cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from harness.model import Message, assistant, system, user

DATA_FILE = Path(__file__).parent / "prompt_data" / "rci_prompts.json"

# The original Prompt class hard-codes ``self.llm = "davinci"``, so ``{type}`` is always replaced
# by the davinci regex; the "chatgpt" one is only used by the validity check.
DAVINCI_TYPE_REGEX = r"^type\s.{1,}$"
CHATGPT_TYPE_REGEX = r'^type\s[^"]{1,}$'
PRESS_REGEX = r"^press\s(enter|arrowleft|arrowright|arrowup|arrowdown|backspace)$"
CLICKXPATH_REGEX = r"^clickxpath\s.{1,}$"
CLICKOPTION_REGEX = r"^clickoption\s.{1,}$"
MOVEMOUSE_REGEX = r"^movemouse\s.{1,}$"
VALID_REGEXES = (CLICKXPATH_REGEX, CHATGPT_TYPE_REGEX, DAVINCI_TYPE_REGEX, PRESS_REGEX, CLICKOPTION_REGEX, MOVEMOUSE_REGEX)

SYSTEM_PROMPT = "You are a helpful, respectful and honest assistant."
"""Set by the original for llama-family models (FastChat ``llama-2`` template)."""

BIG_PROMPT = (
    "You are an agent embarking on a computer task. Each turn, you will be provided a task and an accessibility "
    "tree describing what is on the screen now, and you should either devise a overall plan to solve this task or "
    "to provide an instruction to execute. The plan could be multi-step, and each step should strictly corresponds "
    "to one instruction to execute. When devising a plan to execute, list the steps in order and precede each step "
    'with a numerical index starting from 1, e.g. "1." or "2.", and when executing, follow the plan strictly. When '
    "asked to provide an action to execute, refer strictly to the regular expression to ensure that your action is "
    "valid to execute."
)
NEW_TASK = "The previous task has ended, and I'll start a new task now.\n\n"

# Fixed strings of llm_agent.py.
HTML_HEADER = "Below is the HTML code of the webpage where the agent should solve a task.\n"
CRITIQUE_PROMPT = "\n\nFind problems with this plan for the given task compared to the example plans.\n\n"
REPLAN_PROMPT = "\n\nBased on this, what is the plan for the agent to complete the task?\n\n"
PLAN_HEADER = "Here is a plan you are following now.\n"
HISTORY_HEADER = "We have a history of instructions that have been already executed by the autonomous agent so far.\n"
NO_HISTORY = "No instruction has been executed yet."
ACTION_PREFIX_PLAN = "Based on the plan and the history of instructions executed so far, "
ACTION_PREFIX_NO_PLAN = "Based on the task, "


class TaskPrompts(BaseModel):
    """The seven prompt pieces of one task (after the original's regex substitution)."""

    model_config = ConfigDict(frozen=True)

    base: str
    example: str
    first_action: str
    initialize_plan: str
    action: str
    rci_action: str
    update_action: str


@lru_cache(maxsize=1)
def _data() -> dict:
    return json.loads(DATA_FILE.read_text(encoding="utf-8"))


def task_names() -> tuple[str, ...]:
    """The 46 MiniWoB++ tasks of AgentTuning's ``available_tasks.txt``, in its order."""
    return tuple(_data()["tasks"])


def _fill_regex(text: str) -> str:
    return (
        text.replace("{type}", DAVINCI_TYPE_REGEX)
        .replace("{press}", PRESS_REGEX)
        .replace("{clickxpath}", CLICKXPATH_REGEX)
        .replace("{clickoption}", CLICKOPTION_REGEX)
        .replace("{movemouse}", MOVEMOUSE_REGEX)
    )


@cache
def task_prompts(task: str) -> TaskPrompts:
    """The task's prompt files (its own folder when the original has one, else the generic ones)."""
    data = _data()
    raw = dict(data["per_task"].get(task) or data["default"])
    # Only base.txt and rci_action.txt get the regex substitution in the original.
    raw["base"] = _fill_regex(raw["base"])
    raw["rci_action"] = _fill_regex(raw["rci_action"])
    return TaskPrompts(**raw)


def chat_messages(pt: str) -> list[Message]:
    """One model call: system prompt, the fixed preamble and two few-shot turns, then ``pt``.

    Mirrors ``LLMAgent.get_response`` for llama models: every call is a fresh conversation.
    """
    (q0, a0), (q5, a5) = _data()["few_shot"]
    return [
        system(SYSTEM_PROMPT),
        user(BIG_PROMPT),
        assistant("Ok."),
        user(q0),
        assistant(a0),
        user(NEW_TASK + q5),
        assistant(a5),
        user(NEW_TASK + pt),
    ]


def clean_reply(text: str) -> str:
    """The original keeps the generated text up to a hallucinated next ``[INST]`` turn."""
    return text.split("[INST]")[0].strip()
