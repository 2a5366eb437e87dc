"""The remote-endpoint code path for real: queries in AgentBench's Virtuoso dialect over HTTP to a
loopback SPARQL server (pyoxigraph behind it)."""

from __future__ import annotations

import asyncio

import pytest

from harness.errors import HarnessError
from harness.loop import run_episode
from harness.oracle import OracleModel
from harness.task import RunContext, Status
from tasks.kg import KnowledgeGraph
from tasks.kg.gold import gold_outputs
from tasks.kg.sparql import RemoteEndpoint, SparqlError, SparqlUnavailable
from tests.fakes.net import free_port
from tests.fakes.scripted import ScriptedModel as Scripted


def remote_task(url: str) -> KnowledgeGraph:
    task = KnowledgeGraph(options={"questions": "authored", "endpoint": url})
    asyncio.run(task.start(RunContext()))
    return task


def play(task, sample, model):
    return asyncio.run(run_episode(task, sample, model, RunContext(), sample.split))


def test_oracle_over_the_endpoint_matches_the_embedded_store(server, authored_task):
    task = remote_task(server.url)
    try:
        assert isinstance(task.backend, RemoteEndpoint)
        samples = task.samples("std")
        before = len(server.queries)
        remote = [play(task, s, OracleModel()) for s in samples]
        assert [(r.status, r.score) for r in remote] == [(Status.COMPLETED, 1.0)] * len(samples)
        embedded = [play(authored_task, s, OracleModel()) for s in samples]
        assert [[t.observation for t in r.trajectory] for r in remote] == [
            [t.observation for t in r.trajectory] for r in embedded
        ]
    finally:
        asyncio.run(task.stop())
    sent = "\n".join(server.queries[before:])
    # the original's text went over the wire, untranslated
    for virtuoso in ("SELECT COUNT DISTINCT ?x", "lang(?x) = '' OR langMatches", "FILTER regex(?x0, ", "ns:m.0"):
        assert virtuoso in sent


def test_unreachable_endpoint_is_one_clear_line_at_start():
    url = f"http://127.0.0.1:{free_port()}/sparql"
    with pytest.raises(HarnessError) as info:
        remote_task(url)
    message = str(info.value)
    assert message.startswith(f"kg: SPARQL endpoint {url}: ConnectError") and "\n" not in message


def test_endpoint_failure_mid_run_is_an_errored_sample(server):
    task = remote_task(server.url)
    try:
        sample = task.samples("std")[0]
        server.fail_with = 503
        record = play(task, sample, OracleModel())
    finally:
        server.fail_with = None
        asyncio.run(task.stop())
    assert record.status == Status.ERRORED and record.error_kind == "environment"
    assert "HTTP 503" in record.error


def test_query_errors_the_model_causes_are_observations(server):
    endpoint = RemoteEndpoint(server.url)
    with pytest.raises(SparqlError, match="HTTP 400"):
        endpoint.select("SELECT ?x WHERE { this is not sparql }")
    server.fail_with = 404
    try:
        with pytest.raises(SparqlUnavailable):
            endpoint.check()
    finally:
        server.fail_with = None
        endpoint.close()
    task = remote_task(server.url)
    try:
        sample = task.samples("std")[4]  # argmin over Boeing's rockets
        gold = gold_outputs(task._question(sample))
        outputs = gold[:-1] + ["Action: count(#1)", "Action: get_relations(#2)", "Final Answer: #2"]
        record = play(task, sample, Scripted(outputs))
    finally:
        asyncio.run(task.stop())
    assert record.trajectory[-2].observation == "get_relations(#2) cannot be executed. You may make a mistake and need to fix it."
    assert record.status == Status.INVALID_ACTION and "HTTP 400" in record.metrics["final_error"]
