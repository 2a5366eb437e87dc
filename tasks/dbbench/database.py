"""One sample's database on a MySQL/MariaDB server: built from the item's table as AgentBench
builds it, queried with the original result/error formatting, fingerprinted for INSERT/UPDATE."""

from __future__ import annotations

import contextlib
import logging
import uuid
from typing import Any

import pymysql
from pydantic import BaseModel
from pymysql.constants import CLIENT

from tasks.dbbench.item import Table
from tasks.dbbench.server import ServerTarget

log = logging.getLogger(__name__)

RESULT_LIMIT = 800
"""Results and errors longer than this are cut and marked ``[TRUNCATED]`` (original)."""
MYSQL8_SQL_MODE = (
    "ONLY_FULL_GROUP_BY,STRICT_TRANS_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,"
    "ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION"
)
"""AgentBench ran the ``mysql`` docker image (MySQL 8): its default sql_mode, set on every session."""
STATEMENT_TIMEOUT_S = 60
"""Deviation (safety): the original had no limit; a runaway cross join is cut after this."""


class ServerProfile(BaseModel):
    """What the server is, and the session settings that make it behave like MySQL 8's defaults."""

    version: str
    mariadb: bool
    collation: str
    sql_mode: str = MYSQL8_SQL_MODE
    """Task option ``sql_mode`` overrides it (e.g. ``sql_mode=`` for a lenient, non-strict server)."""

    def init_command(self) -> str:
        """One SET run on every (re)connection."""
        parts = [
            f"NAMES utf8mb4 COLLATE {self.collation}",
            f"SESSION sql_mode='{self.sql_mode}'",
            # MySQL's default (MariaDB's is 1M); matters for the md5 fingerprint of >170 rows.
            "SESSION group_concat_max_len=1024",
        ]
        if self.mariadb:
            parts.append(f"SESSION max_statement_time={STATEMENT_TIMEOUT_S}")
        else:
            parts.append(f"SESSION max_execution_time={STATEMENT_TIMEOUT_S * 1000}")
        return "SET " + ", ".join(parts)


_COLLATIONS = (
    "utf8mb4_0900_ai_ci",
    "utf8mb4_uca1400_nopad_ai_ci",
    "utf8mb4_unicode_520_nopad_ci",
    "utf8mb4_unicode_ci",
)


def probe(target: ServerTarget) -> ServerProfile:
    """Pick the collation closest to MySQL 8's ``utf8mb4_0900_ai_ci`` (case/accent-insensitive,
    NO PAD): itself on MySQL, ``utf8mb4_uca1400_nopad_ai_ci`` on MariaDB >= 10.10."""
    conn = pymysql.connect(**target.connect_kwargs(), charset="utf8mb4", connect_timeout=10)
    try:
        with conn.cursor() as cur:
            cur.execute("SELECT VERSION()")
            version = str(cur.fetchone()[0])
            collation = "utf8mb4_general_ci"
            for candidate in _COLLATIONS:
                # MariaDB lists its uca1400 collations only by name, not under ``Charset = 'utf8mb4'``.
                cur.execute("SHOW COLLATION LIKE %s", (candidate,))
                if cur.fetchall():
                    collation = candidate
                    break
    finally:
        conn.close()
    return ServerProfile(version=version, mariadb="mariadb" in version.lower(), collation=collation)


_NO_PRIVILEGE = frozenset({1044, 1045, 1142, 1227})
"""Server errors that say the account lacks a privilege (here: to create users or grant)."""


class SampleDatabase:
    """A database of its own (unique name) holding the item's one table, queried by a user of its
    own that may touch only that database.

    Deviations: the original names the database after the table; a unique name lets samples run
    concurrently on one server (it shows only in "Table 'db.x' doesn't exist" errors). The original
    ran the agent's statements as root of a server that no other sample was using at the time; here
    samples share a server, so the agent's statements run as the sample's own user with every
    privilege on its database and none beyond it: another sample's database, the server's own
    tables and SHUTDOWN are out of reach (errors such as "1044 (42000): Access denied" for what only
    root could do). A server that does not let the given account create users (``db_url`` with a
    restricted account) runs the statements as that account, as before (``isolated`` False).
    """

    def __init__(self, target: ServerTarget, profile: ServerProfile, table: Table):
        self.target = target
        self.profile = profile
        self.table = table
        self.name = f"dbbench_{uuid.uuid4().hex[:16]}"
        self.conn: pymysql.Connection | None = None
        """The agent's connection (the sample's user, or the given account when not ``isolated``)."""
        self.admin: pymysql.Connection | None = None
        """The given account's connection: builds the table, drops the database and the user."""
        self.isolated = False
        self._user: tuple[str, str, str] | None = None
        """(name, host, password) of the sample's user."""
        self.init_error: str | None = None
        """Why the table could not be built (then it stays empty or missing, as in the original)."""

    # -- lifecycle -------------------------------------------------------------------------------
    def create(self) -> None:
        """Create the database and the table (all columns TEXT), insert the rows, then the sample's
        user and the agent's connection."""
        self.admin = self.conn = self._connect()
        with self.conn.cursor() as cur:
            cur.execute(f"CREATE DATABASE `{self.name}` CHARACTER SET utf8mb4 COLLATE {self.profile.collation}")
            self.conn.select_db(self.name)
            for statement in self.build_statements():
                try:
                    cur.execute(statement)
                except pymysql.MySQLError as exc:
                    # The original runs the init SQL through ``execute``, which returns errors as
                    # text: a data defect (e.g. a row with too few cells, std items 17 and 77)
                    # leaves the table empty and the episode goes on.
                    if not (isinstance(exc.args[0], int) and 1000 <= exc.args[0] < 2000):
                        raise
                    self.init_error = self._error_text(exc)
                    log.info("table %r could not be built: %s", self.table.table_name, self.init_error)
                    break
        self._isolate()

    def _isolate(self) -> None:
        """The sample's own user, with every privilege on its database only; its connection
        becomes the agent's. Left as is when the account may not create users."""
        assert self.admin is not None
        try:
            with self.admin.cursor() as cur:
                # the client's host as the server sees it: the most specific account match, so
                # that no anonymous account of an older server is picked instead
                cur.execute("SELECT SUBSTRING_INDEX(USER(), '@', -1)")
                user = (self.name, str(cur.fetchone()[0]), uuid.uuid4().hex)
                cur.execute("CREATE USER %s@%s IDENTIFIED BY %s", user)
                self._user = user
                cur.execute(f"GRANT ALL PRIVILEGES ON `{self.name}`.* TO %s@%s", user[:2])
            conn = self._connect(user)
        except pymysql.MySQLError as exc:
            if not (isinstance(exc.args[0], int) and exc.args[0] in _NO_PRIVILEGE):
                raise
            log.info("%s: no user of the sample's own (%s): agent statements run as the given account",
                     self.target.describe(), exc)
            return
        self.conn = conn
        self.isolated = True

    def _connect(self, user: tuple[str, str, str] | None = None) -> pymysql.Connection:
        kwargs = self.target.connect_kwargs()
        if user is not None:
            kwargs.update(user=user[0], password=user[2], database=self.name)
        return pymysql.connect(
            **kwargs,
            charset="utf8mb4",
            autocommit=True,
            # The original client allowed several statements in one execute (only the first
            # result is shown).
            client_flag=CLIENT.MULTI_STATEMENTS,
            init_command=self.profile.init_command(),
            connect_timeout=10,
            # A last resort against a hung server; statements are cut server-side well before.
            read_timeout=STATEMENT_TIMEOUT_S + 60,
        )

    def _live(self) -> pymysql.Connection:
        """The agent's connection, opened again if it was lost (the original reconnects before each
        statement; a lost connection shows as an error once, then the next statement reconnects)."""
        if self.conn is None or not self.conn.open:
            self.conn = self._connect(self._user if self.isolated else None)
        return self.conn

    def build_statements(self) -> list[str]:
        """CREATE TABLE and INSERT as AgentBench.old's ``build_sql`` writes them: the table name
        raw inside backticks; column names and values passed through the client's
        ``escape_string`` (so a column named ``Men's team`` really is named ``Men\\'s team``);
        non-string cells as ``str(cell)``."""
        name = self.table.table_name
        columns = self.table.table_info.columns
        col_defs = ",".join(f"`{self.escape(c.name)}` TEXT" for c in columns)
        col_names = self.column_list()
        rows = ["(" + ",".join(f"'{self.escape(cell)}'" for cell in row) + ")" for row in self.table.table_info.rows]
        statements = [f"CREATE TABLE IF NOT EXISTS `{name}` ({col_defs})"]
        if rows:
            statements.append(f"INSERT INTO `{name}` ({col_names}) VALUES {','.join(rows)}")
        return statements

    def close(self) -> None:
        """Drop the database and the sample's user, close the connections (errors are logged,
        never raised)."""
        if self.admin is None:
            return
        agent, self.conn = self.conn, None
        if agent is not None and agent is not self.admin:
            with contextlib.suppress(pymysql.MySQLError):
                agent.close()
        try:
            if not self.admin.open:
                self.admin = self._connect()
            with self.admin.cursor() as cur:
                cur.execute(f"DROP DATABASE IF EXISTS `{self.name}`")
                if self._user is not None:
                    cur.execute("DROP USER IF EXISTS %s@%s", self._user[:2])
        except pymysql.MySQLError as exc:
            log.warning("could not drop database %s: %s", self.name, exc)
        finally:
            with contextlib.suppress(pymysql.MySQLError):
                self.admin.close()
            self.admin = None

    # -- queries ---------------------------------------------------------------------------------
    def escape(self, value: Any) -> str:
        """The client's ``escape_string`` of ``str(value)`` (like mysql_real_escape_string)."""
        assert self.conn is not None
        # ``Connection.escape`` quotes a str as '...' (honouring NO_BACKSLASH_ESCAPES): drop the quotes.
        return self.conn.escape(value if isinstance(value, str) else str(value))[1:-1]

    def column_list(self) -> str:
        return ",".join(f"`{self.escape(c.name)}`" for c in self.table.table_info.columns)

    def execute(self, sql: str) -> str:
        """Run one agent statement in the sample's database and return what the agent sees:
        ``str`` of the fetched rows as a list of tuples, or the error as MySQL Connector prints
        it (``1064 (42000): You have an error...``), cut at 800 characters."""
        try:
            conn = self._live()
            conn.select_db(self.name)
            cur = conn.cursor()
            try:
                cur.execute(sql)
                result = str(list(cur.fetchall()))
            finally:
                cur.close()  # reads (and so runs) any further statements of a multi-statement
        except pymysql.MySQLError as exc:
            result = self._error_text(exc)
        except Exception as exc:  # noqa: BLE001 - a client-side failure (e.g. unencodable text) is shown, never raised
            result = str(exc)
        if len(result) > RESULT_LIMIT:
            result = result[:RESULT_LIMIT] + "[TRUNCATED]"
        return result

    def fingerprint(self) -> str:
        """The table's md5 fingerprint with AgentBench's exact query, as the agent would see it
        (e.g. ``[('03b2eddd4fe471e0f29fc9e907fd5a5d',)]``)."""
        table = self.table.table_name
        md5_query = (
            f"select md5(group_concat(rowhash order by rowhash)) as hash "
            f"from( SELECT substring(MD5(CONCAT_WS(',', {self.column_list()})), 1, 5) AS rowhash FROM `{table}`) as sub;"
        )
        return self.execute(md5_query)

    def _error_text(self, exc: pymysql.MySQLError) -> str:
        """``errno (sqlstate): message`` for server errors (sqlstate read back with GET
        DIAGNOSTICS, since PyMySQL drops it), ``errno: message`` otherwise."""
        args = exc.args
        if len(args) != 2 or not isinstance(args[0], int):
            return str(exc)
        errno, message = args
        if not 1000 <= errno < 2000:
            return f"{errno}: {message}"
        sqlstate = "HY000"
        with contextlib.suppress(pymysql.MySQLError):
            assert self.conn is not None
            with self.conn.cursor() as cur:
                cur.execute("GET DIAGNOSTICS CONDITION 1 @dbbench_sqlstate = RETURNED_SQLSTATE")
                cur.execute("SELECT @dbbench_sqlstate")
                row = cur.fetchone()
                if row and row[0]:
                    sqlstate = str(row[0])
        return f"{errno} ({sqlstate}): {message}"
