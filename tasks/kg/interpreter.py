"""One model turn of the KG task, read exactly as AgentBench.old's ``predict_single`` reads it.

- The output is cut at the first ``Observation:`` and ``\\_`` becomes ``_``; the cut text is what
  the conversation keeps.
- ``Final Answer: #id`` (or ``Find Answer: #id``) anywhere ends the question with that variable,
  unless the id is unknown ("Invalid variable id! ...", and the question goes on).
- Otherwise the first line that matches ``Action.*?:`` is the action line: the first name on it
  followed by ``(`` that runs as a tool is executed (arguments: the text up to the first ``)``,
  split on commas; ``#n`` / ``variable #n`` is a variable, an entity name of the question is its
  id). A line with no runnable call shows the last failure's message; no action line at all shows
  "No executable function found! ...".
- The failure message names the call with the arguments of the *last call that got as far as
  splitting its arguments*, in this turn or any earlier turn of the question (the original reuses
  a stale local variable); before any such call it is the "syntax error" message.

Only the tools (the seven of the instruction and the undocumented ``union``) are callable. The
original looked names up in its module namespace, where a few helper functions could be called
with absurd effects (``final_execute(#0)`` on a variable with exactly two answers showed the
second one); such calls fail here with the usual message. A name of that namespace still gets
as far as splitting its arguments before it fails, so the failure message names the same
arguments as the original's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from tasks.kg.tools import Argument, Toolbox, ToolError, Variable

FINAL_ANSWER = re.compile(r"(?:Find|Final) Answer: #(\d+)")
ACTION_LINE = re.compile(r"Action.*?:")
CALL_NAME = re.compile(r"(\w+)\(")
ARG_SPLIT = re.compile(r"\s*,\s*")

ORIGINAL_NAMESPACE = frozenset({
    "DEMOS", "DataPiece", "Dataset", "INSTRUCTIONS", "KnowledgeGraph", "ONE_SHOT", "Path", "SparqlExecuter", "Task",
    "Union", "Variable", "attributes", "f", "final_execute", "json", "lisp_to_sparql", "path", "postprocess_raw_code",
    "range_info", "re", "relations", "sys", "variable_attributes_cache", "variable_relations_cache", "vocab",
    "__builtins__", "__cached__", "__doc__", "__file__", "__loader__", "__name__", "__package__", "__spec__",
})  # fmt: skip
"""Non-tool names the original's ``getattr(sys.modules[__name__], name)`` finds (AgentBench.old's
``task.py`` globals, its ``from .api import *`` included)."""

NO_FUNCTION = "Function is not executed!"
NO_ACTION = "No executable function found! Need to recheck the action."
INVALID_ID = "Invalid variable id! Need to recheck the action."


def clean_output(text: str) -> str:
    """The part of a model output the original keeps (and replaces in the history)."""
    return text.split("Observation:")[0].replace("\\_", "_")


@dataclass
class Turn:
    """What one output did."""

    text: str
    """The cleaned output (what the conversation keeps)."""
    observation: str | None = None
    final: Variable | None = None
    """The variable named by a valid final answer (the episode ends)."""
    action: str | None = None
    """The executed call, as the original logs it (``name(arg, arg)``)."""
    invalid: bool = False


@dataclass
class Interpreter:
    """The state of one question: variables, the question's entity names, the stale arguments."""

    toolbox: Toolbox
    entities: dict[str, str]
    variables: list[Variable] = field(default_factory=list)
    actions: list[str] = field(default_factory=list)
    last_arguments: list[str] | None = None

    def turn(self, output: str) -> Turn:
        text = clean_output(output)
        final = FINAL_ANSWER.findall(text)
        if final:
            index = int(final[0])
            if index >= len(self.variables):
                return Turn(text, observation=INVALID_ID, invalid=True)
            return Turn(text, final=self.variables[index])
        for line in text.split("\n"):
            if ACTION_LINE.match(line):
                return self._action(text, line)
        return Turn(text, observation=NO_ACTION, invalid=True)

    def _action(self, text: str, line: str) -> Turn:
        message = NO_FUNCTION
        for name in CALL_NAME.findall(line):
            try:
                if name not in Toolbox.ARITY and name not in ORIGINAL_NAMESPACE:
                    raise ToolError(f"{name} is not defined")
                raw = re.findall(rf"{name}\((.+?)\)", line)[0]
                arguments = ARG_SPLIT.split(raw)
                self.last_arguments = list(arguments)
                if name not in Toolbox.ARITY:
                    raise ToolError(f"{name} is not a tool")
                variable, observation = self.toolbox.call(name, [self._resolve(a) for a in arguments])
            except (ToolError, IndexError, ValueError) as exc:
                message = self._failure(name, exc)
                continue
            call = f"{name}({', '.join(arguments)})"
            self.actions.append(call)
            if "##" in observation:
                observation = observation.replace("##", f"#{len(self.variables)}")
                assert variable is not None
                self.variables.append(variable)
            return Turn(text, observation=observation, action=call)
        return Turn(text, observation=message, invalid=True)

    def _resolve(self, argument: str) -> Argument:
        """``#n`` -> variable n (IndexError/ValueError when there is none), an entity name -> its
        id; anything else stays as written (with its "variable " prefix, as in the original)."""
        stripped = argument.replace("variable ", "").replace("Variable ", "")
        if stripped.startswith("#"):
            return self.variables[int(stripped[1:])]
        return self.entities.get(stripped, argument)

    def _failure(self, name: str, exc: Exception) -> str:
        if self.last_arguments is None:
            return f"I may make a syntax error when calling {name} (e.g., unmatched parenthesis). I need to fix it and reuse the tool"
        shown = ", ".join(self.last_arguments)
        if name != "intersection":
            return f"{name}({shown}) cannot be executed. You may make a mistake and need to fix it."
        return f"{name}({shown}) cannot be executed. The two variables are not of the same type. You may further explore them by call get_relations"
