"""The built-in oracle's policies.

- Local (authored) tasks: a scripted solution per task (``local_site/solutions.json``). A step
  names elements by role and name, ``click [{link 'Bags'}]``, optionally the n-th match
  ``{link 'View Order' #2}``; the policy resolves them to ids in the observation of the prompt it
  is answering (the live tree the model sees, truncated as the model sees it). Other text is the
  action as a model writes it (public site names in URLs: ``goto [http://reddit.com/f/books]``).
- The official tasks: no solutions exist, so the policy answers from the evaluation itself:
  ``goto`` the reference URL (url_match) and ``stop`` with the reference answer (string_match).
  Tasks graded by ``program_html`` (a state change on the site) cannot be solved that way and are
  accounted as such, as are references no page can match (``reference_url: "NA"``).

Every output is written the way the prompt asks: "In summary, the next action I will perform is
```` ```action``` ````".
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from harness.model import Message
from harness.task import OracleAccount, OraclePolicy, SampleScore, Status
from tasks.webarena.configs import TaskConfig

ANSWER_PHRASE = "In summary, the next action I will perform is"
REF = re.compile(r"\{(\w+) ('(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\")(?: #(\d+))?\}")


def say(action: str) -> str:
    return f"{ANSWER_PHRASE} ```{action}```"


def observation_of(messages: Sequence[Message]) -> str:
    """The OBSERVATION block of the last user message (the current step's prompt)."""
    text = next((m.content for m in reversed(messages) if m.role == "user"), "")
    start = text.find("OBSERVATION:\n")
    end = text.rfind("\nURL: ")
    return text[start + len("OBSERVATION:\n") : end] if start >= 0 and end > start else text


def resolve(template: str, observation: str) -> str:
    """``template`` with every ``{role 'name' #n}`` replaced by the id of that line (KeyError)."""

    def element_id(match: re.Match[str]) -> str:
        role, name, nth = match.group(1), match.group(2), int(match.group(3) or 1)
        line = re.compile(rf"^\s*\[(\d+)\] {re.escape(role)} {re.escape(name)}(?: |$)", re.MULTILINE)
        found = line.findall(observation)
        if len(found) < nth:
            raise KeyError(f"{role} {name} #{nth} is not in the observation")
        return found[nth - 1]

    return REF.sub(element_id, template)


class ScriptedOracle(OraclePolicy):
    """Plays an authored task's solution, resolving element references on each step."""

    def __init__(self, script: list[str]) -> None:
        self.script = list(script)
        self.step = 0
        self.misses: list[str] = []

    def act(self, history: Sequence[Message]) -> str:
        if self.step >= len(self.script):
            self.misses.append("script exhausted")
            return ""
        template = self.script[self.step]
        self.step += 1
        try:
            return say(resolve(template, observation_of(history)))
        except KeyError as exc:
            self.misses.append(f"step {self.step}: {exc.args[0]}")
            return say(f"{template.split()[0]} [unresolved]")

    def account(self, score: SampleScore, status: Status) -> OracleAccount:
        """Every authored task is solvable: a miss is unexplained (the steps that failed in detail)."""
        return OracleAccount(detail={"misses": self.misses} if self.misses else {})


def reference_actions(config: TaskConfig) -> tuple[list[str], str | None]:
    """Gold outputs derived from a config's evaluation, and why it cannot be solved (or None)."""
    evaluation = config.eval
    if "program_html" in evaluation.eval_types:
        return [say("stop [N/A]")], "no_script: program_html checks a state change on the site; no scripted solution"
    outputs: list[str] = []
    reason = None
    if "url_match" in evaluation.eval_types:
        url = (evaluation.reference_url or "").split(" |OR| ")[0]
        if not url.startswith("http"):
            reason = f"data_defect: reference_url {url!r} is not a URL any page can have"
        outputs.append(say(f"goto [{url}]"))
    answer = "Done"
    refs = evaluation.reference_answers
    if "string_match" in evaluation.eval_types and refs is not None:
        if refs.exact_match is not None:
            answer = refs.exact_match
        elif refs.must_include:
            answer = ", ".join(refs.must_include)
        elif refs.fuzzy_match:
            answer = "; ".join(refs.fuzzy_match)
    outputs.append(say(f"stop [{answer}]"))
    return outputs, reason


class ReferenceOracle(OraclePolicy):
    """Answers an official task from its reference (see the module docstring)."""

    def __init__(self, config: TaskConfig) -> None:
        self.outputs, self.reason = reference_actions(config)
        self.step = 0

    def act(self, history: Sequence[Message]) -> str:
        out = self.outputs[self.step] if self.step < len(self.outputs) else ""
        self.step += 1
        return out

    def account(self, score: SampleScore, status: Status) -> OracleAccount:
        if self.reason is None:
            return OracleAccount()
        return OracleAccount(solvable=False, reason=self.reason.split(":")[0], detail={"why": self.reason})
