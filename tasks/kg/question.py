"""A KG question in AgentBench's format (``data/knowledgegraph/std.json``: a JSON list)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from harness.errors import HarnessError


class Answer(BaseModel):
    model_config = ConfigDict(extra="allow")

    answer_argument: str
    """An entity id (``m.…``) or a value (a number, a date); what the prediction is compared with."""
    answer_type: str | None = None
    entity_name: str | None = None


class KGQuestion(BaseModel):
    """One question: the text, its entities (name -> Freebase id), the gold program and tool calls."""

    model_config = ConfigDict(extra="allow")

    question: str
    qid: str | None = None
    source: str | None = None
    entities: dict[str, str]
    """Entity name (what the model sees and may write) -> id (what the tools use). Ordered as in
    the file: the prompt lists the names in this order."""
    s_expression: str | None = None
    actions: list[str] = []
    """The gold tool calls, e.g. ``get_neighbors(m.0abc,people.person.profession)``; the oracle
    replays them and answers with the last variable."""
    answer: list[Answer]

    @property
    def gold(self) -> set[str]:
        return {a.answer_argument for a in self.answer}


def load_questions(path: Path) -> list[KGQuestion]:
    """Every question of a file, in order; a malformed file is bad input (one line, exit 2)."""
    try:
        items: Any = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise HarnessError(f"kg: cannot read questions from {path}: {exc}") from None
    if not isinstance(items, list):
        raise HarnessError(f"kg: {path} must hold a JSON list of questions, not {type(items).__name__}")
    questions = []
    for index, item in enumerate(items):
        try:
            questions.append(KGQuestion.model_validate(item))
        except ValidationError as exc:
            problem = exc.errors()[0]
            where = ".".join(str(p) for p in problem["loc"]) or "item"
            raise HarnessError(f"kg: malformed question {index} in {path}: {where}: {problem['msg']}") from None
    return questions
