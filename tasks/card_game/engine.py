"""The game referee: AgentBench.old's ``logic/src/aqua_sdk.cpp`` (one round, ≤ 128 states) in Python.

The original referee is a C++ process the judger talks to over pipes. This class keeps its state
machine and its messages exactly — the JSON each player is sent (``Pick`` / ``Assert`` / ``Action``
requests, with ``GameInfo``, the last actions and the last guess), the replay states, the error
rules and the end result — so that a differential run against the compiled original can compare
them one for one (see DIFFERENTIAL.md). It drives no players itself: the caller reads
:meth:`Referee.request` and answers with :meth:`Referee.submit` (or :meth:`Referee.crash` when a
player process dies, as the model's client does after five unusable answers).

Flow (``AquaWarSDK::run``): player 0 picks, player 1 picks, then turns alternate — the player to
move first guesses (``Assert``), then acts (``Action``); player 0 moves first. The state counter
starts at 1 and grows with every answered request; when it passes 128 (after the 126th guess or
action) the round ends on points: more living fish, then more total HP, then a higher maximum HP,
then the second mover. A side whose fish are all dead after a guess or an action loses (both dead
after an action: the actor wins). Any malformed or illegal answer loses the game at once.
"""

from __future__ import annotations

import copy
from typing import Any

from pydantic import BaseModel

from tasks.card_game.checks import (
    ACTION_RULES_ERROR,
    ACTION_WITH_DEAD_FISH,
    ASSERT_DEAD_FISH,
    ASSERT_EXPOSED_FISH,
    PICK_DEAD_FISH,
    PLAYER_RE,
    action_error,
    assert_error,
    pick_error,
)
from tasks.card_game.fish import DEAD, FISH_IDS, GUESS_DAMAGE, Clock, Events, Team

STATE_LIMIT = 128
READY, PICK, ASSERT, ACTION = 0, 2, 3, 4
"""``Game::State`` (the game's phase)."""

_POOL_ATK = {fid: 200 if fid in FISH_IDS else 100 for fid in range(1, 13)}


class Request(BaseModel):
    """A message the referee sends one player and waits on."""

    player: int
    kind: str
    """``Pick``, ``Assert`` or ``Action``."""
    content: dict[str, Any]
    state: int


class Outcome(BaseModel):
    """How the game ended."""

    winner: int
    reason: str
    """``eliminated``, ``state_limit`` or ``error``."""
    error_player: int | None = None
    end_info: dict[str, int]
    """The referee's end record: 100 for the winner, 0 for the loser."""


class Referee:
    """One game between players 0 and 1, both allowed only fish 1–4 (spray, flame, eel, sunfish)."""

    def __init__(self, state_limit: int = STATE_LIMIT, record: bool = True) -> None:
        self.record = record
        """Keep the replay and copy every message (off for look-ahead copies, which only play on)."""
        self.state_limit = state_limit
        """``Game::STATE_LIMIT`` (other values only to test the points rule against a rebuilt original)."""
        self.clock = Clock()
        self.teams: list[Team | None] = [None, None]
        self.pools: list[list[int]] = [list(range(1, 13)), list(range(1, 13))]
        self.state = 1
        self.gamestate = PICK  # READY is left at once in a new game: first mover 0, then PICK
        self.cur_turn = 0
        self.first_mover = 0
        self.cnt = 0
        self.score = 0
        self.rounds = 0
        self.over = False
        self.last_round_state = 0
        self.last_assert: dict[str, Any] | None = None
        self.last_action: list[dict[str, Any] | None] = [None, None]
        self.replay: list[dict[str, Any] | None] = []
        self.outcome: Outcome | None = None
        self.finish: list[dict[str, Any]] = []
        """The two ``Finish`` messages of a round that ended by elimination or on points."""
        self._saved: dict[str, Any] = self._snapshot() if record else {}

    # -- the player's view -------------------------------------------------------------------------
    def request(self) -> Request | None:
        """The pending request (None when the game is over)."""
        if self.over:
            return None
        cp = copy.deepcopy if self.record else _same
        player = self.cur_turn
        if self.gamestate == PICK:
            content = {"Action": "Pick", "RemainFishs": list(self.pools[player]),
                       "FirstMover": 1 if self.first_mover == player else 0}
            return Request(player=player, kind="Pick", content=content, state=self.state)
        if self.gamestate == ASSERT:
            for action in self.last_action:
                _mark_sides(action, player)
            content = {"Action": "Assert", "EnemyAssert": cp(self.last_assert),
                       "EnemyAction": cp(self.last_action[player ^ 1]),
                       "MyAction": cp(self.last_action[player]), "GameInfo": self._game_info(player)}
            return Request(player=player, kind="Assert", content=content, state=self.state)
        content = {"Action": "Action", "AssertReply": cp(self.last_assert), "GameInfo": self._game_info(player)}
        return Request(player=player, kind="Action", content=content, state=self.state)

    def _game_info(self, player: int) -> dict[str, Any]:
        mine, theirs = self.teams[player], self.teams[player ^ 1]
        assert mine is not None and theirs is not None
        return {
            "EnemyFish": [f.id if f.is_expose else -1 for f in theirs.fish],
            "EnemyHP": [0 if f.state == DEAD else f.hp for f in theirs.fish],
            "MyFish": [-f.id if f.is_expose else f.id for f in mine.fish],
            "MyHP": [0 if f.state == DEAD else f.hp for f in mine.fish],
            "MyATK": [f.atk for f in mine.fish],
        }

    # -- answers -----------------------------------------------------------------------------------
    def submit(self, player: int, content: Any) -> None:
        """The answer of ``player`` to the pending request (the parsed JSON it sent)."""
        if self.record:
            self._saved = self._snapshot()
        self.cnt = 0
        self._ops: list[dict[str, Any]] = []
        self._errors: list[dict[str, Any]] = []
        if self.over or player != self.cur_turn:
            raise ValueError(f"player {player} answered out of turn")
        if self.gamestate == PICK:
            ok = self._read_pick(player, content)
        elif self.gamestate == ASSERT:
            ok = self._read_assert(player, content)
        else:
            ok = self._read_action(player, content)
        if not ok:
            self._fail(player)
            return
        self._advance()

    def crash(self, player: int, kind: int = PLAYER_RE) -> None:
        """The player's process died (``RUN ERROR``) or sent unparsable JSON: it loses."""
        if self.record:
            self._saved = self._snapshot()
        self.cnt = 0
        self._ops, self._errors = [], [{"player": player, "type": kind}]
        self._fail(player)

    def _error(self, player: int, kind: int, **extra: Any) -> bool:
        self._errors.append({"player": player, "type": kind, **extra})
        return False

    def _read_pick(self, player: int, msg: Any) -> bool:
        code = pick_error(msg)
        if code is not None:
            return self._error(player, code)
        picks = msg["ChooseFishs"]
        if any(fid not in self.pools[player] for fid in picks):
            return self._error(player, PICK_DEAD_FISH)
        if any(fid not in FISH_IDS for fid in picks):
            raise NotImplementedError("only spray, flame, eel and sunfish (the ext split's fish) are implemented")
        self.pools[player] = [fid for fid in self.pools[player] if fid not in picks]
        team = Team.of(player, list(picks), self.clock)
        self.teams[player] = team
        self._ops.append({"Action": "Pick", "Fish": [f.to_json() for f in team.fish]})
        self._record()
        self.cnt += 1 << player
        return True

    def _read_assert(self, player: int, msg: Any) -> bool:
        code = assert_error(msg)
        if code is not None:
            return self._error(player, code)
        if msg["Action"] == "Null":
            self._ops.append({"Action": "Null", "ID": player})
            self._record()
            self.last_assert = {"AssertPos": None, "AssertContent": None, "AssertResult": None}
            return True
        pos, fid = msg["Pos"], msg["ID"]
        mine, theirs = self.teams[player], self.teams[player ^ 1]
        assert mine is not None and theirs is not None
        target = theirs.fish[pos]
        if target.state == DEAD or target.is_expose:
            return self._error(player, ASSERT_DEAD_FISH if target.state == DEAD else ASSERT_EXPOSED_FISH)
        right = target.id == fid
        if right:
            target.is_expose = True
            theirs.hp_debuff(GUESS_DAMAGE)
        else:
            mine.hp_debuff(0)  # the original's no-op penalty still floors its own dead fish at 0 HP
        self.last_assert = {"AssertPos": pos, "AssertContent": fid, "AssertResult": right}
        self._ops.append({"Action": "Assert", "ID": player, "Pos": pos, "id": fid})
        self._record()
        for team in (self.teams[0], self.teams[1]):
            assert team is not None
            team.update_state()
        return True

    def _read_action(self, player: int, msg: Any) -> bool:
        code = action_error(msg)
        if code is not None:
            return self._error(player, code)
        mine, theirs = self.teams[player], self.teams[player ^ 1]
        assert mine is not None and theirs is not None
        kind, my_pos = int(bool(msg["Type"])), msg["MyPos"]
        op: dict[str, Any] = {"Action": "Action", "ID": player, "Type": kind, "MyPos": my_pos}
        self.clock.now = 0
        actor = mine.fish[my_pos]
        if kind == 0:
            target = theirs.fish[msg["EnemyPos"]]
            if actor.state == DEAD or target.state == DEAD:
                return self._error(player, ACTION_WITH_DEAD_FISH)
            op["EnemyPos"] = msg["EnemyPos"]
            info: Events | None = actor.attack(target)
        else:
            op["MyList"], op["EnemyList"] = msg["MyList"], msg["EnemyList"]
            my_list = [mine.fish[p] for p in sorted(msg["MyList"])]
            enemy_list = [theirs.fish[p] for p in sorted(msg["EnemyList"])]
            if any(f.state == DEAD for f in (actor, *my_list, *enemy_list)):
                return self._error(player, ACTION_WITH_DEAD_FISH)
            info = actor.skill(my_list, enemy_list)
        mine.update_state()
        theirs.update_state()
        if info is None:
            return self._error(player, ACTION_RULES_ERROR, actionfish=actor.id, action_rules_error_type=actor.error_type)
        info["ActionFish"] = my_pos
        self.last_action[player] = info
        if self.record:
            shown = copy.deepcopy(info)
            _mark_sides(shown, player)
            op["ActionInfo"] = shown
            self._ops.append(op)
            self._record()
        return True

    # -- state machine -----------------------------------------------------------------------------
    def _advance(self) -> None:
        self.state += 1
        if self.state - self.last_round_state > self.state_limit:
            self._round_end(self._points_winner(), "state_limit")
            return
        if self.gamestate == PICK:
            if self.cur_turn != self.first_mover:
                self.gamestate = ASSERT
            self.cur_turn ^= 1
            return
        winner = self._eliminated_winner()
        if winner is not None:
            self._round_end(winner, "eliminated")
        elif self.gamestate == ASSERT:
            self.gamestate = ACTION
        else:
            self.gamestate = ASSERT
            self.cur_turn ^= 1

    def _eliminated_winner(self) -> int | None:
        for i in (0, 1):
            team, other = self.teams[i], self.teams[i ^ 1]
            assert team is not None and other is not None
            if team.all_dead():
                return self.cur_turn if other.all_dead() else i ^ 1
        return None

    def _points_winner(self) -> int:
        a, b = self.teams
        assert a is not None and b is not None
        for measure in ("living_fish_count", "hp_sum", "hp_max"):
            x0, x1 = getattr(a, measure)(), getattr(b, measure)()
            if x0 != x1:
                return int(x1 > x0)
        return self.first_mover ^ 1

    def _round_end(self, winner: int, reason: str) -> None:
        ended_in = self.gamestate
        self.last_round_state = self.state
        self.score += 1 if winner == 0 else -1
        self.rounds += 1
        self.over = True  # one round per game
        self.gamestate = READY
        if self.record:
            snapshot = self._snapshot()
            self.finish = [self._finish_message(j, winner, ended_in, reason == "state_limit") for j in (0, 1)]
            self.replay.append(snapshot)
        self._finish(winner, reason, None)

    def _finish_message(self, j: int, winner: int, ended_in: int, limit: bool) -> dict[str, Any]:
        """The ``Finish`` message player ``j`` is sent when the round ends."""
        msg: dict[str, Any] = {"Action": "Finish", "Result": "Win" if winner == j else "Lose", "isStateLimitExceed": limit}
        if j == self.cur_turn:
            if ended_in == ASSERT:
                msg["MyAssert"] = copy.deepcopy(self.last_assert)
            else:
                _mark_sides(self.last_action[j], j)
                msg["MyAction"] = copy.deepcopy(self.last_action[j])
            return msg
        msg["EnemyAssert"] = copy.deepcopy(self.last_assert)
        for action in (self.last_action if ended_in == ACTION else [self.last_action[j]]):
            _mark_sides(action, j)
        msg["EnemyAction"] = copy.deepcopy(self.last_action[j ^ 1]) if ended_in == ACTION else None
        msg["MyAction"] = copy.deepcopy(self.last_action[j])
        return msg

    def _fail(self, player: int) -> None:
        """``invalid_operation``: the offending player loses at once."""
        if self.record:
            state = copy.deepcopy(self._saved)
            state["operation"] = self._ops
            state["errors"] = self._errors
            self.replay.append(state)
        self.cur_turn = player
        self.score = -3 if player == 0 else 3
        self.over = True
        self._finish(player ^ 1, "error", player)

    def _finish(self, winner: int, reason: str, error_player: int | None) -> None:
        end = {"0": 100 if self.score > 0 else 0, "1": 100 if self.score < 0 else 0}
        self.outcome = Outcome(winner=winner, reason=reason, error_player=error_player, end_info=end)
        self.replay.append(None)

    # -- replay --------------------------------------------------------------------------------------
    def _snapshot(self) -> dict[str, Any]:
        """``Game::to_json`` (the replay's state record)."""
        players = []
        for pid in (0, 1):
            team = self.teams[pid]
            pool = [{"hp": 400, "atk": _POOL_ATK[f], "def": 0, "pos": 0, "id": f, "state": 0, "is_expose": False}
                    for f in self.pools[pid]]
            fight = [f.to_json() for f in team.fish] if team is not None else []
            players.append({"id": pid, "type": 1, "my_fish": pool, "fight_fish": fight})
        return {"winner": -1, "players": players, "state": self.state, "gamestate": self.gamestate,
                "cur_turn": self.cur_turn, "over": self.over, "cnt": self.cnt, "score": self.score,
                "rounds": self.rounds}

    def _record(self) -> None:
        if not self.record:
            return
        state = copy.deepcopy(self._saved)
        state["operation"] = list(self._ops)
        if self._errors:
            state["errors"] = list(self._errors)
        self.replay.append(state)

    def clone(self) -> Referee:
        """A non-recording copy that plays on independently (look-ahead)."""
        twin = Referee.__new__(Referee)
        twin.__dict__.update(self.__dict__)
        twin.record = False
        twin.clock = Clock()
        twin.teams = [t.clone(twin.clock) if t is not None else None for t in self.teams]
        twin.pools = [list(p) for p in self.pools]
        twin.last_action = list(self.last_action)
        twin.replay, twin.finish, twin._saved = [], [], {}
        return twin

    def final_fish(self) -> list[list[dict[str, Any]]]:
        """Both sides' fish in the referee's last state record (what the original's metrics read)."""
        for state in reversed(self.replay):
            if state is not None:
                return [p["fight_fish"] for p in state["players"]]
        return [[], []]


def _same(value: Any) -> Any:
    return value


def _mark_sides(action: dict[str, Any] | None, viewer: int) -> None:
    """``action_info_modifier``: tag each target, hit and passive as the viewer's or the enemy's."""
    if not action:
        return
    for item in (action.get("skill") or {}).get("targets") or []:
        item["isEnemy"] = item["player"] != viewer
    for key in ("hit", "passive"):
        for item in action.get(key) or []:
            item["isEnemy"] = item["player"] != viewer
