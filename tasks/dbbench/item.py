"""One DBBench item as stored in ``data/dbbench/*.jsonl`` (only the fields the protocol uses)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict


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
