"""The model's seat: AgentBench.old ``AI_SDK/Python/AI_En.py`` + ``client.py`` (what the model is
asked, and how its answers are read).

Each guess and each action is up to five model calls. A call sends the last two (action) or three
(guess) earlier *accepted* exchanges, then the rules message with the scripted reply "Okay, I will
play the game with you according to the rules.", then the current request. An answer is accepted
when one of its ``{...}`` spans (quotes ``'`` turned into ``"``) parses as JSON and passes the
original's checks; a rejected answer is retried with the same request and is not remembered.
Five rejected guesses: no guess this turn. Five rejected actions: the original client returns a
string where the SDK expects an ``Action``, the process dies, and the referee scores the game as a
loss for the model (the "invalid move" of the original).
"""

from __future__ import annotations

import json
import random
import re
from dataclasses import dataclass
from typing import Any

from harness.model import Message
from tasks.card_game import prompts as P
from tasks.card_game.client import SUCCESS, Action, Client

TRIES = 5
PICKS = [1, 2, 3, 4]
"""The model's team, always in this order (``AI_En.Pick``): spray 0, flame 1, eel 2, sunfish 3."""

NAME_TO_ID = {"spray": 1, "flame": 2, "eel": 3, "sunfish": 4, "0": 1, "1": 2, "2": 3, "3": 4}
NAME_TO_POS = {"spray": 0, "flame": 1, "eel": 2, "sunfish": 3, "0": 0, "1": 1, "2": 2, "3": 3}
ID_TO_NAME = ["", "spray", "flame", "eel", "sunfish", "unknown"]
"""Indexed by fish id; -1 (hidden) reads the last entry, as in the original."""
SKILL_NAMES = {"aoe": "AOE", "infight": "Infight", "normalattack": "Normal"}
PASSIVE_NAMES = {0: "Counter", 1: "Deflect"}
ACTION_TYPES = {"normal": 0, "active": 1}
_BRACES = re.compile(r"\{[\w\W]*?\}")


def json_candidates(output: str) -> list[Any]:
    """Every ``{...}`` span (shortest match) that parses as JSON once ``'`` is replaced by ``"``."""
    found = []
    for span in _BRACES.findall(output):
        try:
            found.append(json.loads(span.replace("'", '"')))
        except ValueError:
            continue
    return found


def _non_zero_indexes(values: list[int]) -> list[int]:
    return [i for i, v in enumerate(values) if v != 0]


@dataclass
class Decision:
    """One accepted answer: the message for the referee and what was read."""

    message: dict[str, Any]
    move: dict[str, Any]


class ModelSeat:
    """The model's client: builds each request and reads each answer."""

    def __init__(self, rng: random.Random):
        self.client = Client(rng)
        self.history: list[tuple[str, str]] = []
        self.assert_history: list[tuple[str, str]] = []

    # -- requests ----------------------------------------------------------------------------------
    @staticmethod
    def _messages(history: list[tuple[str, str]], rules: str, prompt: str) -> list[Message]:
        """``Client.llm_call``: earlier exchanges, the rules exchange, then the request."""
        turns = [*history, (rules, P.RULES_ACK)]
        messages: list[Message] = []
        for asked, answered in turns:
            messages += [Message(role="user", content=asked), Message(role="assistant", content=answered)]
        return [*messages, Message(role="user", content=prompt)]

    def _enemy_action(self, with_skill: bool) -> dict[str, str]:
        info = self.client.enemy_action
        if info.action_fish == -1:
            shown = {"ACTION_FISH": "None", "ATK": "None", "TARGET": "None"}
            return {**shown, "SKILL_TYPE": "None"} if with_skill else shown
        shown = {"ACTION_FISH": str(info.action_fish), "ATK": str(info.enemy_expected_injury[0]),
                 "TARGET": str(_non_zero_indexes(info.enemy_targets))}
        if with_skill:
            if info.type not in SKILL_NAMES:  # the original's lookup raises: its process dies
                raise RuntimeError(f"no name for skill type {info.type!r}")
            shown["SKILL_TYPE"] = SKILL_NAMES[info.type]
        return shown

    def guess_prompt(self) -> str:
        c = self.client
        passives: dict[str, str] = {}
        for source in ((c.my_action.enemy_passives_id, c.my_action.enemy_types),
                       (c.enemy_action.friend_passives_id, c.enemy_action.friend_types)):
            for pos, kind in zip(*source):  # whole arrays: stale and never-written entries too
                if kind not in PASSIVE_NAMES:
                    raise RuntimeError(f"no name for passive type {kind}")
                passives[f"Position: {pos}"] = PASSIVE_NAMES[kind]
        live = [str(p) for p in sorted(c.get_enemy_living_fishes())]
        return P.guess_prompt(c.my_assert.result, live, self._enemy_action(True), passives)

    def guess_messages(self, prompt: str) -> list[Message]:
        return self._messages(self.assert_history[-P.GUESS_HISTORY:], P.GUESS_DESCRIPTION[P.STAGE], prompt)

    def _state(self) -> dict[str, list[dict[str, str]]]:
        c = self.client
        return {
            "You": [{"ID": ID_TO_NAME[abs(c.get_my_id(p))], "POSITION": str(p), "HP": str(c.get_my_hp(p)),
                     "ATK": str(c.get_my_atk(p))} for p in range(4)],
            "Enemy": [{"ID": ID_TO_NAME[c.get_enemy_id(p)], "POSITION": str(p), "HP": str(c.get_enemy_hp(p)),
                       "ATK": "unknown"} for p in range(4)],
        }

    def _my_action(self) -> dict[str, str]:
        info = self.client.my_action
        if info.action_fish == -1:
            return {"ACTION_FISH": "None", "ATK": "None", "TARGET": "None"}
        return {"ACTION_FISH": str(info.action_fish), "ATK": str(info.enemy_expected_injury[0]),
                "TARGET": str(_non_zero_indexes(info.enemy_targets))}

    def action_prompt(self) -> str:
        return P.action_prompt(self._state(), self._my_action(), self._enemy_action(False))

    def action_messages(self, prompt: str) -> list[Message]:
        return self._messages(self.history[-P.ACTION_HISTORY:], P.ACTION_DESCRIPTION[P.STAGE], prompt)

    # -- answers -------------------------------------------------------------------------------------
    def _guess_ok(self, move: dict[str, Any]) -> bool:
        try:
            move["target_position"] = str(move["target_position"])
            assert move["guess_type"] in ["spray", "flame", "eel", "sunfish"]
            assert move["target_position"] in ["0", "1", "2", "3"]
            assert int(move["target_position"]) in self.client.get_enemy_living_fishes()
            return True
        except Exception:  # noqa: BLE001 - the original's bare except: any failure rejects the answer
            return False

    def read_guess(self, prompt: str, output: str) -> Decision | None:
        """The accepted guess in ``output`` (remembered for later requests), or None."""
        for move in json_candidates(output):
            if isinstance(move, dict) and self._guess_ok(move):
                self.assert_history.append((prompt, output))
                pos, fish_id = int(move["target_position"]), NAME_TO_ID[move["guess_type"]]
                return Decision(self.client.assert_message(pos, fish_id), move)
        return None

    def _move_ok(self, move: dict[str, Any]) -> bool:
        c = self.client
        try:
            fish, action = move["pick_fish"], move["action"]
            assert action in ["normal", "active"]
            move["target_position"] = str(move["target_position"])
            if (fish == "spray" or fish == "eel") and action == "active":
                move["target_position"] = "0"  # an AOE needs no target
            else:
                assert int(move["target_position"]) in c.get_enemy_living_fishes()
            target = move["target_position"]
            assert NAME_TO_POS[fish] in c.get_my_living_fishes()
            dead = [p for p in range(4) if p not in c.get_my_living_fishes()]
            for infighter in ("flame", "sunfish"):
                assert not (fish == infighter and action == "active" and int(target) in [NAME_TO_POS[fish], *dead])
            return True
        except Exception:  # noqa: BLE001 - the original's bare except: any failure rejects the answer
            return False

    def read_action(self, prompt: str, output: str) -> Decision | None:
        """The accepted action in ``output`` (remembered for later requests), or None.

        The first candidate that passes the checks is set on an SDK ``Action``; when a setter
        refuses it (e.g. an active skill of a flame named by its position, "1"), the whole answer
        is rejected, as in the original (its ``continue`` skips the remaining candidates)."""
        for move in json_candidates(output):
            if isinstance(move, dict) and self._move_ok(move):
                action = self._build(move)
                if action is None:
                    return None
                self.history.append((prompt, output))
                return Decision(self.client.action_message(action), move)
        return None

    def _build(self, move: dict[str, Any]) -> Action | None:
        fish = move["pick_fish"]
        kind = ACTION_TYPES[move["action"]]
        target = int(move["target_position"])
        action = self.client.new_action()
        if action.set_action_fish(NAME_TO_POS[fish]) != SUCCESS or action.set_action_type(kind) != SUCCESS:
            return None
        if kind == 1 and fish in ("flame", "sunfish"):
            ok = action.set_friend_target(target)
        else:
            ok = action.set_enemy_target(target)
        return action if ok == SUCCESS else None
