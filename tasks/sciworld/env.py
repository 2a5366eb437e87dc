"""One ScienceWorld episode on a pooled JVM, played by the rules of AgentTuning's ``eval.py``.

Per model output: "Think: ..." is answered "OK." without a simulator step; anything else is mapped
onto a valid action (:mod:`tasks.sciworld.actions`) and stepped. The episode ends when the
simulator says so (task done, score < 0, more than ``env_step_limit`` moves), after 10 consecutive
failed actions, when the last 5 (action, observation) entries hold only 2 distinct values, or after
``2 * env_step_limit`` outputs. Score: the simulator's score (0-100) at the end; a negative score
(-100: the task was failed, e.g. the wrong object focused) is replaced by the score before it, as
the original does (its ``--no_stop`` flag defaults to True).
"""

from __future__ import annotations

import json

from pydantic import BaseModel

from harness.model import Message, assistant, user
from harness.task import Env, Sample, SampleScore, Status, StepResult
from tasks.sciworld import prompts
from tasks.sciworld.actions import choose_action, in_loop, is_action_failed, parse_output, valid_actions
from tasks.sciworld.jvm_pool import JVMPool
from tasks.sciworld.oracle_view import OracleView, ValidEntry
from tasks.sciworld.trimming import trim

MAX_CONSECUTIVE_FAILURES = 10


class SimStep(BaseModel):
    """What one simulator step returns (the package's ``ScienceWorldEnv.step``)."""

    observation: str
    score: int
    completed: bool
    moves: int
    look: str


class SciWorldEnv(Env):
    """An episode of one (task, variation)."""

    def __init__(
        self, sample: Sample, pool: JVMPool, step_limit: int = 100, map_actions: bool = True,
    ):  # fmt: skip
        self.sample = sample
        self.map_actions = map_actions
        """False (diagnostic only, not the protocol): send commands verbatim to the simulator's parser."""
        self.pool = pool
        self.gold: list[str] = []
        """The package's gold action sequence of this variation (read when the variation loads)."""
        self.step_limit = step_limit
        self.max_steps = 2 * step_limit
        self.jvm = None
        self.broken = False
        self.system = prompts.SYSTEM_PROMPT
        self.turns: list[Message] = []
        self.recent_actions: list[str] = []
        self.look = ""
        self.score = 0
        self.last_score = 0
        self.steps = 0
        self.moves = 0
        self.failures = 0
        self.stop_reason = "running"
        self.last_observation = ""
        self._valid: tuple[int, set[str]] | None = None

    # -- simulator access (worker thread) --------------------------------------------------------
    def _sim(self, fn, *args):
        try:
            return fn(*args)
        except Exception:
            self.broken = True  # a JVM whose call failed is not reused
            raise

    def _sim_step(self, action: str) -> SimStep:
        server = self.jvm.server
        observation = self._sim(server.step, action)
        score = round(100 * self._sim(server.getScore))  # as the package: 0-1 -> 0-100
        completed = bool(self._sim(server.getCompleted))
        moves = self._sim(server.getNumMoves)
        look = self._sim(server.freeActionLook)
        # The package's step also reads the inventory, the task text and the valid-action list for
        # its info dict. The protocol reads none of them, but the valid-action query draws from the
        # simulator's random stream: skipping it changes later observations (grow-fruit, mendelian
        # genetics), so every query the original made is made, in its order.
        self._sim(server.freeActionInventory)
        self._sim(server.freeActionTaskDesc)
        self._sim(server.getValidActionObjectCombinations)
        # The package's own rules (ScienceWorldEnv.step): past the step limit, or below zero, it is over.
        completed = completed or moves > self.step_limit or score < 0
        self.look, self.moves = look, moves
        return SimStep(observation=observation, score=score, completed=completed, moves=moves, look=look)

    def valid_set(self, combinations: list[str] | None = None) -> set[str]:
        """The protocol's candidate set for the next action (``findValidActionNew``), built once per
        simulator state: a gold policy that looked at it first does not make the step rebuild it."""
        if self._valid is not None and self._valid[0] == self.steps:
            return self._valid[1]
        if combinations is None:
            combinations = self._sim(self.jvm.server.getValidActionObjectCombinations)
        inventory = self._sim(self.jvm.server.freeActionInventory)
        valid = valid_actions(combinations, self.look, inventory, self.recent_actions)
        self._valid = (self.steps, valid)
        return valid

    def oracle_view(self) -> OracleView:
        """What a gold policy needs to phrase its next command (blocking; worker thread only)."""
        server = self.jvm.server
        entries = json.loads(self._sim(server.getValidActionObjectCombinationsJSON))["validActions"]
        objects = json.loads(self._sim(server.getAllObjectIdsTypesReferentsLUTJSON))
        names = json.loads(self._sim(server.getPossibleObjectReferentLUTJSON))
        return OracleView(
            valid=self.valid_set([e["action"] for e in entries]),
            entries=[ValidEntry(action=e["action"], obj_ids=e["obj_ids"]) for e in entries],
            names={int(k): v for k, v in names.items()},
            referents={int(k): v["referents"] for k, v in objects.items()},
            recent=list(self.recent_actions),
            last_observation=self.last_observation,
            failures=self.failures,
            steps=self.steps,
        )

    # -- Env interface ---------------------------------------------------------------------------
    def reset(self) -> list[Message]:
        data = self.sample.data
        self.jvm = self.pool.acquire(data["task_name"], data["variation"])  # the variation loaded, gold path generated
        jvm = self.jvm
        self.gold = list(self._sim(jvm.server.getGoldActionSequence))
        description = prompts.task_description(self._sim(jvm.server.freeActionTaskDesc))
        self._sim(jvm.server.reset)  # env.reset(): back to move 0, then a free "look around"
        first = self._sim_step("look around")
        self.last_observation = first.observation
        self.recent_actions = ["look around"]
        messages = prompts.initial_messages(data["task_num"], first.observation, description)
        self.system = messages[0].content
        self.turns = messages[1:]
        trim(self.system, self.turns)
        return messages

    def context(self, history: list[Message]) -> list[Message]:
        """The original's own conversation (processed outputs, trimmed), not the loop's raw one."""
        return [Message(role="system", content=self.system), *self.turns]

    def step(self, action: str) -> StepResult:
        parsed = parse_output(action)
        self.turns.append(assistant(parsed.text))
        info: dict = {}
        done, status = False, Status.COMPLETED
        if parsed.think:
            command, observation = parsed.text, prompts.THINK_OBSERVATION
        else:
            if self.map_actions:
                command, exact = choose_action(parsed.command, self.valid_set())
            else:
                command, exact = parsed.command, True
            sim = self._sim_step(command)
            observation = sim.observation
            self.last_observation = observation
            failed = is_action_failed(observation)
            info = {"command": command, "exact": exact, "failed": failed, "moves": sim.moves}
            if failed:
                self.failures += 1
                if self.failures >= MAX_CONSECUTIVE_FAILURES:
                    # The original breaks here, before reading this step's score.
                    self.stop_reason = "invalid_actions"
                    return StepResult(
                        observation=prompts.clean(observation), done=True, status=Status.INVALID_ACTION,
                        invalid=not exact, info=info,
                    )  # fmt: skip
            else:
                self.failures = 0
            self.score = sim.score
            if sim.score < 0:
                self.score = self.last_score
                self.stop_reason = "failed_task"
            elif sim.completed:
                self.stop_reason = "step_limit" if sim.moves > self.step_limit else "completed"
                if sim.moves > self.step_limit:
                    status = Status.TASK_LIMIT_REACHED
            done = sim.completed
            self.last_score = self.score
            info["score"] = self.score
        observation = prompts.clean(observation)
        self.turns.append(user(observation))
        self.recent_actions.append(f"({command}, {observation})")
        self.steps += 1
        invalid = bool(info) and not info["exact"]
        if not done and self.steps >= self.max_steps:
            done, status, self.stop_reason = True, Status.TASK_LIMIT_REACHED, "max_steps"
        if not done and in_loop(self.recent_actions):
            done, status, self.stop_reason = True, Status.TASK_LIMIT_REACHED, "loop"
        if done:
            return StepResult(observation=observation, done=True, status=status, invalid=invalid, info=info)
        trim(self.system, self.turns)
        return StepResult(observation=observation, invalid=invalid, info=info)

    def evaluate(self, status: Status) -> SampleScore:
        data = self.sample.data
        return SampleScore(
            score=self.score / 100.0,
            metrics={
                "task_num": data["task_num"],
                "task_name": data["task_name"],
                "variation": data["variation"],
                "env_score": self.score,
                "moves": self.moves,
                "stop_reason": self.stop_reason,
            },
        )

    def close(self) -> None:
        if self.jvm is not None:
            jvm, self.jvm = self.jvm, None
            self.pool.release(jvm, broken=self.broken)
