"""The task from the outside: data modes, bad input (one line, exit 2), the CLI on the embedded
default, and the authored set (up to date with its build script, consistent with Freebase's schema)."""

from __future__ import annotations

import asyncio
import gzip
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from harness.errors import HarnessError
from harness.task import RunContext
from tasks.kg import ONTOLOGY_DIR, SOURCE_NAME, STD_PATH, KnowledgeGraph
from tasks.kg.authoring import build
from tasks.kg.ontology import load_ontology
from tests.kg.conftest import AUTHORED

REPO = Path(__file__).resolve().parents[2]


def harness(*args: str, env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "harness.cli", *args], capture_output=True, text=True, timeout=600,
        env={**os.environ, "PYTHONPATH": str(REPO), **env}, cwd=cwd,
    )  # fmt: skip


def test_cli_runs_the_bundled_authored_set(tmp_path):
    env = {"HARNESS_DATA_MIRROR": "", "HARNESS_DATA_DIR": str(tmp_path / "data"), "HARNESS_RUNS_DIR": str(tmp_path / "runs")}
    proc = harness("run", "--model", "oracle", "--task", "kg", "--limit", "2", env=env, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "running the bundled authored questions instead of AgentBench's std" in proc.stderr
    summary = json.loads(next((tmp_path / "runs").glob("*/summary.json")).read_text())
    kg = summary["tasks"]["kg"]
    assert kg["score"] == 100.0 and kg["n"] == 2 and kg["data_origin"] == "authored"
    assert kg["metrics"]["EM"] == 100.0 and not kg["protocol"]["comparable"]


def test_cli_refuses_std_questions_without_freebase(tmp_path, mirror):
    env = {"HARNESS_DATA_MIRROR": str(mirror), "HARNESS_DATA_DIR": str(tmp_path / "data"), "HARNESS_RUNS_DIR": str(tmp_path / "runs")}
    proc = harness("run", "--model", "oracle", "--task", "kg", "--limit", "2", "--task-opt", "kg.questions=std",
                   env=env, cwd=tmp_path)
    lines = [x for x in proc.stderr.splitlines() if x.strip()]
    assert proc.returncode == 2 and len(lines) == 1 and "Traceback" not in proc.stderr, proc.stderr
    assert lines[0].startswith("harness: error: kg: the std questions need Freebase: pass --task-opt endpoint=URL")
    fallback = harness("run", "--model", "oracle", "--task", "kg", "--limit", "2", "--no-progress", env=env, cwd=tmp_path)
    assert fallback.returncode == 0 and "no Freebase endpoint" in fallback.stderr, fallback.stderr
    assert "not comparable" in fallback.stdout
    # the std files are pulled, but the authored set is what ran: the record says so
    runs = sorted((tmp_path / "runs").glob("*/summary.json"), key=lambda p: p.stat().st_mtime)
    kg = json.loads(runs[-1].read_text())["tasks"]["kg"]
    assert kg["data_origin"] == "authored" and not kg["protocol"]["comparable"]
    manifest = json.loads((runs[-1].parent / "manifest.json").read_text())
    (record,) = [d for task in manifest["tasks"] for d in task["data"] if d["source"] == SOURCE_NAME]
    assert record["origin"] == "authored" and record["path"].endswith(SOURCE_NAME)


def test_bad_input_is_one_line(tmp_path):
    with pytest.raises(HarnessError, match="kg: task option questions must be one of std, authored"):
        KnowledgeGraph(options={"questions": "mine"})
    with pytest.raises(HarnessError, match="unknown task option 'sparql_url'"):
        KnowledgeGraph(options={"sparql_url": "http://x/"})
    root = tmp_path / "src"
    (root / STD_PATH).parent.mkdir(parents=True)
    cases = {
        "{not json": "cannot read questions",
        '{"question": "q"}': "must hold a JSON list",
        '[{"question": "q", "entities": {}, "answer": [{"answer_argument": "m.1"}]}, {"question": 3}]': "malformed question 1",
    }
    for text, needle in cases.items():
        (root / STD_PATH).write_text(text)
        with pytest.raises(HarnessError, match=needle) as info:
            KnowledgeGraph(data={SOURCE_NAME: root}, options={"endpoint": "http://127.0.0.1:9/"}).samples("std")
        assert "\n" not in str(info.value)
    for graph, needle in ((tmp_path / "missing.nt", "cannot read graph"), (tmp_path / "bad.nt", "cannot load graph")):
        if graph.name == "bad.nt":
            graph.write_text("<a> <b> this is not ntriples\n")
        task = KnowledgeGraph(options={"questions": "authored", "graph": str(graph)})
        with pytest.raises(HarnessError, match=needle):
            asyncio.run(task.start(RunContext()))
    (root / ONTOLOGY_DIR).mkdir(parents=True)
    (root / ONTOLOGY_DIR / "vocab.json").write_text("[]")
    with pytest.raises(HarnessError, match="malformed ontology"):
        load_ontology(root / ONTOLOGY_DIR)


def test_own_graph_in_the_embedded_store(tmp_path, questions):
    graph = tmp_path / "subset.nt"
    graph.write_bytes(gzip.decompress((AUTHORED / "graph.nt.gz").read_bytes()))
    task = KnowledgeGraph(options={"questions": "authored", "graph": str(graph)})
    asyncio.run(task.start(RunContext()))
    assert "subset.nt" in task.describe()["store"]
    assert task.backend.select(f"SELECT ?x WHERE {{ ?x ?p <http://rdf.freebase.com/ns/{questions[0].answer[0].answer_argument}> }}")


def test_authored_files_are_up_to_date():
    assert build.main(["--check"]) == 0


def test_authored_schema_is_freebase_schema(mirror):
    official = load_ontology(Path(mirror) / "agentbench" / ONTOLOGY_DIR)
    authored = load_ontology(AUTHORED / ONTOLOGY_DIR)
    assert authored.relations <= official.relations
    assert authored.attributes <= official.attributes
    assert {r: authored.range_of[r] for r in authored.range_of} == {r: official.range_of[r] for r in authored.range_of}
    official_pairs = {frozenset(p) for p in official.reverse.items()}
    assert {frozenset(p) for p in authored.reverse.items()} <= official_pairs
    domains = {}
    for line in (Path(mirror) / "agentbench" / ONTOLOGY_DIR / "fb_roles").read_text().splitlines():
        fields = line.split(" ")
        domains[fields[1]] = fields[0]
    for line in (AUTHORED / ONTOLOGY_DIR / "fb_roles").read_text().splitlines():
        domain, relation, _ = line.split(" ")
        assert domains[relation] == domain, relation
