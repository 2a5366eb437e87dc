"""The gold policy: replay each problem's known answer or its example solution.

* ``match`` problems: answer the expected string.
* check chains that start with ``null`` (expected = the example script's output): run the example
  exactly as the checker will (a fresh ``bash -c`` in ``/`` with the checker's environment), then
  answer what it printed.
* other check chains (the example *is* a solution: chmod, sudoers, a PATH entry...): run the
  example in the agent's shell, then answer what it printed (used only by checks that read it).
"""

from __future__ import annotations

import base64
import re
from collections.abc import Sequence

from harness.model import Message
from harness.task import OracleAccount, OraclePolicy, SampleScore, Status
from tasks.os_interaction.problems import Problem
from tasks.os_interaction.prompt import EMPTY_OUTPUT, ONE_SHOT_TURNS, OUTPUT_PREFIX
from tasks.services.sandbox.local import SANDBOX_PATH

_FEW_SHOT_ASSISTANT = sum(1 for role, _ in ONE_SHOT_TURNS if role == "assistant")


def bash_action(code: str) -> str:
    return f"Think: I run the reference solution.\n\nAct: bash\n\n```bash\n{code}\n```"


def answer_action(answer: str) -> str:
    return f"Think: Now I get the answer.\n\nAct: answer({answer})"


def as_checker(language: str, code: str) -> str:
    """A shell line that runs ``code`` like the checker's independent process does (no terminal on
    stdin: ``find`` warns about option order only when stdin is a terminal)."""
    b64 = base64.b64encode(code.encode()).decode()
    runner = "python3 -c" if language == "python" else "bash -c"
    return f'cd / && env -i PATH={SANDBOX_PATH} HOME=/root HOSTNAME="$HOSTNAME" {runner} "$(echo {b64} | base64 -d)" </dev/null'


def in_shell(code: str) -> str:
    """One line that runs a (multi-line) script in the agent's shell: typed into AgentBench.old's
    terminal, each line of a script is read after the previous one's prompt and only the first
    line's output would come back."""
    b64 = base64.b64encode(code.encode()).decode()
    return f'eval "$(echo {b64} | base64 -d)" </dev/null'


_CSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07")


def raw_output(text: str) -> str:
    """What a command printed, read back from AgentBench.old's raw observation: readline's line end
    and bracketed-paste switch before it, the prompt after it, escape codes and ``\\r`` dropped."""
    text = text.removeprefix("\r\n").removeprefix("\x1b[?2004l\r")
    end = text.rfind("\x1b[?2004h")
    if end >= 0:
        text = text[:end]
    return _CSI.sub("", text).replace("\r\n", "\n")


DATA_DEFECTS = {
    sid: "the answer counts every file under /, /proc included, whose entries belong to whichever processes run "
    "at that instant (flaky in the original too)"
    for sid in ("std-007-bootstrap-00008", "std-007-bootstrap-00029")
}
DATA_DEFECTS.update({
    sid: "the answer counts processes with `ps ... | wc -l`, whose own `wc` is listed or not depending on whether "
    "it already runs when `ps` reads /proc: the count when answering and when checking can differ by one (flaky in "
    "the original too)"
    for sid in ("std-007-bootstrap-00000", "std-007-bootstrap-00075")
})
DATA_DEFECTS.update({
    sid: "the answer includes the host's memory use in percent (`free`; -00018 also disk use), which changes between "
    "answering and checking (flaky in the original too, more so on a shared machine)"
    for sid in ("std-007-bootstrap-00006", "std-007-bootstrap-00018")
})
DATA_DEFECTS["dev-00008"] = (
    "the checker (size-match.py) reads sizes with int(), but the expected output comes from `du -sh`, which prints "
    "one decimal below 10 units ('8.0K'): the check fails whatever the answer"
)
"""Problems the gold cannot solve (reliably), and why (std and dev ids)."""


class OSOracle(OraclePolicy):
    def __init__(self, problem: Problem, defect: str | None = None, observation: str = "old"):
        self.problem = problem
        self.defect = defect
        self.raw = observation == "old"

    def account(self, score: SampleScore, status: Status) -> OracleAccount:
        if self.defect:
            return OracleAccount(solvable=False, reason="data_defect", detail={"defect": self.defect})
        return OracleAccount()

    def act(self, history: Sequence[Message]) -> str:
        turn = sum(1 for m in history if m.role == "assistant") - _FEW_SHOT_ASSISTANT
        p = self.problem
        if p.match is not None and "answer" in p.match:
            return answer_action(p.match["answer"])
        if p.example is None:
            return "Think: nothing to replay.\n\nAct: finish"
        if turn == 0:
            if p.check and p.check[0] is None:
                return bash_action(as_checker(*p.example))
            return bash_action(in_shell(p.example[1]) if self.raw else p.example[1])
        last = history[-1].content if history else ""
        output = "" if last == EMPTY_OUTPUT else last.removeprefix(OUTPUT_PREFIX)
        return answer_action((raw_output(output) if self.raw else output).strip())
