"""S-expressions (GrailQA's logical forms) and their translation to SPARQL, as AgentBench generates it.

A variable of the KG task holds an s-expression such as
``(JOIN (R spaceflight.rocket_engine.designed_by) m.0abc)``. AgentBench.old turns it into SPARQL
with ``postprocess_raw_code`` (``rel_inv`` -> ``(R rel)``) and ``lisp_to_sparql``
(``src/tasks/knowledgegraph/utils/logic_form_util.py``). This module produces the same query text
(our code, same output): the *Virtuoso* dialect of the original (``OR`` in filters,
``SELECT COUNT DISTINCT ?x``, ``xsd:datetime``, prefixed names with dots, an undeclared ``xsd:``
prefix). :mod:`tasks.kg.dialect` turns it into standard SPARQL for other stores.

The one difference from the original text: the ``FILTER (?x != ns:<entity>)`` lines come in the order
the entities first appear, where the original iterates a Python ``set`` (an order that changes with
the interpreter's hash seed). The filters are a conjunction, so the meaning is the same.
"""

from __future__ import annotations

from typing import Union

Expr = Union[str, list["Expr"]]

NS = "http://rdf.freebase.com/ns/"
PREFIX_LINE = f"PREFIX ns: <{NS}>"
LANG_FILTER = "FILTER (!isLiteral(?x) OR lang(?x) = '' OR langMatches(lang(?x), 'en'))"
_NUMERIC_TYPES = ("integer", "float", "dateTime", "double")
_COMPARISONS = {"le": "<=", "lt": "<", "ge": ">=", "gt": ">"}


class LispError(ValueError):
    """A malformed s-expression or one the translation cannot handle."""


# -- reading and writing ---------------------------------------------------------------------------
def parse(text: str) -> Expr:
    """``"(JOIN r m.1)"`` -> ``["JOIN", "r", "m.1"]`` (whitespace-separated tokens, as the original)."""
    stack: list[list[Expr]] = []
    current: list[Expr] = []
    for token in text.split():
        while token.startswith("("):
            nested: list[Expr] = []
            current.append(nested)
            stack.append(current)
            current = nested
            token = token[1:]
        if not token:
            raise LispError(f"unexpected '(' in {text!r}")
        current.append(token.replace(")", ""))
        while token.endswith(")"):
            if not stack:
                raise LispError(f"unbalanced ')' in {text!r}")
            current = stack.pop()
            token = token[:-1]
    if not current:
        raise LispError(f"empty s-expression {text!r}")
    return current[0]


def unparse(expression: Expr) -> str:
    """The inverse of :func:`parse`."""
    if isinstance(expression, str):
        return expression
    return "(" + " ".join(unparse(e) for e in expression) + ")"


def nest(function: str, elements: list[str]) -> str:
    """``nest("JOIN", [a, b, c])`` -> ``(JOIN a (JOIN b c))`` (the original's ``binary_nesting``)."""
    if len(elements) < 2:
        raise LispError(f"{function} needs two arguments")
    if len(elements) == 2:
        return f"({function} {elements[0]} {elements[1]})"
    return f"({function} {elements[0]} {nest(function, elements[1:])})"


def postprocess(program: str) -> str:
    """A variable's program as the translator wants it: relations ``r_inv`` become ``(R r)``, and
    an ARGMAX/ARGMIN over a relation path gets its path nested in JOINs."""
    expression = parse(program)
    if isinstance(expression, list) and expression[0] in ("ARGMAX", "ARGMIN") and len(expression) > 3:
        path = expression[2:]
        if not all(isinstance(p, str) for p in path):
            raise LispError(f"a superlative path must be relation names: {program!r}")
        program = unparse([expression[0], expression[1], nest("JOIN", path)])  # type: ignore[list-item]
    tokens = program.split(" ")
    for i, token in enumerate(tokens):
        if len(token) > 4 and token.endswith("_inv"):
            tokens[i] = f"(R {token[:-4]})"
        if len(token) > 5 and token.endswith("_inv)"):
            tokens[i] = f"(R {token[:-5]}))"
    return " ".join(tokens)


# -- translation -------------------------------------------------------------------------------------
def _literal(value: str) -> str:
    """``"1990^^http://www.w3.org/2001/XMLSchema#gYear"`` -> a typed SPARQL literal. Non-numeric
    types get the ``-08:00`` zone the AgentBench Virtuoso stores them with."""
    lexical, datatype = value.split("^^", 1)
    if datatype.split("#")[1] not in _NUMERIC_TYPES:
        lexical += "-08:00"
    return f'"{lexical}"^^<{datatype}>'


def _linearize(expression: list[Expr], counter: list[int]) -> list[list[Expr]]:
    """Post-order list of sub-programs; nested ones (except ``(R r)``) replaced by ``#id``."""
    out: list[list[Expr]] = []
    for i, element in enumerate(expression):
        if isinstance(element, list) and element[0] != "R":
            out.extend(_linearize(element, counter))
            expression[i] = f"#{counter[0] - 1}"
    out.append(expression)
    counter[0] += 1
    return out


def _flatten_path(expression: list[Expr]) -> list[Expr]:
    """The relations of a superlative's JOIN path (``(R r)`` kept as a list)."""
    out: list[Expr] = []
    for element in expression:
        if element == "JOIN":
            continue
        if isinstance(element, str):
            out.append(element)
        elif element[0] == "R":
            out.append(element)
        elif element[0] == "JOIN":
            out.extend(_flatten_path(element))
    return out


def _name(value: Expr) -> str:
    """A relation or class as it appears after ``ns:`` (a nested list prints as Python would, as
    the original's f-strings do for malformed superlative paths)."""
    return value if isinstance(value, str) else str(value)


def _is_entity(token: str) -> bool:
    return token[:2] in ("m.", "g.")


class _Unifier:
    """Union-find over the sub-program variables (the original's ``identical_variables_r``)."""

    def __init__(self) -> None:
        self.parent: dict[int, int] = {}

    def root(self, var: int) -> int:
        seen = set()
        while var in self.parent and var not in seen:
            seen.add(var)
            var = self.parent[var]
        return var

    def link(self, child: int, parent: int) -> None:
        if child != parent:
            self.parent[child] = parent


def to_sparql(program: str) -> str:
    """The SPARQL (Virtuoso dialect) AgentBench sends for an (already post-processed) s-expression."""
    expression = parse(program)
    if isinstance(expression, str):
        raise LispError(f"not a function application: {program!r}")
    superlative = False
    if expression[0] in ("ARGMAX", "ARGMIN"):
        superlative = True
        if len(expression) > 2 and isinstance(expression[2], list):
            expression = expression[:2] + _flatten_path(expression[2])
    sub_programs = _linearize(expression, [0])
    question_var = len(sub_programs) - 1
    clauses: list[str] = []
    order: list[str] = []
    entities: list[str] = []
    unify = _Unifier()
    count = False

    def add_entity(entity: str) -> None:
        if entity not in entities:
            entities.append(entity)

    for index, sub in enumerate(sub_programs):
        i = str(index)
        head = sub[0]
        try:
            if head == "JOIN":
                relation, target = sub[1], sub[2]
                assert isinstance(target, str)
                if isinstance(relation, list):  # (R relation): the variable is the object
                    if _is_entity(target):
                        clauses.append(f"ns:{target} ns:{_name(relation[1])} ?x{i} .")
                        add_entity(target)
                    elif target.startswith("#"):
                        clauses.append(f"?x{target[1:]} ns:{_name(relation[1])} ?x{i} .")
                    else:
                        literal = _literal(target) if "^^" in target else target
                        clauses.append(f"{literal} ns:{_name(relation[1])} ?x{i} .")
                elif _is_entity(target):
                    clauses.append(f"?x{i} ns:{relation} ns:{target} .")
                    add_entity(target)
                elif target.startswith("#"):
                    clauses.append(f"?x{i} ns:{relation} ?x{target[1:]} .")
                elif "^^" in target:
                    clauses.append(f"?x{i} ns:{relation} {_literal(target)} .")
                else:  # a plain string constraint (WebQSP's CONS)
                    clauses.append(f"?x ns:{relation} ?obj .")
                    clauses.append(f'FILTER (str(?obj) = "{target}") .')
            elif head == "AND":
                first, second = sub[1], sub[2]
                assert isinstance(first, str) and isinstance(second, str)
                root_i, root_1 = unify.root(index), unify.root(int(second[1:]))
                if root_i > root_1:
                    unify.link(root_i, root_1)
                else:
                    unify.link(root_1, root_i)
                    root_1 = root_i
                if first.startswith("#"):
                    root_2 = unify.root(int(first[1:]))
                    if root_1 > root_2:
                        unify.link(root_1, root_2)
                    else:
                        unify.link(root_2, root_1)
                else:  # a class
                    clauses.append(f"?x{i} ns:type.object.type ns:{first} .")
            elif head in _COMPARISONS:
                relation, value = sub[1], sub[2]
                assert isinstance(value, str)
                clauses.append(f"?x{i} ns:{_name(relation)} ?y{i} .")
                if "^^" in value:
                    value = _literal(value)
                clauses.append(f"FILTER (?y{i} {_COMPARISONS[head]} {value})")
            elif head == "TC":
                clauses.extend(_time_constraint(unify, index, sub))
            elif head in ("ARGMAX", "ARGMIN"):
                superlative = True  # also when nested: the closing braces follow it (as in the original)
                target = sub[1]
                assert isinstance(target, str)
                if target.startswith("#"):
                    root_i, root_v = unify.root(index), unify.root(int(target[1:]))
                    if root_i > root_v:
                        unify.link(root_i, root_v)
                    else:
                        unify.link(root_v, root_i)
                else:
                    clauses.append(f"?x{i} ns:type.object.type ns:{target} .")
                path = sub[2:]
                if len(path) == 1:
                    clauses.append(f"?x{i} ns:{_name(path[0])} ?sk0 .")
                elif len(path) > 1:
                    for j, relation in enumerate(path[:-1]):
                        subject = f"x{i}" if j == 0 else f"c{j - 1}"
                        if isinstance(relation, list) and relation[0] == "R":
                            clauses.append(f"?c{j} ns:{_name(relation[1])} ?{subject} .")
                        else:
                            clauses.append(f"?{subject} ns:{_name(relation)} ?c{j} .")
                    clauses.append(f"?c{len(path) - 2} ns:{_name(path[-1])} ?sk0 .")
                order.append("ORDER BY ?sk0" if head == "ARGMIN" else "ORDER BY DESC(?sk0)")
                order.append("LIMIT 1")
            elif head == "COUNT":
                target = sub[1]
                assert isinstance(target, str)
                unify.link(index, unify.root(int(target[1:])))
                count = True
            # any other head (the undocumented union tool's OR) adds nothing, as in the original
        except (AssertionError, IndexError, ValueError, TypeError) as exc:
            raise LispError(f"cannot translate {unparse(sub)!r} in {program!r}") from exc

    for k in range(len(clauses)):
        for var in unify.parent:
            clauses[k] = clauses[k].replace(f"?x{var} ", f"?x{unify.root(var)} ")
    question = unify.root(question_var)
    clauses = [c.replace(f"?x{question} ", "?x ") for c in clauses]

    body = list(clauses)
    lines = [PREFIX_LINE]
    if count:
        lines += ["SELECT COUNT DISTINCT ?x", "WHERE {"]
    elif superlative:
        lines += ["SELECT DISTINCT ?x", "WHERE {", *body, "{SELECT ?sk0", "WHERE {"]
    else:
        lines += ["SELECT DISTINCT ?x", "WHERE {"]
    lines.append(LANG_FILTER)
    lines += clauses
    lines += [f"FILTER (?x != ns:{e})" for e in entities]
    lines.append("}")
    lines += order
    if superlative:
        lines += ["}", "}"]
    return "\n".join(lines)


def _time_constraint(unify: _Unifier, index: int, sub: list[Expr]) -> list[str]:
    """``(TC #v relation year)``: the fact held during ``year`` (never produced by the tools)."""
    target, relation, year = sub[1], sub[2], sub[3]
    assert isinstance(target, str) and isinstance(relation, str) and isinstance(year, str)
    root_i, root_v = unify.root(index), unify.root(int(target[1:]))
    if root_i > root_v:
        unify.link(root_i, root_v)
    else:
        unify.link(root_v, root_i)
    if year == "NOW":
        start = end = '"2015-08-10"^^xsd:dateTime'
    else:
        start, end = f'"{year}-12-31"^^xsd:dateTime', f'"{year}-01-01"^^xsd:dateTime'
    closing = relation[:-4] + "to" if relation.endswith("from") else relation[:-9] + "to_date"
    i = str(index)
    return [
        f"FILTER(NOT EXISTS {{?x{i} ns:{relation} ?sk0}} || ",
        f"EXISTS {{?x{i} ns:{relation} ?sk1 . ",
        f"FILTER(xsd:datetime(?sk1) <= {start}) }})",
        f"FILTER(NOT EXISTS {{?x{i} ns:{closing} ?sk2}} || ",
        f"EXISTS {{?x{i} ns:{closing} ?sk3 . ",
        f"FILTER(xsd:datetime(?sk3) >= {end}) }})",
    ]


def neighbors_query(program_sparql: str) -> str:
    """The query for the outgoing relations of a variable's members (``get_relations`` and
    ``get_attributes`` on a variable): the variable's query wrapped as a sub-select."""
    lines = program_sparql.split("\n")
    wrapped = [lines[0], "SELECT DISTINCT ?rel\nWHERE {\n?x ?rel ?obj .\n{", *lines[1:], "}\n}"]
    return "\n".join(wrapped)


def entity_relations_query(entity: str) -> str:
    """The original's ``get_out_relations`` query for one entity (Virtuoso dialect: ``regex`` over
    an IRI), whitespace included."""
    return (
        "\n            PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>\n"
        "            PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
        "            PREFIX : <http://rdf.freebase.com/ns/> \n"
        "            SELECT (?x0 AS ?value) WHERE {\n"
        "            SELECT DISTINCT ?x0  WHERE {\n"
        "            "
        f":{entity} ?x0 ?x1 . "
        '\n        FILTER regex(?x0, "http://rdf.freebase.com/ns/")\n'
        "        }\n"
        "        }\n"
        "        "
    )
