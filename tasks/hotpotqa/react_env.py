"""One HotpotQA episode: BOLAA's ``ReactAgent`` loop (eval_heldout/hotpotQA/src/agent_arch.py)
driven turn by turn by the harness loop.

The original is a plain-text completion protocol. Each step makes two model calls on the whole
prompt (instruction + few-shot + question + scratchpad): after ``\\nThought n:`` and after
``\\nAction n:``; each output is cut at the first newline (stop sequence), stripped and
newline-free (``format_step``), then appended after a space. The environment appends
``\\nObservation n: ...``. Before each step the agent halts when ``step_n > max_steps`` (10) or
the prompt exceeds ``max_context_len`` cl100k tokens (1700, the script's default).

Harness mapping: every model call is one loop turn, sent verbatim through ``Env.raw_prompt``;
the user messages of the recorded history hold only what the harness appended (``\\nAction n:``,
``\\nObservation n: ...\\nThought n+1:``) so the trajectory stays small and readable.
"""

from __future__ import annotations

import re
from typing import Protocol

from harness.model import Message
from harness.task import Env, SampleScore, Status, StepResult
from tasks.hotpotqa.prompts import (
    ANSWER_CORRECT,
    ANSWER_INCORRECT,
    INVALID_ACTION,
    LOOKUP_WITHOUT_PAGE,
    react_prompt,
)
from tasks.hotpotqa.tokens import count_tokens
from tasks.services.mediawiki import WikiError
from tasks.services.wikicorpus import LookupWithoutPage, exact_match, f1_precision_recall

SEARCH_FAILED = "Could not find that page, please try again."
"""What BOLAA's agent prints when the docstore raises during a Search (any exception upstream;
here an API error answer: transport failures end the sample as errored instead)."""

_ACTION = re.compile(r"^(\w+)\[(.+)\]$")
_ACTION_PREFIX = re.compile(r"^(\w+)\[(.+)\]")


def first_line(text: str) -> str:
    """What a ``stop=["\\n"]`` request returns: the text before the first newline."""
    return text.split("\n", 1)[0]


def format_step(text: str) -> str:
    """BOLAA's ``format_step``: strip newlines and blanks, drop inner newlines."""
    return text.strip("\n").strip().replace("\n", "")


def parse_action(text: str) -> tuple[str, str]:
    """``Type[argument]`` -> (type, argument); otherwise the fuzzy form (leading ``Type[arg]``
    after stripping spaces and dots), else (text, "") which the step treats as invalid."""
    match = _ACTION.match(text)
    if match:
        return match.group(1), match.group(2)
    text = text.strip(" ").strip(".")
    match = _ACTION_PREFIX.match(text)
    if match:
        return match.group(1), match.group(2)
    return text, ""


class WikiExplorer(Protocol):
    """What the agent searches: the closed corpus's ``Explorer`` or the live API's ``ApiExplorer``."""

    def search(self, term: str) -> str: ...

    def lookup(self, term: str) -> str: ...


class ReactEnv(Env):
    """The ReAct loop over a Wikipedia explorer; scored by token F1 of the ``Finish`` answer."""

    def __init__(self, question: str, key: str, explorer: WikiExplorer, *, max_steps: int, max_context_len: int,
                 group: dict[str, str]):
        self.question = question
        self.key = key
        self.explorer = explorer
        self.max_steps = max_steps
        self.max_context_len = max_context_len
        self.group = group
        self.scratchpad = ""
        self.step_n = 1
        self.phase = "thought"
        self.answer = ""
        self.finished = False
        self.n_invalid = 0
        self.halt_reason: str | None = None

    # -- prompt -------------------------------------------------------------------------------
    def _prompt(self) -> str:
        return react_prompt(self.question, self.scratchpad)

    def _halted(self) -> str | None:
        """BOLAA's ``is_halted`` (checked before each step): the reason, or None."""
        if self.step_n > self.max_steps:
            return "max_steps"
        if count_tokens(self._prompt()) > self.max_context_len:
            return "max_context_len"
        return None

    def reset(self) -> list[Message]:
        base = self._prompt()
        self.halt_reason = self._halted()
        if self.halt_reason is not None:  # cannot happen with the default limits; kept for options
            raise ValueError(f"the initial prompt already exceeds max_context_len={self.max_context_len}")
        self.scratchpad += f"\nThought {self.step_n}:"
        self.raw_prompt = self._prompt()
        return [Message(role="user", content=base + f"\nThought {self.step_n}:")]

    # -- steps --------------------------------------------------------------------------------
    def step(self, action: str) -> StepResult:
        text = format_step(first_line(action))
        self.scratchpad += " " + text
        if self.phase == "thought":
            self.phase = "action"
            added = f"\nAction {self.step_n}:"
            self.scratchpad += added
            self.raw_prompt = self._prompt()
            return StepResult(observation=added)
        self.phase = "thought"
        return self._act(text)

    def _act(self, text: str) -> StepResult:
        kind, argument = parse_action(text)
        invalid = False
        if kind == "Finish":
            self.answer = argument
            self.finished = True
            verdict = ANSWER_CORRECT if exact_match(self.answer, self.key) else ANSWER_INCORRECT
            self.scratchpad += f"\nObservation {self.step_n}: {verdict}"
            self.step_n += 1
            return StepResult(done=True, status=Status.COMPLETED, info={"answer": self.answer})
        if kind == "Search":
            try:
                result = format_step(self.explorer.search(argument))
            except WikiError:
                result = SEARCH_FAILED
        elif kind == "Lookup":
            try:
                result = format_step(self.explorer.lookup(argument))
            except LookupWithoutPage:
                result = LOOKUP_WITHOUT_PAGE
        else:
            result, invalid = INVALID_ACTION, True
            self.n_invalid += 1
        added = f"\nObservation {self.step_n}: {result}"
        self.scratchpad += added
        self.step_n += 1
        self.halt_reason = self._halted()
        if self.halt_reason is not None:
            status = Status.TASK_LIMIT_REACHED if self.halt_reason == "max_steps" else Status.CONTEXT_LIMIT
            return StepResult(observation=added, done=True, status=status, invalid=invalid,
                              info={"halted": self.halt_reason})
        next_thought = f"\nThought {self.step_n}:"
        self.scratchpad += next_thought
        self.raw_prompt = self._prompt()
        return StepResult(observation=added + next_thought, invalid=invalid)

    # -- scoring ------------------------------------------------------------------------------
    def evaluate(self, status: Status) -> SampleScore:
        f1, precision, recall = f1_precision_recall(self.answer, self.key)
        em = exact_match(self.answer, self.key)
        return SampleScore(
            score=f1,
            metrics={
                **self.group,
                "f1": f1,
                "em": float(em),
                "precision": precision,
                "recall": recall,
                "answer": self.answer,
                "finished": self.finished,
                "halted": self.halt_reason,
                "steps": self.step_n - 1,
                "invalid_actions": self.n_invalid,
            },
        )
