"""Whole episodes through the one agent loop on the authored set: the oracle scores 100, malformed
outputs are scored, the conversation keeps outputs as the original does, the first request renders
exactly as AgentBench.old's TGI client renders it."""

from __future__ import annotations

import asyncio
from pathlib import Path

from harness.loop import run_episode
from harness.oracle import OracleModel
from harness.registry import build_model
from harness.task import RunContext, SampleScore, Status
from tasks.kg.gold import gold_outputs
from tasks.kg.prompt import ACKNOWLEDGEMENT, INSTRUCTIONS, ONE_SHOT
from tests.fakes.scripted import ScriptedModel as Scripted

GOLDEN = Path(__file__).parent / "golden" / "first_request_llama2.txt"


def play(task, sample, model):
    return asyncio.run(run_episode(task, sample, model, RunContext(), sample.split))


def test_oracle_scores_100_on_every_authored_question(authored_task):
    samples = authored_task.samples("std")
    assert len(samples) >= 30
    records = [play(authored_task, s, OracleModel()) for s in samples]
    assert [r.status for r in records] == [Status.COMPLETED] * len(samples)
    assert [r.score for r in records] == [1.0] * len(samples)
    agg = authored_task.aggregate([(s, SampleScore(score=r.score, metrics=r.metrics)) for s, r in zip(samples, records)])
    assert agg.value == 100.0 and agg.n == len(samples)
    assert agg.metrics["EM"] == 100.0 and agg.metrics["executability"] == 100.0
    assert max(r.turns for r in records) <= 15


def test_first_request_matches_the_original_rendering(authored_task):
    sample = authored_task.samples("std")[0]
    first_action = "Thought: I start from the cycle. \nAction: get_relations(Expander cycle)\nObservation: [guess]"
    model = Scripted([first_action, "Final Answer: #0"])
    record = play(authored_task, sample, model)
    messages = model.requests[0].messages
    assert [m.role for m in messages[:3]] == ["user", "assistant", "user"]
    assert messages[0].content == INSTRUCTIONS and messages[1].content == ACKNOWLEDGEMENT
    assert [m.content for m in messages[2:18]] == ONE_SHOT
    assert messages[18].content == (
        "A new question: the bipropellant rocket engine with liquid hydrogen and expander cycle is designed by who?"
        "\nEntities: [Expander cycle, Liquid hydrogen]"
    )
    agentlm = build_model("agentlm-70b")  # the TGI adapter as AgentTuning serves AgentLM
    assert agentlm.prompt(model.requests[0]) == GOLDEN.read_text()  # stripped turns, no system prompt
    # mid-episode: llama-2's "[INST] U [/INST] A </s><s>[INST] U2 [/INST]", the output cut at "Observation:"
    observation = record.trajectory[0].observation
    assert observation == "Observation: [spaceflight.rocket_engine_cycle.rocket_engines]"
    assert agentlm.prompt(model.requests[1]) == (
        GOLDEN.read_text() + " Thought: I start from the cycle. \nAction: get_relations(Expander cycle)"
        f" </s><s>[INST] {observation} [/INST]"
    )
    assert model.requests[0].params.max_new_tokens == 128 and model.requests[0].params.temperature == 0.7


def test_wrong_and_malformed_outputs_are_scored(authored_task):
    sample = authored_task.samples("std")[0]
    cases = {
        "": Status.TASK_LIMIT_REACHED,  # 15 empty outputs, no answer
        "I cannot help.": Status.TASK_LIMIT_REACHED,
        "Final Answer: #3": Status.TASK_LIMIT_REACHED,  # invalid id every time
        "\x00\udcff garbage (": Status.TASK_LIMIT_REACHED,
    }
    for output, status in cases.items():
        record = play(authored_task, sample, Scripted([], last=output))
        assert (record.status, record.score, record.turns) == (status, 0.0, 15), output
        assert record.metrics["executability"] == 0.0
        assert all(t.invalid for t in record.trajectory)


def test_partial_answer_scores_f1(authored_task):
    sample = authored_task.samples("std")[0]  # designers of expander-cycle hydrogen engines: 2 answers
    gold = gold_outputs(authored_task._question(sample))
    wrong_variable = gold[:-1] + ["Final Answer: #1"]  # the hydrogen engines, not their designers
    record = play(authored_task, sample, Scripted(wrong_variable))
    assert record.status == Status.COMPLETED and record.score == 0.0 and record.metrics["executability"] == 1.0
    one_designer = gold[:2] + ["Action: get_relations(#0)", "Action: get_neighbors(#0, spaceflight.rocket_engine.designed_by)",
                               "Final Answer: #1"]  # fmt: skip
    record = play(authored_task, sample, Scripted(one_designer))
    assert record.score == 1.0  # expander-cycle engines are exactly the two designers' engines
    union_answer = gold[:4] + ["Action: union(#0, #1)", "Final Answer: #2"]
    record = play(authored_task, sample, Scripted(union_answer))
    assert record.status == Status.COMPLETED and record.score == 0.0 and record.metrics["executability"] == 0.0


def test_failing_final_query_is_scored_not_crashed(authored_task):
    sample = authored_task.samples("std")[4]  # argmin over Boeing's rockets
    gold = gold_outputs(authored_task._question(sample))
    outputs = gold[:-1] + ["Action: count(#1)", "Final Answer: #2"]  # COUNT of an ARGMIN: invalid SPARQL
    record = play(authored_task, sample, Scripted(outputs))
    assert record.status == Status.INVALID_ACTION and record.score == 0.0
    assert "query failed" in record.metrics["final_error"]
    agg = authored_task.aggregate([(sample, SampleScore(score=record.score, metrics=record.metrics))])
    assert agg.metrics["final_query_errors"] == 1


def test_history_keeps_cut_outputs_and_is_trimmed(authored_task):
    sample = authored_task.samples("std")[0]
    chatty = "Thought: " + "let us look at the cycle first " * 40 + "\nAction: get_relations(Expander cycle)\nObservation: [invented]"
    model = Scripted([chatty] * 14 + ["Final Answer: #0"])
    record = play(authored_task, sample, model)
    assert record.trajectory[0].output == chatty  # the record keeps what the model said
    kept = chatty.split("Observation:")[0]
    second = model.requests[1].messages
    assert second[19].content == kept  # the model is shown the cut text
    assert second[20].content.startswith("Observation: [spaceflight.rocket_engine_cycle.rocket_engines")
    last = list(model.requests[-1].messages)
    assert "[NOTICE]" in last[0].content and last[0].content.endswith("messages are omitted.")
    assert last[-2].content == kept and last[-1].content == second[20].content
    assert len(last) < 19 + 2 * 14
    assert record.status == Status.TASK_LIMIT_REACHED  # #0 was never made: the 15th answer is an invalid id
