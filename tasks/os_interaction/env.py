"""One OS-interaction episode in a fresh sandbox: init scripts, start, up to 8 rounds, judging."""

from __future__ import annotations

import re
from typing import Any

from harness.model import Message
from harness.task import Env, SampleScore, Status, StepResult
from tasks.agentbench.history import agentbench_trim
from tasks.os_interaction.problems import Problem, Script, extract_action
from tasks.os_interaction.prompt import build_messages, observation
from tasks.services.sandbox import Sandbox


def independent_argv(script: Script, params: list[str]) -> list[str]:
    """AgentBench's ``execute_independent``: a fresh process (not the agent's shell)."""
    language, code = script
    if language == "bash":
        return ["bash", "-c", code, "--", *params] if params else ["bash", "-c", code]
    if language == "python":
        return ["python3", "-c", code, *params]
    raise ValueError(f"unsupported script language {language!r}")  # c/c++: none in the data


class OSEnv(Env):
    """Blocking (sandbox work runs in the core's worker thread)."""

    def __init__(self, problem: Problem, sandbox: Sandbox):
        self.problem = problem
        self.sandbox = sandbox
        self.answer: str | None = None
        self.info: dict[str, Any] = {}

    def reset(self) -> list[Message]:
        self.sandbox.start()
        init_codes = []
        for script in self.problem.init:
            # AgentBench.old ignores the init scripts' exit codes (v0.2 aborts the sample): kept.
            init_codes.append(self.sandbox.exec(independent_argv(script, [])).exit_code)
        self.info["init_exit_codes"] = init_codes
        if self.problem.start is not None:
            code = self.problem.start[1]
            # typed into the terminal like the original (`su - jack` then owns the terminal)
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
            result = self.sandbox.shell(parsed.content or "")
            return StepResult(
                observation=observation(result.output),
                info={"exit_code": result.exit_code, "timed_out": result.timed_out},
            )
        return StepResult(done=True, status=Status.INVALID_ACTION, invalid=True)

    def evaluate(self, status: Status) -> SampleScore:
        """As AgentBench.old (what AgentTuning ran): the answer is judged whatever ended the
        episode; no answer is ``None`` (a check chain then gets the string "None", so problems that
        check the machine's state still pass when the agent did the work and ran out of rounds)."""
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
        self.sandbox.close()
