"""Agent-H as a task: glaive parsing and selection, prompts (golden), oracle, metrics, bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from harness.errors import ConfigError, HarnessError
from harness.loop import run_episode
from harness.oracle import OracleModel
from harness.task import RunContext, SampleScore, Status
from tasks.agent_h import AgentH
from tasks.agent_h.glaive import FILE, candidate, parse_call, parse_functions, select, split_turns
from tasks.agent_h.sample_authoring import build_rows
from tasks.agent_h.scoring import aggregate

SAMPLE = Path(__file__).resolve().parents[2] / "tasks" / "agent_h" / "sample_data" / "glaive"
GOLDEN = Path(__file__).with_name("golden")


def task(root: Path = SAMPLE, **options) -> AgentH:
    return AgentH(data={"glaive": root}, options=options)


def write_rows(tmp_path: Path, rows) -> Path:
    root = tmp_path / "glaive"
    root.mkdir()
    (root / FILE).write_text(json.dumps(rows) if not isinstance(rows, str) else rows)
    return root


# -- glaive rows ---------------------------------------------------------------------------------
def test_bundled_file_is_what_the_generator_writes():
    assert json.loads((SAMPLE / FILE).read_text()) == build_rows()


def test_row_parsing():
    system = 'You are a helpful assistant with access to the following functions. Use them if required -\n{"name": "a", "parameters": {}}\n{"name": "b"}'
    assert [f["name"] for f in parse_functions(system)] == ["a", "b"]
    chat = "USER: hi\n\n\nASSISTANT: <functioncall> {\"name\": \"a\", \"arguments\": '{\"x\": 1}'} <|endoftext|>\n\n\nFUNCTION RESPONSE: {}\n\n\nASSISTANT: ok <|endoftext|>"
    assert [r for r, _ in split_turns(chat)] == ["USER", "ASSISTANT", "FUNCTION RESPONSE", "ASSISTANT"]
    assert parse_call(split_turns(chat)[1][1]) == {"name": "a", "arguments": {"x": 1}}
    assert parse_call('<functioncall> {"name": "a", "arguments": {"x": 2}}') == {"name": "a", "arguments": {"x": 2}}
    assert parse_call("<functioncall> not json") is None


def test_selection_pools_and_skips():
    rows = build_rows()
    pools = select(rows, 10_000)
    assert len(pools["no_tool"]) == 60 and len(pools["tool"]) == 60
    assert all(c.call and c.call["name"] in {f["name"] for f in c.functions} for c in pools["tool"])
    assert candidate(0, rows[-1]) is None  # the chat starts with the assistant
    assert candidate(0, rows[-2]) is None  # calls a function the system does not offer
    assert candidate(0, {"system": "SYSTEM: You are a helpful assistant, with no access to external functions.", "chat": "USER: a\n\n\nASSISTANT: b"}) is None


def test_selection_is_deterministic_and_order_free():
    rows = build_rows()
    a = select(rows, 7)
    b = select(list(reversed(rows)), 7)
    assert [c.key for c in a["no_tool"]] == [c.key for c in b["no_tool"]]
    assert [c.key for c in a["tool"]] == [c.key for c in b["tool"]]
    assert [c.key for c in a["no_tool"]] == sorted(c.key for c in a["no_tool"])


def test_samples_mix_sets_and_formats():
    samples = task().samples("test")
    assert len(samples) == 240
    assert [(s.data["set"], s.data["format"]) for s in samples[:4]] == [
        ("no_tool", "react"), ("no_tool", "general"), ("tool", "react"), ("tool", "general")]
    assert len(task(conversations="5").samples("test")) == 20
    assert task().option("conversations") == 1845


# -- prompts -------------------------------------------------------------------------------------
@pytest.mark.parametrize("fmt", ["react", "general"])
def test_golden_prompts(fmt):
    sample = next(s for s in task().samples("test") if s.data["set"] == "tool" and s.data["format"] == fmt
                  and len(s.data["conversation"]["functions"]) == 2)
    env = task().make_env(sample, RunContext())
    rendered = "\n".join(f"<{m.role}>\n{m.content}" for m in env.reset())
    assert rendered == (GOLDEN / f"agent_h_{fmt}.txt").read_text()


# -- oracle and metrics ----------------------------------------------------------------------------
async def test_oracle_scores_100():
    t = task()
    scores = []
    for sample in t.samples("test"):
        record = await run_episode(t, sample, OracleModel(), RunContext(), "test")
        assert record.status is Status.COMPLETED and record.score == 1.0, (sample.id, record.metrics)
        scores.append(SampleScore(score=record.score, metrics=record.metrics))
    out = aggregate(scores)
    assert out.value == 100.0 and out.metrics["tool_call_accuracy"] == 100.0


def _run(t: AgentH, answer) -> list[SampleScore]:
    out = []
    for sample in t.samples("test"):
        env = t.make_env(sample, RunContext())
        env.reset()
        env.step(answer(sample))
        out.append(env.evaluate(Status.COMPLETED))
    return out


def test_a_model_that_never_calls_gets_hscore_100_but_no_tool_accuracy():
    out = aggregate(_run(task(), lambda s: "Happy to help! Could you tell me more?"))
    assert out.value == 100.0 and out.metrics["tool_call_accuracy"] == 0.0 and out.metrics["sample_mean"] == 50.0


def test_a_model_that_always_calls_react_style():
    def answer(sample):
        name = sample.data["conversation"]["functions"][0]["name"]
        return f"Thought: use a tool\nAction: {name}\nAction Input: {{}}"

    out = aggregate(_run(task(), answer))
    assert out.metrics["H_ReAct"] == 100.0 and out.metrics["H_General"] == 100.0 and out.value == 0.0
    assert out.metrics["hallucinations_by_family"] == {"react": 120}
    # the first offered function is the gold one for 2/3 of the mirror set (every third system offers two)
    assert 0.0 < out.metrics["tool_call_accuracy"] <= 100.0


def test_hscore_is_the_two_term_mean():
    def s(fmt, hallucinated):
        return SampleScore(score=0.0, metrics={"set": "no_tool", "format": fmt, "hallucinated": hallucinated, "families": []})

    out = aggregate([s("react", True), s("react", False), s("react", False), s("react", False),
                     s("general", True), s("general", False)])
    assert out.metrics["H_ReAct"] == 25.0 and out.metrics["H_General"] == 50.0
    assert out.value == pytest.approx(0.5 * ((1 - 0.25) + (1 - 0.5)) * 100)


# -- bad input -----------------------------------------------------------------------------------
@pytest.mark.parametrize(("content", "message"), [
    ("{broken", "malformed JSON"),
    ('{"system": "x"}', "expected a JSON list"),
    ("[]", "no conversation"),
])
def test_malformed_data_is_bad_input(tmp_path, content, message):
    with pytest.raises(HarnessError, match=message):
        task(write_rows(tmp_path, content)).samples("test")


def test_bad_options_and_split(tmp_path):
    with pytest.raises(ConfigError, match="integer"):
        task(conversations="many")
    with pytest.raises(ConfigError, match=">= 1"):
        task(conversations="0")
    with pytest.raises(ConfigError, match="unknown task option"):
        task(size="3")
    with pytest.raises(HarnessError, match="unknown split"):
        task().samples("train")
    with pytest.raises(HarnessError, match="missing"):
        task(tmp_path).samples("test")


async def test_runner_end_to_end_with_the_oracle(tmp_path, monkeypatch):
    from harness.runner import RunOptions, execute

    monkeypatch.delenv("HARNESS_DATA_MIRROR", raising=False)
    result = await execute(RunOptions(model="oracle", tasks=["agent_h"], out=tmp_path / "run", progress=False, cache=False, limit=12))
    summary = result.summaries["agent_h"]
    assert summary.score == 100.0 and summary.n == 12 and summary.data_origin == "bundled-sample"
    assert summary.metrics["n_tool"] == {"react": 3, "general": 3}  # 12 = 3 ranks x (2 sets x 2 formats)
    assert summary.protocol.comparable is False and any("unpublished" in r for r in summary.protocol.reasons)


def test_prompts_render_through_a_chat_template():
    from adapters.templates import render_conversation

    t = task(conversations="3")
    for sample in t.samples("test"):
        prompt = render_conversation("llama-2", t.make_env(sample, RunContext()).reset())
        assert prompt.startswith("[INST] <<SYS>>") and sample.data["conversation"]["user"] in prompt
