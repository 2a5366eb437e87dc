"""One OS-interaction episode in a fresh sandbox: init scripts, start, up to 8 rounds, judging."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from harness.model import Message
from harness.task import Env, SampleScore, Status, StepResult
from tasks.agentbench.history import agentbench_trim
from tasks.os_interaction.problems import Problem, Script, extract_action
from tasks.os_interaction.prompt import build_messages, observation
from tasks.services.sandbox import Sandbox
from tasks.services.sandbox.pool import SandboxPool
from tasks.services.sandbox.terminal import SILENCE_S, RawTerminal, TerminalClosed, TerminalSilent


def independent_argv(script: Script, params: list[str]) -> list[str]:
    """AgentBench's ``execute_independent``: a fresh process (not the agent's shell)."""
    language, code = script
    if language == "bash":
        return ["bash", "-c", code, "--", *params] if params else ["bash", "-c", code]
    if language == "python":
        return ["python3", "-c", code, *params]
    raise ValueError(f"unsupported script language {language!r}")  # c/c++: none in the data


OBSERVATIONS = ("old", "v0.2")
"""``old``: AgentBench.old's raw terminal (what AgentTuning's models saw, the default);
``v0.2``: AgentBench v0.2's cleaned output, one ``eval`` per command, stdin from /dev/null."""


@dataclass
class Machine:
    """A sample's machine as the protocol has it before the sample starts: a started sandbox and,
    for AgentBench.old's observations, the terminal with its login shell (the original opens it
    when it creates the container, before the init scripts run)."""

    sandbox: Sandbox
    terminal: RawTerminal | None = None

    def close(self) -> None:
        if self.sandbox is not None:
            self.sandbox.close()
        if self.machines is not None and self.sandbox is not None:
            self.machines.give_back()
        self.sandbox = None  # its terminals too


def start_machine(sandbox: Sandbox, observation: str, silence_s: float = SILENCE_S) -> Machine:
    """Start ``sandbox`` (and its terminal for the old observations)."""
    sandbox.start()
    try:
        terminal = sandbox.open_terminal(silence_s) if observation == "old" else None
    except BaseException:
        sandbox.close()
        raise
    return Machine(sandbox, terminal)


class OSEnv(Env):
    """Blocking (sandbox work runs in the core's worker thread). Its machine is ``sandbox``,
    started by ``reset``, or one taken from ``machines`` (started ahead of need)."""

    def __init__(
        self, problem: Problem, sandbox: Sandbox | None, observation: str = "old", silence_s: float = SILENCE_S,
        machines: SandboxPool[Machine] | None = None,
    ):  # fmt: skip
        if observation not in OBSERVATIONS:
            raise ValueError(f"unknown observation protocol {observation!r}")
        if (sandbox is None) == (machines is None):
            raise ValueError("give a sandbox or a pool of machines")
        self.problem = problem
        self.sandbox = sandbox
        self.machines = machines
        self.mode = observation
        self.silence_s = silence_s
        self.terminal: RawTerminal | None = None
        self.answer: str | None = None
        self.failure: str | None = None
        """Why the original would have failed this sample outright (its exception), if it would."""
        self.info: dict[str, Any] = {}

    def reset(self) -> list[Message]:
        # AgentBench.old opens the shell first (Container.__init__), then runs init
        if self.machines is not None:
            machine = self.machines.take()
        else:
            assert self.sandbox is not None
            machine = start_machine(self.sandbox, self.mode, self.silence_s)
        self.sandbox, self.terminal = machine.sandbox, machine.terminal
        init_codes = []
        for script in self.problem.init:
            # AgentBench.old ignores the init scripts' exit codes (v0.2 aborts the sample): kept.
            init_codes.append(self.sandbox.exec(independent_argv(script, [])).exit_code)
        self.info["init_exit_codes"] = init_codes
        if self.problem.start is not None:
            code = self.problem.start[1]
            if self.terminal is not None:  # typed, its output never shown (container.execute(start))
                try:
                    self.terminal.execute(code)
                except (TerminalClosed, TerminalSilent) as exc:
                    self.failure = f"start: {exc}"
            else:  # typed into the terminal like the original (`su - jack` then owns the terminal)
                self.sandbox.shell(code, typed="\n" not in code.strip())
        return build_messages(self.problem.description)

    def context(self, history: list[Message]) -> list[Message]:
        """AgentBench.old's client-side history trimming (3,500 segments, [NOTICE] line)."""
        return agentbench_trim(history)

    def step(self, action: str) -> StepResult:
        parsed = extract_action(action)
        if parsed.action == "commit":
            self.answer = parsed.content
            return StepResult(done=True, status=Status.COMPLETED, info={"answer": parsed.content})
        if parsed.action == "bash":
            if self.terminal is not None:
                return self._raw_step(parsed.content or "")
            result = self.sandbox.shell(parsed.content or "")
            return StepResult(
                observation=observation(result.output),
                info={"exit_code": result.exit_code, "timed_out": result.timed_out},
            )
        return StepResult(done=True, status=Status.INVALID_ACTION, invalid=True)

    def _raw_step(self, command: str) -> StepResult:
        """AgentBench.old: the terminal's bytes decoded as UTF-8 -- strictly: its ``decode('utf-8')``
        raised on anything else, and that exception (like a closed or silent terminal) failed the
        sample without judging it."""
        if self.failure is not None:
            return self._fail(self.failure)
        try:
            read = self.terminal.execute(command)
        except (TerminalClosed, TerminalSilent) as exc:
            return self._fail(str(exc))
        try:
            text = read.output.decode("utf-8")
        except UnicodeDecodeError as exc:
            return self._fail(f"the output is not UTF-8 ({exc.reason} at byte {exc.start})")
        return StepResult(observation=observation(text), info={"ended": read.ended, "truncated": read.truncated})

    def _fail(self, reason: str) -> StepResult:
        self.failure = reason
        return StepResult(done=True, status=Status.COMPLETED, info={"failure": reason})

    def evaluate(self, status: Status) -> SampleScore:
        """As AgentBench.old (what AgentTuning ran): the answer is judged whatever ended the
        episode; no answer is ``None`` (a check chain then gets the string "None", so problems that
        check the machine's state still pass when the agent did the work and ran out of rounds)."""
        if self.failure is not None:
            passed, detail = False, {"failure": self.failure}
        else:
            passed, detail = self._judge()
        metrics = {"group": self.problem.group, "file": self.problem.file, "index": self.problem.index,
                   "answer": self.answer, **detail, **self.info}
        return SampleScore(score=float(passed), metrics=metrics)

    def _judge(self) -> tuple[bool, dict[str, Any]]:
        answer = self.answer
        match = self.problem.match
        if match is not None:
            if isinstance(answer, str) and match.get("strip"):
                answer = answer.strip()
            if "answer" in match:
                return answer == match["answer"], {}
            if "regex" in match:
                return answer is not None and re.search(match["regex"], answer) is not None, {}
            return False, {"error": "match without answer/regex"}
        params = [str(answer)]
        for i, script in enumerate(self.problem.check or []):
            if script is None:
                script = self.problem.example
                if script is None:
                    return False, {"error": "check names the example but there is none"}
            result = self.sandbox.exec(independent_argv(script, params))
            if result.exit_code != 0:
                return False, {"failed_check": i, "check_outputs": params[1:]}
            params.append(result.output)
        return True, {"check_outputs": params[1:]}

    def close(self) -> None:
        if self.sandbox is not None:
            self.sandbox.close()
        if self.machines is not None and self.sandbox is not None:
            self.machines.give_back()
        self.sandbox = None
