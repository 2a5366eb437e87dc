"""T-Eval as a task: data reading, the chat sent, the oracle through the runner, bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from harness.errors import HarnessError
from harness.loop import run_episode
from harness.oracle import OracleModel
from harness.task import RunContext, Status
from tasks.teval import TEval
from tasks.teval.dataset import FILES, to_messages
from tasks.teval.embedding import weights_available
from tasks.teval.gold import tied_steps
from tests.agentflan.teval_fakes import BagOfWordsEmbedder

SAMPLE = Path(__file__).resolve().parents[2] / "tasks" / "teval" / "sample_data" / "teval"
GOLDEN = Path(__file__).with_name("golden")


def task(embedder=None, root: Path = SAMPLE) -> TEval:
    return TEval(data={"teval": root}, embedder=embedder or BagOfWordsEmbedder())


def test_samples_interleave_the_eight_files():
    samples = task().samples("test")
    assert len(samples) == 26
    first = [s.data["file"] for s in samples[:8]]
    assert first == [f.stem for f in FILES]
    assert len({s.id for s in samples}) == len(samples)


def test_function_turns_become_user_turns_and_merge():
    msgs = to_messages([
        {"role": "system", "content": "S"}, {"role": "user", "content": "U"},
        {"role": "assistant", "content": "A"}, {"role": "function", "content": "F1"}, {"role": "user", "content": "U2"},
    ], "t")
    assert [(m.role, m.content) for m in msgs] == [("system", "S"), ("user", "U"), ("assistant", "A"), ("user", "F1\nU2")]
    assert to_messages(json.dumps([{"role": "user", "content": "x"}]), "t")[0].content == "x"
    later = to_messages([{"role": "user", "content": "U"}, {"role": "system", "content": "S"}], "t")
    assert [(m.role, m.content) for m in later] == [("user", "U\nS")]


def test_golden_render_of_a_multi_turn_item():
    sample = next(s for s in task().samples("test") if s.id == "reason_retrieve_understand_json_v2/query_r1_1")
    env = task().make_env(sample, RunContext())
    rendered = "\n".join(f"<{m.role}>\n{m.content}" for m in env.reset())
    assert rendered == (GOLDEN / "teval_rru_r1.txt").read_text()


async def test_oracle_scores_every_item_but_tied_plans():
    """Gold answers score 1 (RRU JSON: 1 - 1e-5/(k + 1e-5), T-Eval's epsilon) except plans whose
    ground truth repeats a step, where T-Eval's own matching loses one copy (a metric defect)."""
    t = task()
    for sample in t.samples("test"):
        record = await run_episode(t, sample, OracleModel(), RunContext(), "test")
        assert record.status is Status.COMPLETED
        if tied_steps(sample.data["file"], sample.data["item"]):
            assert record.score == pytest.approx(2 / 3, abs=1e-4), sample.id
        else:
            assert record.score == pytest.approx(1.0, abs=1e-5), (sample.id, record.metrics)


def test_a_wrong_answer_scores_low():
    t = task()
    sample = t.samples("test")[7]  # review_str_v2/query_v1, gold A
    env = t.make_env(sample, RunContext())
    env.reset()
    env.step("Answer: E")
    assert env.evaluate(Status.COMPLETED).score == 0.0


@pytest.mark.parametrize(("content", "message"), [
    ("{not json", "malformed JSON"),
    ("[1, 2]", "expected an object"),
    ('{"a": {"origin_prompt": []}}', "origin_prompt and ground_truth"),
    ('{"a": {"origin_prompt": "not json", "ground_truth": {"answer": "A"}}}', "not JSON"),
    ('{"a": {"origin_prompt": [{"role": "robot", "content": "x"}], "ground_truth": {"answer": "A"}}}', "malformed origin_prompt"),
    ('{"a": {"origin_prompt": [{"role": "user", "content": "x"}], "ground_truth": {"answer": "Z"}}}', "A-E"),
])
def test_malformed_data_is_bad_input(tmp_path, content, message):
    root = tmp_path / "teval"
    (root / "data").mkdir(parents=True)
    for f in FILES:
        src = SAMPLE / "data" / f"{f.stem}.json"
        (root / "data" / src.name).write_text(content if f.stem == "review_str_v2" else src.read_text())
    with pytest.raises(HarnessError, match=message):
        task(root=root).samples("test")


def test_missing_file_and_unknown_split(tmp_path):
    with pytest.raises(HarnessError, match="missing"):
        task(root=tmp_path).samples("test")
    with pytest.raises(HarnessError, match="unknown split"):
        task().samples("dev")


@pytest.mark.skipif(not weights_available(), reason="all-mpnet-base-v2 weights not installed")
async def test_oracle_through_the_runner_with_the_real_model(tmp_path, monkeypatch):
    """End to end on the bundled sample (the mirror has no T-Eval data, so it is not used)."""
    from harness.runner import RunOptions, execute

    monkeypatch.delenv("HARNESS_DATA_MIRROR", raising=False)
    result = await execute(RunOptions(model="oracle", tasks=["teval"], out=tmp_path / "run", progress=False, cache=False))
    summary = result.summaries["teval"]
    assert summary.data_origin == "bundled-sample" and summary.n == 26
    metrics = summary.metrics
    for ability in ("instruct", "reason", "retrieve", "understand", "review"):
        assert metrics[ability] == pytest.approx(100.0, abs=1e-3), ability
    assert metrics["plan"] == pytest.approx(100 * (1 + 1 + 2 / 3) / 3)  # one tied plan per variant
    oracle = summary.oracle
    assert oracle.score_on_solvable == pytest.approx(100.0) and oracle.unexplained_misses == []
    assert oracle.explained_misses == {"tied_gold_steps": 2}
    assert summary.protocol.reference == "t-eval" and summary.protocol.reasons == [
        "bundled sample data, not the official set (run `harness data pull`)"]
    manifest = json.loads((tmp_path / "run" / "manifest.json").read_text())
    facts = next(t for t in manifest["tasks"] if t["name"] == "teval")["facts"]
    assert facts["embedding_model"]["name"] == "all-mpnet-base-v2"
    assert facts["embedding_model"]["weights_sha256"].startswith("78c0197b")


def test_a_substitute_embedder_is_not_comparable():
    assert any("not all-mpnet-base-v2" in r for r in task().comparability())


def test_every_item_renders_through_a_chat_template():
    """The tgi/embedded adapters render with FastChat templates, which accept one leading system
    message only: every bundled item must render (llama-2, AgentLM's template)."""
    from adapters.templates import render_conversation

    t = task()
    for sample in t.samples("test"):
        prompt = render_conversation("llama-2", t.make_env(sample, RunContext()).reset())
        assert prompt.startswith("[INST] <<SYS>>") and prompt.rstrip().endswith("[/INST]"), sample.id
