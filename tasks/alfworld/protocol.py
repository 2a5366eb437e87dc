"""AgentBench.old's ALFWorld protocol texts and rules (``src/tasks/alfworld/task.py`` and
``utils.py`` in THUDM/AgentTuning @ e33a45d), re-implemented.

- The conversation: the task instruction, the agent's "OK. ...", the one-shot example of the game's
  task type (from ``alfworld_multiturn_react.json``, its first message prefixed with "Here is one
  example.\\n"), then "Here is your task. " + the game's intro without its title line.
- The instruction promises a list of available actions, but the list sent is empty
  (``get_available_actions`` returns ""): the model never sees the admissible commands.
- The output's action: the text after the first ``ACTION:`` (to the end of its line), else the
  whole output; stripped, lower-cased, first line. It is sent as it is when admissible, else mapped
  to the admissible command with the highest BLEU (NLTK ``sentence_bleu``, smoothing ``method4``,
  the command as reference) when that BLEU is above 0.01, else sent raw.
- Observations lose the old grammar's "You arrive at loc N. " prefix.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from harness.model import Message

# Protocol text: byte-identical to ``ALFWorld.get_task_instruction`` of AgentBench.old.
INSTRUCTION = (
    "Interact with a household to solve a task. Imagine you are an intelligent agent in a household environment "
    "and your target is to perform actions to complete the task goal. At the beginning of your interactions, you "
    "will be given the detailed description of the current environment and your goal to accomplish. For each of "
    "your turn, you will be given a list of actions which you can choose one to perform in this turn. You should "
    'choose from two actions: "THOUGHT" or "ACTION". If you choose "THOUGHT", you should first think about the '
    "current condition and plan for your future actions, and then output your action in this turn. Your output "
    'must strictly follow this format:"THOUGHT: your thoughts.\n ACTION: your next action\n"; If you choose '
    '"ACTION", you should directly output the action in this turn. Your output must strictly follow this '
    'format:"ACTION: your next action\n". After your each turn, the environment will give you immediate feedback '
    'based on which you plan your next few steps. if the envrionment output "Nothing happened", that means the '
    "previous action is invalid and you should try more options.\n Reminder: \n1. the action must be chosen from "
    "the given available actions. Any actions except provided available actions will be regarded as illegal. \n"
    "2. Think when necessary, try to act directly more in the process.\n\n"
)
AGENT_ACK = "OK. I'll follow your instructions and try my best to solve the task."
EXAMPLE_PREFIX = "Here is one example.\n"
TASK_PREFIX = "Here is your task. "

TASK_TYPES: tuple[tuple[str, str, str], ...] = (
    # (game folder prefix, one-shot prompt key, reported type), in the original's lookup order
    ("pick_and_place", "put", "pick"),
    ("pick_clean_then_place", "clean", "clean"),
    ("pick_heat_then_place", "heat", "heat"),
    ("pick_cool_then_place", "cool", "cool"),
    ("look_at_obj", "examine", "examine"),
    ("pick_two_obj", "puttwo", "pick_two"),
)
REPORTED_TYPES = tuple(t for _, _, t in TASK_TYPES)

BLEU_LIMIT = 0.01
_ACTION_LINE = re.compile(r"ACTION:(.*)\n")
_ACTION_END = re.compile(r"ACTION:(.*)")
_ARRIVE = "You arrive at loc "


def game_name(game_path: str) -> str:
    """``<task folder>/<trial folder>`` of a listed game path (the original's ``name``)."""
    return "/".join(game_path.split("/")[-3:-1])


def task_type(game_path: str) -> tuple[str, str]:
    """(one-shot prompt key, reported type) of a game, by its folder's prefix."""
    name = game_name(game_path)
    for prefix, key, reported in TASK_TYPES:
        if name.startswith(prefix):
            return key, reported
    raise ValueError(f"unsupported ALFWorld game name: {name}")


def intro_text(observation: str) -> str:
    """The first observation without its title: paragraphs after the first, joined by one newline."""
    return "\n".join(observation.split("\n\n")[1:])


def first_messages(example: Sequence[str], intro: str) -> list[Message]:
    """The original's first request: instruction, acknowledgement, the one-shot turns, the task."""
    messages = [Message(role="user", content=INSTRUCTION), Message(role="assistant", content=AGENT_ACK)]
    for index, text in enumerate(example):
        content = EXAMPLE_PREFIX + text if index == 0 else text
        messages.append(Message(role="user" if index % 2 == 0 else "assistant", content=content))
    messages.append(Message(role="user", content=TASK_PREFIX + intro))
    return messages


def check_prompts(prompts: Any, where: str) -> Mapping[str, list[str]]:
    """The one-shot prompt file: one even-length list of texts per prompt key."""
    if not isinstance(prompts, dict):
        raise ValueError(f"{where}: not a JSON object")  # noqa: TRY004 - a data error, reported as one
    for _, key, _ in TASK_TYPES:
        turns = prompts.get(key)
        if not isinstance(turns, list) or not turns or len(turns) % 2 or not all(isinstance(t, str) for t in turns):
            raise ValueError(f"{where}: {key!r} must be a non-empty list of texts, user and agent turns alternating")
    return prompts


def parse_action(output: str) -> str:
    """The action text of an output, before mapping (stripped, lower-cased, first line)."""
    match = _ACTION_LINE.search(output) or _ACTION_END.search(output)
    action = match.group(1) if match else output
    return action.strip().lower().split("\n")[0]


def bleu(reference: str, candidate: str) -> float:
    """NLTK sentence BLEU of whitespace tokens, smoothing method 4 (the original's ``bleu_score``)."""
    from nltk.translate.bleu_score import SmoothingFunction, sentence_bleu

    return sentence_bleu([reference.split()], candidate.split(), smoothing_function=SmoothingFunction().method4)


def map_action(action: str, choices: Sequence[str], limit: float = BLEU_LIMIT) -> str:
    """``action`` when admissible (or when there is no choice), else the admissible command with
    the best BLEU above ``limit`` (the first of equals), else ``action`` as it is."""
    if not choices or action in choices:
        return action
    try:
        scores = [bleu(choice, action) for choice in choices]
    except Exception:  # noqa: BLE001 - the original prints and falls back to the raw action
        return action
    best = max(range(len(scores)), key=scores.__getitem__)
    return choices[best] if scores[best] > limit else action


def clean_observation(observation: str) -> str:
    """Drop the old grammar's "You arrive at loc N. " prefix (up to the first ". ")."""
    if observation.startswith(_ARRIVE):
        return observation[observation.find(". ") + 2 :]
    return observation
