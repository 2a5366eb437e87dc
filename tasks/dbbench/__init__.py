"""DBBench (AgentBench held-in "Database"): answer questions about, or modify, a MySQL table.

Follows AgentBench.old as run by AgentTuning (``src/tasks/dbbench``, configs/tasks/dbbench/std.yaml):
prompt, 15 statements, output parsing, result formatting and the per-type metrics. Each item runs
on a fresh database of a real MariaDB/MySQL server: a throwaway MariaDB the task starts itself, or
the user's server with ``--task-opt db_url=mysql://user:pass@host:port``.

Options: ``db_url`` (use that server; each item gets its own database and its own user, both
dropped after: see :class:`tasks.dbbench.database.SampleDatabase`),
``sql_mode`` (default MySQL 8's, strict, as the original's ``mysql`` docker image; ``sql_mode=``
makes the server lenient).

Data defects of the std split (the oracle replays the gold and misses exactly these):
- std-225 (UPDATE): ``answer_md5`` matches no single-row change of the table (nor the untouched
  table): the gold statement cannot reach it.
- std-278, std-295 (UPDATE): the gold compares a TEXT column with a number (```No` = 16``); under the
  strict sql_mode of the original server this is error 1292 on rows like '?'; ``answer_md5`` was made
  on a lenient server (``sql_mode=`` reproduces it; quoting the number reaches it in strict mode too).
- std-017, std-077 (SELECT-type): a row with the wrong number of cells (error 1136); std-013, std-014
  (SELECT-type): two columns named ``Score`` (error 1060). The table stays empty or missing, as in
  the original (its init errors were returned as text, not raised); the label still scores.
"""

from __future__ import annotations

import asyncio
import json
import re
from pathlib import Path
from typing import Any, ClassVar

import pymysql

from harness.data import DataSource
from harness.errors import HarnessError
from harness.model import GenParams
from harness.task import (
    Env,
    Metric,
    Oracle,
    Replay,
    RunContext,
    Sample,
    SampleScore,
    Suite,
    Task,
    TaskOption,
    TaskScore,
)
from tasks.agentbench import HELD_IN_RENDERING, agentbench_old, agentbench_source, held_in_generation
from tasks.dbbench.database import MYSQL8_SQL_MODE, STATEMENT_TIMEOUT_S, ServerProfile, probe
from tasks.dbbench.env import MAX_ROUND, DBBenchEnv
from tasks.dbbench.item import DBItem, read_items
from tasks.dbbench.scoring import aggregate_scores
from tasks.dbbench.server import MariaDBServer, ServerTarget, parse_db_url

_STD_PATH = "data/dbbench/standard.jsonl"
_DEV_PATH = "data/dbbench/dev.jsonl"
STD_SOURCE = agentbench_source("agentbench-db", {_STD_PATH: "d1ac4d67ec39fad083c38944972e392ff100257c755361ee63eaef608ddafcb3"})
DEV_SOURCE = agentbench_source("agentbench-db-dev", {_DEV_PATH: "eb941c58a7a5651357b19e46aa05070f6cd5a7d83ce70cefd24aa3581e1e1130"})
"""The dev split (60 items), at the same revision (identical to AgentBench.old's copy)."""

DATA_DEFECTS = {
    "std-225": "answer_md5 matches no single-row change of the table: the gold statement cannot reach it",
    "std-278": "the gold compares a TEXT column with a number: error 1292 under the original's strict sql_mode "
    "(answer_md5 was made on a lenient server)",
    "std-295": "the gold compares a TEXT column with a number: error 1292 under the original's strict sql_mode "
    "(answer_md5 was made on a lenient server)",
}
"""Std items whose gold cannot score under the protocol (see the module docstring)."""


class DBBench(Task):
    """AgentBench DBBench, std split: 100 INSERT, 100 UPDATE, 100 SELECT-type items."""

    name: ClassVar[str] = "db"
    suite: ClassVar[Suite] = Suite.HELD_IN
    version: ClassVar[str] = "1"
    metric: ClassVar[Metric] = Metric(name="overall_cat_accuracy")
    splits: ClassVar[tuple[str, ...]] = ("std", "dev")
    default_split: ClassVar[str] = "std"
    sources: ClassVar[tuple[DataSource, ...]] = (STD_SOURCE, DEV_SOURCE)
    sample_data: ClassVar[Path | None] = Path(__file__).parent / "sample_data"
    protocol = agentbench_old("src/tasks/dbbench")
    rendering = HELD_IN_RENDERING
    generation: ClassVar[GenParams] = held_in_generation()
    options_spec = (
        TaskOption(name="db_url", type="str", comparable=True, secret=True,
                   help="mysql://user:pass@host:port/ of your own server (default: a throwaway MariaDB)"),
        TaskOption(name="sql_mode", type="str", default=MYSQL8_SQL_MODE,
                   help="the session's sql_mode (default MySQL 8's strict one, as the original's server)"),
        TaskOption(name="data", type="path",
                   help="your own items in AgentBench's DBBench format (JSONL): run instead of the split's, "
                        "on the same database server (not comparable)"),
    )
    max_turns: ClassVar[int] = MAX_ROUND + 1
    time_limit_s: ClassVar[float | None] = None  # none in the original; statements are time-limited
    max_concurrency: ClassVar[int | None] = 8

    def __init__(self, data: dict[str, Path] | None = None, options: dict[str, Any] | None = None):
        super().__init__(data, options)
        self.server: MariaDBServer | None = None
        self.target: ServerTarget | None = None
        self.profile: ServerProfile | None = None
        self._items: dict[str, DBItem] = {}

    # -- data ------------------------------------------------------------------------------------
    @classmethod
    def sources_for(cls, split: str) -> tuple[DataSource, ...]:
        return (DEV_SOURCE,) if split == "dev" else (STD_SOURCE,)

    def samples(self, split: str) -> list[Sample]:
        if split not in self.splits:
            raise HarnessError(f"db: unknown split {split!r} (available: {', '.join(self.splits)})")
        user_file = self.option("data")
        if user_file is not None:
            return [Sample(id=f"user-{i:03d}", split=split, data=row) for i, row in enumerate(read_items(user_file))]
        path = self.data[DEV_SOURCE.name] / _DEV_PATH if split == "dev" else self.data[STD_SOURCE.name] / _STD_PATH
        return [Sample(id=f"{split}-{i:03d}", split=split, data=row) for i, row in enumerate(read_items(path))]

    def comparability(self) -> list[str]:
        return ["the user's own items, not the benchmark's"] if self.option("data") is not None else []

    def _item(self, sample: Sample) -> DBItem:
        item = self._items.get(sample.id)
        if item is None:
            item = self._items[sample.id] = DBItem.model_validate(sample.data)
        return item

    # -- shared server -----------------------------------------------------------------------------
    async def start(self, ctx: RunContext) -> None:
        """Use ``db_url`` when given, else start a throwaway MariaDB (off the event loop)."""
        sql_mode = self.option_str("sql_mode")
        if sql_mode is not None and not re.fullmatch(r"[A-Za-z_,]*", sql_mode):
            raise HarnessError(f"db: sql_mode must be a comma-separated list of mode names, got {sql_mode!r}")
        url = self.option_str("db_url")
        if url:
            self.target = parse_db_url(str(url))
        else:
            self.server = MariaDBServer()
            self.target = await asyncio.to_thread(self.server.start)
        try:
            self.profile = await asyncio.to_thread(probe, self.target)
        except pymysql.MySQLError as exc:
            await self.stop()  # the runner calls stop() only after a successful start()
            raise HarnessError(f"db: cannot connect to {self.target.describe()}: {exc}") from None
        if "sql_mode" in self.given_options:
            self.profile = self.profile.model_copy(update={"sql_mode": sql_mode})

    async def stop(self) -> None:
        if self.server is not None:
            await asyncio.to_thread(self.server.stop)
            self.server = None

    def use_server(self, target: ServerTarget, profile: ServerProfile | None = None) -> None:
        """Point the task at a running server without ``start`` (tests, embedding)."""
        self.target = target
        self.profile = profile or probe(target)

    # -- episodes --------------------------------------------------------------------------------
    def make_env(self, sample: Sample, ctx: RunContext) -> Env:
        if self.target is None or self.profile is None:
            raise HarnessError("db: no database server (DBBench.start was not called)")
        return DBBenchEnv(self._item(sample), self.target, self.profile)

    def oracle(self, sample: Sample, env: Env) -> Oracle:
        """INSERT/UPDATE: run the gold statement (``label``), then answer; SELECT-type: answer the
        label as a list the parser reads back exactly."""
        item = self._item(sample)
        if item.modifies:
            actions = [f"Action: Operation\n```sql\n{sql}\n```" for sql in item.label]
            return Replay(actions + ["Action: Answer\nFinal Answer: []"], DATA_DEFECTS.get(sample.id))
        return Replay(["Action: Answer\nFinal Answer: " + json.dumps(item.label, ensure_ascii=False)], DATA_DEFECTS.get(sample.id))

    # -- reporting ---------------------------------------------------------------------------------
    def describe(self) -> dict[str, Any]:
        """Protocol facts (the runner asks before ``start``: server facts appear once started)."""
        facts: dict[str, Any] = {
            "server": "db_url" if self.option("db_url") else "throwaway MariaDB",
            "sql_mode": self.option("sql_mode"),
            "collation": "utf8mb4_0900_ai_ci on MySQL, utf8mb4_uca1400_nopad_ai_ci on MariaDB >= 10.10",
            "statement_timeout_s": STATEMENT_TIMEOUT_S,
            "max_round": MAX_ROUND,
            "result_limit_chars": 800,
            "agent_account": "a user of the sample's own, with every privilege on its database only (deviation: "
                             "samples share the server; the original ran them as root of a server of their own)",
        }
        if self.profile is not None:
            facts.update(server_version=self.profile.version, collation=self.profile.collation)
        return facts

    def aggregate(self, scores: list[tuple[Sample | None, SampleScore]]) -> TaskScore:
        return aggregate_scores([s for _, s in scores])
