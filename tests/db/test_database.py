"""Table construction, statement results and the md5 fingerprint on a real MariaDB."""

from __future__ import annotations

import hashlib

import pytest

from tasks.dbbench.database import RESULT_LIMIT, SampleDatabase
from tasks.dbbench.item import Table


def make_table(name: str, heads: list[str], rows: list[list]) -> Table:
    return Table.model_validate(
        {"table_name": name, "table_info": {"columns": [{"name": h, "type": "INT"} for h in heads], "rows": rows}}
    )


def python_fingerprint(rows: list[list[str]]) -> str:
    """AgentBench's md5 fingerprint computed by hand: md5 of the sorted, comma-joined first five hex
    digits of each row's md5(concat_ws(',', cells))."""
    hashes = sorted(hashlib.md5(",".join(r).encode()).hexdigest()[:5] for r in rows)
    return f"[('{hashlib.md5(','.join(hashes).encode()).hexdigest()}',)]"


@pytest.fixture
def open_db(mariadb, profile):
    made: list[SampleDatabase] = []

    def _open(table: Table) -> SampleDatabase:
        db = SampleDatabase(mariadb, profile, table)
        db.create()
        made.append(db)
        return db

    yield _open
    for db in made:
        db.close()


def test_table_is_all_text_with_escaped_names_and_values(open_db):
    rows = [["O'Brien", 'say "hi"', "back\\slash"], [7, 2.5, "line\nbreak"]]
    db = open_db(make_table("Odd Names, Inc.", ["Men's team", "Area\\n(km²)", "Plain"], rows))
    cols = db.execute(
        "SELECT COLUMN_NAME, DATA_TYPE FROM information_schema.COLUMNS "
        f"WHERE TABLE_SCHEMA = '{db.name}' ORDER BY ORDINAL_POSITION"
    )
    # AgentBench.old escapes column names inside backticks, so the backslashes stay in the names.
    assert cols == "[(\"Men\\\\'s team\", 'text'), ('Area\\\\\\\\n(km²)', 'text'), ('Plain', 'text')]"
    got = db.execute("SELECT * FROM `Odd Names, Inc.`")
    assert got == str([("O'Brien", 'say "hi"', "back\\slash"), ("7", "2.5", "line\nbreak")])
    assert db.init_error is None


def test_fingerprint_matches_the_formula(open_db):
    rows = [["2011", "Asuko March!", "Tetsuro Kishi"], ["2012", "Tonari", "-"], ["2013", "Ñandú", "Zoë"]]
    db = open_db(make_table("Table of Year, Title, and Role", ["Year", "Title", "Role"], rows))
    assert db.fingerprint() == python_fingerprint(rows)
    assert db.execute("INSERT INTO `Table of Year, Title, and Role` VALUES ('2019', 'Aoharu Ride', 'Kou')") == "[]"
    assert db.fingerprint() == python_fingerprint(rows + [["2019", "Aoharu Ride", "Kou"]])


def test_results_errors_and_truncation(open_db):
    db = open_db(make_table("t", ["a", "b"], [["x", "1"], ["Y", "2"], ["é", "3"]]))
    assert db.execute("SELECT COUNT(*), SUM(b), AVG(b) FROM t") == "[(3, 6.0, 2.0)]"
    assert db.execute("SELECT b FROM t WHERE a = 'y'") == "[('2',)]"  # case-insensitive collation
    assert db.execute("SELECT b FROM t WHERE a = 'e'") == "[('3',)]"  # accent-insensitive collation
    assert db.execute("SELECT b FROM t WHERE a = 'zzz'") == "[]"
    assert db.execute("SELEC 1").startswith("1064 (42000): You have an error in your SQL syntax")
    assert db.execute("SELECT * FROM nope") == f"1146 (42S02): Table '{db.name}.nope' doesn't exist"
    assert db.execute("SELECT a, COUNT(*) FROM t GROUP BY b").startswith("1055 (42000):")  # ONLY_FULL_GROUP_BY
    long = db.execute("SELECT REPEAT('z', 2000)")
    assert len(long) == RESULT_LIMIT + len("[TRUNCATED]") and long.endswith("[TRUNCATED]")


def test_broken_rows_leave_an_empty_table_like_the_original(open_db):
    db = open_db(make_table("broken", ["a", "b"], [["1", "2"], ["3"]]))
    assert db.init_error is not None and db.init_error.startswith("1136 (21S01)")
    assert db.execute("SELECT * FROM broken") == "[]"


def _admin_query(db: SampleDatabase, sql: str) -> list:
    assert db.admin is not None
    with db.admin.cursor() as cur:
        cur.execute(sql)
        return list(cur.fetchall())


def test_close_drops_the_database_and_the_user(mariadb, profile):
    db = SampleDatabase(mariadb, profile, make_table("t", ["a"], [["1"]]))
    db.create()
    probe_db = SampleDatabase(mariadb, profile, make_table("u", ["a"], [["1"]]))
    probe_db.create()
    try:
        assert db.isolated and (db.name,) in _admin_query(probe_db, "SHOW DATABASES")
        assert (db.name,) in _admin_query(probe_db, "SELECT User FROM mysql.user")
        db.close()
        assert (db.name,) not in _admin_query(probe_db, "SHOW DATABASES")
        assert (db.name,) not in _admin_query(probe_db, "SELECT User FROM mysql.user")
    finally:
        probe_db.close()


def test_a_sample_cannot_reach_another_samples_database_or_the_server(open_db):
    """Samples share one server: each agent runs as its own user, with every privilege on its own
    database and none beyond it."""
    mine = open_db(make_table("t", ["a"], [["1"]]))
    other = open_db(make_table("u", ["a"], [["secret"]]))
    assert mine.isolated and other.isolated
    assert other.name not in mine.execute("SHOW DATABASES")
    assert mine.execute(f"SELECT * FROM `{other.name}`.u").startswith("1142 (42000): SELECT command denied")
    assert mine.execute(f"DROP DATABASE `{other.name}`").startswith("1044 (42000): Access denied")
    assert mine.execute("SHUTDOWN").startswith("1227 (42000): Access denied")
    assert mine.execute("SELECT * FROM mysql.user").startswith("1142 (42000): SELECT command denied")
    # everything the tasks ask for, on its own table, still works
    assert mine.execute("INSERT INTO t VALUES ('2')") == "[]"
    assert mine.execute("UPDATE t SET a = '3' WHERE a = '2'") == "[]"
    assert mine.execute("DELETE FROM t WHERE a = '1'") == "[]"
    assert mine.execute("SELECT * FROM t") == "[('3',)]"
    assert other.execute("SELECT * FROM u") == "[('secret',)]"


def test_an_account_that_may_not_create_users_runs_the_statements_itself(mariadb, profile):
    """``db_url`` with a restricted account: no user of the sample's own, everything else as before."""
    root = SampleDatabase(mariadb, profile, make_table("r", ["a"], [["1"]]))
    root.create()
    try:
        _admin_query(root, "CREATE USER IF NOT EXISTS 'limited'@'localhost' IDENTIFIED BY 'pw'")
        _admin_query(root, "GRANT ALL PRIVILEGES ON `dbbench\\_%`.* TO 'limited'@'localhost'")
    finally:
        root.close()
    limited = mariadb.model_copy(update={"user": "limited", "password": "pw"})
    db = SampleDatabase(limited, profile, make_table("t", ["a"], [["x"], ["y"]]))
    db.create()
    try:
        assert not db.isolated and db.conn is db.admin
        assert db.execute("SELECT COUNT(*) FROM t") == "[(2,)]"
        assert db.fingerprint() == python_fingerprint([["x"], ["y"]])
    finally:
        db.close()
    assert db.admin is None and db.conn is None
