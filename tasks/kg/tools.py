"""The KG tools (AgentBench.old ``src/tasks/knowledgegraph/api.py``) over a SPARQL backend.

A :class:`Variable` holds an s-expression (its *program*) and a type; the tools only build programs,
except ``get_relations`` and ``get_attributes``, which query the store, and the final answer,
which executes a program. A tool that cannot run raises :class:`ToolError`; the interpreter turns
that into the original's "... cannot be executed" observation.

Differences from the original, on purpose:
- relation and attribute lists are sorted (the original prints a Python ``set`` in its
  hash-seed-dependent order);
- the caches that let ``get_neighbors`` / ``argmax`` / ``argmin`` use what ``get_relations`` /
  ``get_attributes`` returned live per question. The original keeps them in module globals, so a
  question could use a relation looked up by an *earlier* question without calling
  ``get_relations`` itself: run-order dependent, and not what the instruction says.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from tasks.kg.lisp import LispError, entity_relations_query, neighbors_query, postprocess, to_sparql
from tasks.kg.ontology import Ontology
from tasks.kg.sparql import SparqlBackend, SparqlError

ENTITY_ID = re.compile(r"^(m|f)\.[\w_]+$")
"""What ``get_relations`` / ``get_neighbors`` accept besides a variable (the original's check)."""


class ToolError(Exception):
    """The tool cannot be executed with these arguments (shown as an observation)."""


@dataclass(frozen=True, eq=False)
class Variable:
    """A set of entities (or a number) described by its program; equal when programs are equal."""

    type: str
    program: str

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Variable) and other.program == self.program

    def __hash__(self) -> int:
        return hash(self.program)


Argument = Variable | str
Result = tuple[Variable | None, str]
"""A new variable (or None) and the observation; ``##`` in it stands for the new variable's id."""


def _key(value: Argument) -> tuple[str, str]:
    return ("variable", value.program) if isinstance(value, Variable) else ("entity", value)


def _program_of(value: Argument, tool: str) -> str:
    if isinstance(value, Variable):
        return value.program
    if not ENTITY_ID.match(value):
        raise ToolError(f"{tool}: variable must be a variable or an entity")
    return value


def _require_variable(value: Argument, tool: str) -> Variable:
    if not isinstance(value, Variable):
        raise ToolError(f"{tool}: argument must be a variable")
    return value


@dataclass
class Toolbox:
    """The tools of one question, with its relation and attribute caches."""

    backend: SparqlBackend
    ontology: Ontology
    relations_cache: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    attributes_cache: dict[tuple[str, str], list[str]] = field(default_factory=dict)

    ARITY = {"get_relations": 1, "get_neighbors": 2, "intersection": 2, "union": 2, "get_attributes": 1,
             "argmax": 2, "argmin": 2, "count": 1}  # fmt: skip

    def call(self, name: str, arguments: list[Argument]) -> Result:
        """Run tool ``name`` (the original passes the arguments positionally: a wrong count fails)."""
        if name not in self.ARITY:
            raise ToolError(f"{name} is not a tool")
        if len(arguments) != self.ARITY[name]:
            raise ToolError(f"{name} takes {self.ARITY[name]} arguments, got {len(arguments)}")
        return getattr(self, name)(*arguments)

    # -- queries ---------------------------------------------------------------------------------
    def _outgoing(self, program: str) -> list[str]:
        """Every relation leaving some member of the variable (a sub-select of its query)."""
        try:
            query = neighbors_query(to_sparql(postprocess(program)))
        except LispError as exc:
            raise ToolError(str(exc)) from None
        return self._select(query)

    def _select(self, query: str) -> list[str]:
        try:
            return self.backend.select(query)
        except SparqlError as exc:
            raise ToolError(f"query failed: {exc}") from None

    def execute(self, variable: Variable) -> list[str]:
        """The final answer: the variable's program run as a query (entity ids or values).
        Raises :class:`ToolError` when it cannot run (the original crashed on such questions)."""
        try:
            query = to_sparql(postprocess(variable.program))
        except LispError as exc:
            raise ToolError(str(exc)) from None
        return self._select(query)

    # -- the tools ---------------------------------------------------------------------------------
    def get_relations(self, variable: Argument) -> Result:
        if isinstance(variable, Variable):
            found = self._outgoing(variable.program)
        else:
            _program_of(variable, "get_relations")
            found = self._select(entity_relations_query(variable))
        relations = sorted(set(found) & self.ontology.relations)
        self.relations_cache[_key(variable)] = relations
        return None, f"Observation: [{', '.join(relations)}]"

    def get_neighbors(self, variable: Argument, relation: Argument) -> Result:
        program = _program_of(variable, "get_neighbors")
        known = self.relations_cache.get(_key(variable))
        if known is None or relation not in known:
            raise ToolError("get_neighbors: relation must be a relation of the variable")
        assert isinstance(relation, str)
        kind = self.ontology.range_of.get(relation)
        if kind is None:
            raise ToolError(f"get_neighbors: {relation} has no range in the ontology")
        return Variable(kind, f"(JOIN {relation}_inv {program})"), f"Observation: variable ##, which are instances of {kind}"

    def intersection(self, first: Argument, second: Argument) -> Result:
        return self._combine("intersection", "AND", first, second)

    def union(self, first: Argument, second: Argument) -> Result:
        """Undocumented in the instruction but callable in the original; its ``OR`` program has no
        SPARQL translation, so a final answer on it yields nothing."""
        return self._combine("union", "OR", first, second)

    def _combine(self, tool: str, operator: str, first: Argument, second: Argument) -> Result:
        a, b = _require_variable(first, tool), _require_variable(second, tool)
        if a.type != b.type:
            raise ToolError(f"{tool}: two variables must have the same type")
        return Variable(a.type, f"({operator} {a.program} {b.program})"), f"Observation: variable ##, which are instances of {a.type}"

    def count(self, variable: Argument) -> Result:
        v = _require_variable(variable, "count")
        return Variable("type.int", f"(COUNT {v.program})"), "Observation: variable ##, which is a number"

    def get_attributes(self, variable: Argument) -> Result:
        v = _require_variable(variable, "get_attributes")
        attributes = sorted(set(self._outgoing(v.program)) & self.ontology.attributes)
        self.attributes_cache[_key(v)] = attributes
        return None, f"Observation: [{', '.join(attributes)}]"

    def argmax(self, variable: Argument, attribute: Argument) -> Result:
        return self._superlative("ARGMAX", variable, attribute)

    def argmin(self, variable: Argument, attribute: Argument) -> Result:
        return self._superlative("ARGMIN", variable, attribute)

    def _superlative(self, operator: str, variable: Argument, attribute: Argument) -> Result:
        known = self.attributes_cache.get(_key(variable))
        if known is None or attribute not in known:
            raise ToolError(f"{operator.lower()}: attribute must be an attribute of the variable")
        v = _require_variable(variable, operator.lower())
        return Variable(v.type, f"({operator} {v.program} {attribute})"), f"Observation: variable ##, which are instances of {v.type}"
