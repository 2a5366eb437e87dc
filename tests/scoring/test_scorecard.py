"""The score card reproduces every Overall cell of the AgentTuning table from its task cells."""

from __future__ import annotations

import math

import pytest

from harness.analysis.scorecard import check_reference, fit_suite, load_reference, load_scorecard

REGISTRY_TASKS = {
    "held_in": ["alfworld", "webshop", "mind2web", "kg", "os", "db"],
    "held_out": ["sciworld", "miniwob", "webarena", "hotpotqa", "rewoo", "card_game"],
    "general": ["mmlu", "humaneval", "gsm8k", "mtbench"],
}
AGENT_FLAN = ["hotpotqa", "sciworld", "webarena", "teval", "agent_h"]


def test_scorecard_names_every_registry_task_in_its_suite():
    card = load_scorecard()
    assert {s: c.tasks for s, c in card.suites.items()} == {**REGISTRY_TASKS, "agent_flan": AGENT_FLAN}
    assert card.tasks["hotpotqa"].suite == "held_out" and card.tasks["teval"].suite == "agent_flan"
    assert card.tasks["mtbench"].scale == "rating"
    assert all(card.tasks[t].scale == "percent" for t in card.tasks if t != "mtbench")


def test_reference_table_has_the_eight_models_and_every_column():
    table = load_reference("agenttuning")
    assert len(table) == 8
    assert {"GPT-4", "AgentLM-70B", "Llama-2-chat-7B"} <= set(table["model"])
    for suite, tasks in REGISTRY_TASKS.items():
        assert set(tasks) | {suite} <= set(table.columns)


def test_scorecard_recomputes_all_24_overall_cells_within_0_01():
    card = load_scorecard()
    check = check_reference(card, load_reference("agenttuning"))
    assert len(check) == 24
    worst = check.loc[check["error"].abs().idxmax()]
    assert check["error"].abs().max() <= 0.01, worst.to_dict()


def test_one_known_cell_by_hand():
    card = load_scorecard()
    gpt4 = load_reference().set_index("model").loc["GPT-4"]
    held_in = sum(gpt4[t] / card.tasks[t].weight for t in REGISTRY_TASKS["held_in"]) / 6
    assert held_in == pytest.approx(2.75, abs=0.01)
    assert card.overall("held_in", gpt4.to_dict()).value == pytest.approx(held_in)


@pytest.mark.parametrize("suite", list(REGISTRY_TASKS))
def test_fit_reproduces_the_committed_weights(suite):
    card = load_scorecard()
    fit = fit_suite(load_reference(), card.suites[suite])
    assert fit.weights == {t: card.tasks[t].weight for t in REGISTRY_TASKS[suite]}
    assert fit.max_error <= 0.01
    for t, w in fit.least_squares.items():
        assert abs(w - card.tasks[t].weight) <= 2.0


def test_subset_overall_is_partial_and_empty_is_none():
    card = load_scorecard()
    part = card.overall("held_out", {"sciworld": 32.0, "webarena": 6.0, "mmlu": 50.0})
    assert part.partial and part.coverage == "2/6"
    assert part.value == pytest.approx((32.0 / 16 + 6.0 / 3) / 2)
    none = card.overall("held_in", {"os": math.nan})
    assert none.value is None and not none.partial and none.coverage == "0/6"


def test_agent_flan_overall_is_the_plain_mean_of_its_columns():
    card = load_scorecard()
    check = check_reference(card, load_reference("agentflan"))
    assert len(check) == 7 and check["error"].abs().max() <= 0.06  # Agent-FLAN prints 0.1 digits
    flan = load_reference("agentflan").set_index("model").loc["Agent-FLAN"]
    assert card.overall("agent_flan", flan.to_dict()).value == pytest.approx(sum(flan[t] for t in AGENT_FLAN) / 5)
    # the same HotpotQA score counts with its AgentTuning weight in the held-out Overall
    assert card.normalized("hotpotqa", 36.0) == 1.0 and card.normalized("hotpotqa", 36.0, "agent_flan") == 36.0
