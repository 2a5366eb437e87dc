"""The model's prompts, verbatim from AgentBench.old ``AI_SDK/Python/prompt/en.py`` and ``AI_En.py``.

The rules messages are built as the original builds them: ``%`` formatting of Python dicts, so the
fish descriptions and the answer formats appear as dict reprs. ``ext`` runs stage 2 (guessing on).
"""

from __future__ import annotations

import json
from typing import Any

ACTION_FORMAT = {
    "pick_fish": "pick an alive fish",
    "action": "choose from [normal, active]",
    "target_position": "target's position, you must choose from [0,3]",
}

GUESS_FORMAT = {
    "guess_type": "the enemy's fish type you may guess",
    "target_position": "guess target's position, you must choose from [0,3]",
}

FISH_DESCRIPTION = {
    "spray": {
        "passive": r"Counter: Deals 30 damage to attacker when a teammate's health is below 30%",
        "active": r"AOE: Attacks all enemies for 35% of its attack points.",
    },
    "flame": {
        "passive": r"Counter: Deals 30 damage to attacker when a teammate's health is below 30%. ",
        "active": r"Infight: Attacks one alive teammate for 75 damage and increases your own attack points by 140. "
        r"Notice! You can't attack yourself or dead teamate!",
    },
    "eel": {
        "passive": r"Deflect: Distributes 70% damage to teammates and takes 30% when attacked. "
        r"Gains 40 attack points after taking 200 damage accumulated. ",
        "active": r"AOE: Attacks all enemies for 35% of your attack points.",
    },
    "sunfish": {
        "passive": r"Deflect: Distributes 70% damage to teammates and takes 30% when attacked. "
        r"Gains 40 attack points after taking 200 damage accumulated. ",
        "active": r"Infight: Attacks one alive teammate for 75 damage and increases your own attack points by 140. "
        r"Notice! You can't attack yourself or dead teamate!",
    },
}

ACTION_PROMPT = """This is a two-player battle game with four pet fish on each team.
Each fish has its 400 initial health, 200 attack power, active ability, and passive ability.
You can choose a live fish to use its active skill or normal attack on an enemy fish each round.
When the conditions are met, the fish's passive ability will automatically trigger, regardless of whether it is chosen.
%s
The victory condition is to have more fish alive at the end of the game.

The following are the four types of the pet fish:
%s

Play the game with me. In each round, you should output your thinking process, and return your move with following json format:
%s

Notice! You must return your move in each round. Otherwise, you will be considered defeated."""

GUESS_RULE = """Your fish's identity is initially hidden. The enemy can guess one of your fish's identity in each round. If the enemy guesses right, your fish's identity is revealed, and each of your fish will get 50 damage."""

GUESS_PROMPT = """This is a two-player battle game with four pet fish in each team.
Each fish has its initial health, attack power, active ability, and passive ability.
All fish's identities are initially hidden. You should guess one of the enemy fish's identities in each round. If you guess right, the enemy fish's identity is revealed, and each of the enemy's fish will get 50 damage. You can only guess the identity of the live fish.
The victory condition is to have more fish alive at the end of the game.

The following are the four types of the pet fish:
%s

Play the game with me. In each round, you should output your thinking process, and return your move with following json format:
%s

Notice! You must return your move in each round. Otherwise, you will be considered defeated."""

ACTION_DESCRIPTION = {
    1: ACTION_PROMPT % ("", FISH_DESCRIPTION, ACTION_FORMAT),
    2: ACTION_PROMPT % (GUESS_RULE, FISH_DESCRIPTION, ACTION_FORMAT),
}

GUESS_DESCRIPTION = {2: GUESS_PROMPT % (FISH_DESCRIPTION, GUESS_FORMAT)}

STAGE = 2
"""``ext`` (like dev and std) runs stage 2: a guess, then an action, every turn."""

RULES_ACK = "Okay, I will play the game with you according to the rules."
"""The model's scripted reply to the rules message (``client.py`` ``llm_call``)."""

ACTION_HISTORY = 2
GUESS_HISTORY = 3
"""How many earlier (prompt, answer) pairs precede the rules message (``history[-2:]``, ``assert_history[-3:]``)."""


def action_prompt(state: dict[str, Any], mine: dict[str, str], enemy: dict[str, str]) -> str:
    """The per-turn action request (``AI_En._decide``); the dicts render as Python reprs."""
    return (
        f"Following is the current game state:\n{json.dumps(state, ensure_ascii=False)}\n\n"
        f"Your previous action: {mine}\nEnemy's previous action: {enemy}\n\nPlease Output your next action."
    )


def guess_prompt(result: bool, live: list[str], enemy: dict[str, str], passives: dict[str, str]) -> str:
    """The per-turn guess request (``AI_En._guess``)."""
    return (
        f"Previous Guess: {result}\nLive Enemy Fish: {live}\nEnemy's previous action: {enemy}\n"
        f"Enemy's previous triggered passive ability: {json.dumps(passives, ensure_ascii=False)}\n\n"
        "Please output your guess."
    )
