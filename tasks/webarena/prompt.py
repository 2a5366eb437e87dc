"""The prompt AgentTuning sent each step: ``p_cot_id_actree_2s`` through ``CoTPromptConstructor``.

``prompt_data/p_cot_id_actree_2s.json`` is the original ``agent/prompts/raw/p_cot_id_actree_2s.py``
(AgentTuning e33a45d, blob b85e54c) converted as its own ``to_json.py`` does (``json.dump(...,
indent=2)``, the file ``run.py`` reads through ``eval-tgi.sh``'s ``--instruction_path``).

For the TGI ("llama") provider the original builds a FastChat ``llama-2`` conversation with the
system message "You are a helpful, respectful and honest assistant.": the stripped intro, the
reply "Ok.", the two examples as stripped user/assistant turns, then the stripped current step.
Every step is such a fresh prompt: the current observation (cut to 1,920 cl100k tokens), the
URL (public names), the objective and only the previous action.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from harness.model import Message, assistant, system, user

PROMPT_FILE = Path(__file__).parent / "prompt_data" / "p_cot_id_actree_2s.json"
SYSTEM_PROMPT = "You are a helpful, respectful and honest assistant."
INTRO_REPLY = "Ok."
MAX_OBS_TOKENS = 1920
"""``--max_obs_length`` (run.py default)."""


@lru_cache(maxsize=1)
def instruction() -> dict:
    """The prompt file: ``intro``, ``examples`` (pairs), ``template``, ``meta_data``."""
    return json.loads(PROMPT_FILE.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _encoding():
    import bpe_openai

    return bpe_openai.get_encoding("cl100k_base")


def tokenizer_name() -> str:
    return "bpe_openai:cl100k_base (tiktoken's gpt-4 encoding)"


def truncate(observation: str, limit: int = MAX_OBS_TOKENS) -> str:
    """``decode(encode(obs)[:limit])`` with the gpt-4 encoding (cl100k_base).

    Deviation: special-token text such as ``<|endoftext|>`` on a page is encoded as ordinary text
    (tiktoken's default raised ValueError, which ended the original episode with an error stop)."""
    enc = _encoding()
    tokens = enc.encode(observation, disallowed_special=())
    if len(tokens) <= limit:
        return observation
    return enc.decode(tokens[:limit])


def current_step(observation: str, url: str, objective: str, previous_action: str) -> str:
    """The template filled for this step (before the constructor strips it)."""
    return instruction()["template"].format(
        objective=objective, url=url, observation=observation, previous_action=previous_action
    )


def messages(observation: str, url: str, objective: str, previous_action: str) -> list[Message]:
    """The whole single-turn prompt of one step, as chat messages."""
    data = instruction()
    out = [system(SYSTEM_PROMPT), user(data["intro"].strip()), assistant(INTRO_REPLY)]
    for example_in, example_out in data["examples"]:
        out += [user(example_in.strip()), assistant(example_out.strip())]
    out.append(user(current_step(observation, url, objective, previous_action).strip()))
    return out


def step_messages(
    raw_observation: str, url: str, objective: str, previous_action: str, to_public: Callable[[str], str]
) -> list[Message]:
    """The prompt for a step: observation truncated, URL shown under its public name."""
    return messages(truncate(raw_observation), to_public(url), objective, previous_action)
