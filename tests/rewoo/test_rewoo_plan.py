"""Plan parsing as ReWOO's PWS does it, including the shapes upstream crashes on."""

from __future__ import annotations

import pytest

from tasks.rewoo.plan import MalformedPlan, parse_plan, substitute, worker_log

PLAN = """Plan: Search for more information about Milhouse.
#E1 = Wikipedia[Milhouse]
Plan: Find out who Matt Groening named Milhouse after.
#E2 = LLM[Who did Matt Groening name Milhouse after? Given context: #E1]"""


def test_plans_and_calls_in_order():
    plan = parse_plan(PLAN)
    assert plan.plans == ["Plan: Search for more information about Milhouse.",
                          "Plan: Find out who Matt Groening named Milhouse after."]
    assert [(c.var, c.tool, c.tool_input) for c in plan.calls] == [
        ("#E1", "Wikipedia", "Milhouse"),
        ("#E2", "LLM", "Who did Matt Groening name Milhouse after? Given context: #E1"),
    ]


def test_literal_values_and_long_variable_names():
    plan = parse_plan("Plan: a\n#E1 = 42\n#E12 = LLM[x]")
    assert plan.calls[0].tool is None and plan.calls[0].tool_input == "42"
    assert plan.calls[1].tool is None and plan.calls[1].tool_input == "No evidence found"


def test_no_plan_lines_is_a_valid_empty_plan():
    plan = parse_plan("I will just answer.")
    assert plan.plans == [] and plan.calls == []


@pytest.mark.parametrize(
    "text",
    [
        "Plan: a\n#E1 Wikipedia[x]",  # no '='
        "Plan: a\n#E",  # too short (upstream IndexError)
        "Plan: a\n#",
        "Plan: a\nPlan: b\n#E1 = LLM[x]",  # plan 2 has no #E2 (upstream KeyError)
    ],
)
def test_the_shapes_upstream_crashes_on_are_malformed(text):
    with pytest.raises(MalformedPlan):
        parse_plan(text)


def test_substitution_and_worker_log():
    evidences = {"#E1": "Milhouse was named after Richard Nixon."}
    assert substitute("Who? Given context: #E1 and #E3", evidences) == (
        "Who? Given context: [Milhouse was named after Richard Nixon.] and #E3"
    )
    plan = parse_plan("Plan: a\n#E1 = LLM[x]")
    assert worker_log(plan, {"#E1": "y"}) == "Plan: a\nEvidence:\ny\n"
