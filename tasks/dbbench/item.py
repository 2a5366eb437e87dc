"""One DBBench item as stored in ``data/dbbench/*.jsonl`` (only the fields the protocol uses)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from harness.errors import HarnessError


class Column(BaseModel):
    model_config = ConfigDict(extra="ignore")

    name: str
    type: str = "TEXT"
    """Declared type; ignored, as in AgentBench: every column is created as TEXT."""


class TableInfo(BaseModel):
    model_config = ConfigDict(extra="ignore")

    columns: list[Column]
    rows: list[list[Any]]


class Table(BaseModel):
    model_config = ConfigDict(extra="ignore")

    table_name: str
    table_info: TableInfo


class DBItem(BaseModel):
    """A question (SELECT-type: truth in ``label``) or a modification (INSERT/UPDATE: gold SQL in
    ``label``, truth in ``answer_md5``)."""

    model_config = ConfigDict(extra="ignore")

    description: str
    add_description: str
    type: list[str]
    table: Table
    label: list[Any] = []
    answer_md5: str | None = None
    sql: dict[str, Any] | None = None
    """SELECT-type items' ``sql.query`` is often not valid SQL: never used as truth."""

    @property
    def item_type(self) -> str:
        return self.type[0]

    @property
    def modifies(self) -> bool:
        return self.item_type in ("INSERT", "DELETE", "UPDATE")

    @property
    def truth(self) -> Any:
        """What the answer is compared with: ``answer_md5`` or ``label``."""
        return self.answer_md5 if self.modifies else self.label


def read_items(path: Path) -> list[dict[str, Any]]:
    """The items of a DBBench JSONL file, each validated: a malformed line is bad input naming the
    file and the line (exit 2)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise HarnessError(f"cannot read {path}: {exc.strerror}") from None
    rows = []
    for lineno, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise HarnessError(f"{path}:{lineno}: malformed JSON ({exc.msg})") from None
        try:
            item = DBItem.model_validate(row)
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(x) for x in first.get("loc", ())) or "item"
            raise HarnessError(f"{path}:{lineno}: malformed item ({where}: {first.get('msg')})") from None
        if item.modifies and not item.answer_md5:
            raise HarnessError(f"{path}:{lineno}: an {item.item_type} item needs 'answer_md5'")
        if not item.table.table_info.columns:
            raise HarnessError(f"{path}:{lineno}: the table has no columns")
        rows.append(row)
    if not rows:
        raise HarnessError(f"{path}: no items")
    return rows
