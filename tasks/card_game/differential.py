"""Differential check of :class:`~tasks.card_game.engine.Referee` against the original C++ referee.

Not part of a run. The reader builds AgentBench.old's logic (``card_game/logic``, ``make``) on their
own machine and points this module at the binary; nothing here builds or ships the original. Both
referees are fed the same seeded random answers — mostly legal moves, some malformed or illegal ones,
now and then a player crash — and must agree on every message sent to a player, on the whole replay
(every state record with its operations and errors) and on the end record. See DIFFERENTIAL.md.

    python -m tasks.card_game.differential --logic /path/to/logic/bin/main --games 1000 --seed 0
"""

from __future__ import annotations

import argparse
import json
import random
import struct
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from tasks.card_game.baselines import Baseline1, Baseline2
from tasks.card_game.engine import STATE_LIMIT, Referee, Request

_CRASH = object()


class OriginalReferee:
    """The compiled original, spoken to as its judger does (length-prefixed JSON over pipes)."""

    def __init__(self, binary: str, replay_path: Path):
        self.replay_path = replay_path
        self.proc = subprocess.Popen([binary], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self._send({"player_list": [1, 1], "player_num": 2, "replay": str(replay_path)})

    def _send(self, obj: dict[str, Any]) -> None:
        data = json.dumps(obj).encode()
        assert self.proc.stdin is not None
        self.proc.stdin.write(struct.pack(">i", len(data)) + data)
        self.proc.stdin.flush()

    def next_message(self) -> dict[str, Any]:
        """The next request or end message (the per-state time-limit notices are skipped)."""
        assert self.proc.stdout is not None
        while True:
            header = self.proc.stdout.read(8)
            if len(header) < 8:
                raise RuntimeError("the original referee exited")
            length, _goal = struct.unpack(">ii", header)
            message = json.loads(self.proc.stdout.read(length))
            if message["state"] != 0:
                return message

    def answer(self, player: int, content: Any) -> None:
        self._send({"player": player, "content": json.dumps(content)})

    def crash(self, player: int, state: int) -> None:
        error = {"player": player, "state": state, "error": 0, "error_log": "RUN ERROR"}
        self._send({"player": -1, "content": json.dumps(error)})

    def replay(self) -> list[Any]:
        return json.loads(self.replay_path.read_text())

    def close(self) -> None:
        self.proc.kill()
        self.proc.wait()


def canonical(obj: Any) -> str:
    return json.dumps(obj, sort_keys=True)


# -- random players ---------------------------------------------------------------------------------
def random_answer(req: Request, rng: random.Random, p_bad: float) -> Any:
    """A random answer to ``req``: legal most of the time, malformed or illegal with ``p_bad``."""
    if rng.random() < p_bad / 10:
        return _CRASH
    bad = rng.random() < p_bad
    if req.kind == "Pick":
        picks = rng.sample([1, 2, 3, 4], 4)
        if bad:
            picks = rng.choice([picks[:3], [picks[0]] * 4, picks + [1], "1234", [0, 1, 2, 3]])
        return {"Action": "Pick", "ChooseFishs": picks}
    info = req.content["GameInfo"]
    alive_enemy = [p for p in range(4) if info["EnemyHP"][p] > 0]
    alive_mine = [p for p in range(4) if info["MyHP"][p] > 0]
    if req.kind == "Assert":
        hidden = [p for p in alive_enemy if info["EnemyFish"][p] == -1]
        if bad:
            return rng.choice([{"Action": "Assert", "Pos": rng.randrange(4), "ID": rng.randint(1, 4)},
                               {"Action": "Assert", "Pos": 7, "ID": 1}, {"Action": "Guess"}, {"Pos": 1},
                               {"Action": "Assert", "Pos": "1", "ID": 2}, [1, 2]])
        if not hidden or rng.random() < 0.25:
            return {"Action": "Null"}
        return {"Action": "Assert", "Pos": rng.choice(hidden), "ID": rng.randint(1, 4)}
    me = rng.choice(alive_mine)
    my_id = abs(info["MyFish"][me])
    if bad:
        dead_enemy = [p for p in range(4) if p not in alive_enemy]
        mates = [p for p in range(4) if p != me]
        return rng.choice([
            {"Action": "Action", "Type": 0, "MyPos": me, "EnemyPos": rng.choice(dead_enemy or [9])},
            {"Action": "Action", "Type": 1, "MyPos": me, "EnemyList": alive_enemy[:1], "MyList": []},
            {"Action": "Action", "Type": 1, "MyPos": me, "EnemyList": [], "MyList": [me]},
            {"Action": "Action", "Type": 1, "MyPos": me, "EnemyList": [], "MyList": mates[:2]},
            {"Action": "Action", "Type": 1, "MyPos": me, "EnemyList": alive_enemy, "MyList": mates[:1]},
            {"Action": "Action", "Type": 1, "MyPos": me, "MyList": [rng.choice(mates)]},
            {"Action": "Action", "Type": 2, "MyPos": me},
            {"Action": "Action", "Type": 0, "MyPos": me},
            {"Action": "Act", "Type": 0, "MyPos": me, "EnemyPos": 0},
            {"Action": "Action", "Type": True, "MyPos": me, "EnemyPos": 0},
            {"Action": "Action", "Type": 1, "MyPos": me, "EnemyList": [0, 0], "MyList": []},
        ])
    if rng.random() < 0.4:
        return {"Action": "Action", "Type": 0, "MyPos": me, "EnemyPos": rng.choice(alive_enemy)}
    if my_id in (1, 3):
        return {"Action": "Action", "Type": 1, "MyPos": me, "EnemyList": alive_enemy, "MyList": []}
    mates = [p for p in alive_mine if p != me]
    if not mates:
        return {"Action": "Action", "Type": 0, "MyPos": me, "EnemyPos": rng.choice(alive_enemy)}
    return {"Action": "Action", "Type": 1, "MyPos": me, "EnemyList": [], "MyList": [rng.choice(mates)]}


# -- one game -----------------------------------------------------------------------------------------
def play_both(binary: str, seed: int, workdir: Path, state_limit: int = STATE_LIMIT, p_bad: float = 0.01,
              players: str = "random") -> dict[str, Any]:
    """Play one seeded game through both referees; raise AssertionError on the first mismatch.

    ``players``: ``random`` (random answers, some malformed) or ``baselines`` (the two scripted
    baselines of the task, in both seats by seed parity)."""
    rng = random.Random(seed)
    bots = [Baseline1(random.Random(seed)), Baseline2(random.Random(seed + 1))]
    if seed % 2:
        bots.reverse()
    ours = Referee(state_limit=state_limit)
    theirs = OriginalReferee(binary, workdir / f"replay-{seed}.json")
    steps = 0
    try:
        while True:
            message = theirs.next_message()
            req = ours.request()
            if message.get("content") and json.loads(message["content"][0])["Action"] == "Finish":
                finish = [json.loads(c) for c in message["content"]]
                assert canonical(finish) == canonical(ours.finish), f"seed {seed}: Finish\n{finish}\n{ours.finish}"
                continue
            if message["state"] < 0:
                assert req is None, f"seed {seed}: the original ended, ours asks {req}"
                break
            assert req is not None, f"seed {seed}: ours ended, the original asks {message}"
            theirs_req = (message["player"][0], json.loads(message["content"][0]), message["state"])
            mine = (req.player, {"Action": req.kind, **req.content}, req.state)
            assert canonical(theirs_req) == canonical(mine), f"seed {seed} step {steps}:\n{theirs_req}\n{mine}"
            if players == "baselines":
                bot = bots[req.player]
                answer = {"Pick": bot.pick, "Assert": bot.guess, "Action": bot.act}[req.kind](json.loads(json.dumps(req.content)))
            else:
                answer = random_answer(req, rng, p_bad)
            if answer is _CRASH:
                theirs.crash(req.player, req.state)
                ours.crash(req.player)
            else:
                theirs.answer(req.player, answer)
                ours.submit(req.player, json.loads(json.dumps(answer)))
            steps += 1
        end = json.loads(message["end_info"])
        assert ours.outcome is not None and end == ours.outcome.end_info, f"seed {seed}: end {end} vs {ours.outcome}"
        replay = theirs.replay()
        assert canonical(replay) == canonical(ours.replay), f"seed {seed}: replays differ"
        return {"steps": steps, "reason": ours.outcome.reason, "winner": ours.outcome.winner}
    finally:
        theirs.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--logic", required=True, help="the original referee binary (AgentBench.old logic/bin/main)")
    parser.add_argument("--games", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--state-limit", type=int, default=STATE_LIMIT,
                        help="only with a binary built with the same Game::STATE_LIMIT")
    parser.add_argument("--p-bad", type=float, default=0.01, help="chance of a malformed/illegal answer")
    parser.add_argument("--players", choices=("random", "baselines"), default="random")
    args = parser.parse_args(argv)
    tally: dict[str, int] = {}
    steps = 0
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(args.games):
            result = play_both(args.logic, args.seed + i, Path(tmp), args.state_limit, args.p_bad, args.players)
            tally[result["reason"]] = tally.get(result["reason"], 0) + 1
            steps += result["steps"]
    print(json.dumps({"players": args.players, "games": args.games, "identical": args.games, "answers": steps,
                      "endings": tally}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
