"""One turn at a time, on the authored graph: the original's reading of outputs, its observations
and its error messages."""

from __future__ import annotations

import pytest

from tasks.kg.interpreter import INVALID_ID, NO_ACTION, NO_FUNCTION, Interpreter, clean_output
from tasks.kg.tools import Toolbox, ToolError, Variable

SPACEX, GG = "m.03fkyw", "m.04qqvv"


@pytest.fixture
def agent(store, ontology) -> Interpreter:
    return Interpreter(Toolbox(store, ontology), {"SpaceX": SPACEX, "Gas-generator cycle": GG})


def names(agent: Interpreter, variable: Variable) -> list[str]:
    mids = agent.toolbox.execute(variable)
    ns = "http://rdf.freebase.com/ns/"
    return [agent.toolbox.backend.select(f"SELECT ?n WHERE {{ <{ns}{m}> <{ns}type.object.name> ?n }}")[0] for m in mids]


def test_a_tool_session(agent):
    t = agent.turn("Thought: start with SpaceX.\nAction: get_relations(SpaceX)")
    assert t.observation == (
        "Observation: [organization.organization.founders, organization.organization.place_founded, "
        "spaceflight.rocket_engine_designer.rocket_engines, spaceflight.rocket_engine_manufacturer.rocket_engines, "
        "spaceflight.rocket_manufacturer.rockets_manufactured]"
    )  # sorted, filtered by vocab.json (type.object.* and names are not relations)
    t = agent.turn("Action: get_neighbors(SpaceX, spaceflight.rocket_engine_designer.rocket_engines)")
    assert t.observation == "Observation: variable #0, which are instances of spaceflight.rocket_engine"
    assert agent.variables[0].program == f"(JOIN spaceflight.rocket_engine_designer.rocket_engines_inv {SPACEX})"
    assert agent.turn("Action: get_attributes(variable #0)").observation == (
        "Observation: [spaceflight.rocket_engine.isp_vacuum, spaceflight.rocket_engine.thrust_sea_level, "
        "spaceflight.rocket_engine.thrust_vacuum]"
    )
    assert "variable #1" in agent.turn("Action: argmax(#0, spaceflight.rocket_engine.thrust_vacuum)").observation
    assert agent.turn("Action: count(#0)").observation == "Observation: variable #2, which is a number"
    assert names(agent, agent.variables[1]) == ["Raptor"]
    assert sorted(names(agent, agent.variables[0])) == ["Kestrel", "Merlin 1C", "Merlin 1D", "Raptor"]
    assert agent.toolbox.execute(agent.variables[2]) == ["4"]
    assert agent.actions == [
        "get_relations(SpaceX)",
        "get_neighbors(SpaceX, spaceflight.rocket_engine_designer.rocket_engines)",
        "get_attributes(variable #0)",
        "argmax(#0, spaceflight.rocket_engine.thrust_vacuum)",
        "count(#0)",
    ]
    final = agent.turn("Thought: done.\nFind Answer: #2")  # "Find Answer" is accepted like "Final Answer"
    assert final.final is agent.variables[2] and final.observation is None


def test_outputs_are_cut_at_observation_and_unescaped(agent):
    assert clean_output("Action: get_relations(SpaceX)\nObservation: [made up]") == "Action: get_relations(SpaceX)\n"
    assert clean_output("a\\_b") == "a_b"
    t = agent.turn("Action: get\\_relations(SpaceX)\nObservation: fake\nFinal Answer: #0")
    assert t.text == "Action: get_relations(SpaceX)\n" and t.final is None and t.observation.startswith("Observation: [")


def test_error_messages_follow_the_original(agent):
    # before any call split its arguments, a failure is reported as a syntax error
    assert agent.turn("Action: get_relations(SpaceX").observation == (
        "I may make a syntax error when calling get_relations (e.g., unmatched parenthesis). I need to fix it and reuse the tool"
    )
    assert agent.turn("Action: nothing to call").observation == NO_FUNCTION
    assert agent.turn("I think the answer is obvious.").observation == NO_ACTION
    assert agent.turn("Final Answer: #0").observation == INVALID_ID
    # get_neighbors needs a get_relations of the same variable first (in this question)
    assert agent.turn("Action: get_neighbors(SpaceX, spaceflight.rocket_engine_designer.rocket_engines)").observation == (
        "get_neighbors(SpaceX, spaceflight.rocket_engine_designer.rocket_engines) cannot be executed. "
        "You may make a mistake and need to fix it."
    )
    agent.turn("Action: get_relations(Gas-generator cycle)")
    agent.turn("Action: get_neighbors(Gas-generator cycle, spaceflight.rocket_engine_cycle.rocket_engines)")
    agent.turn("Action: get_relations(SpaceX)")
    agent.turn("Action: get_neighbors(SpaceX, spaceflight.rocket_manufacturer.rockets_manufactured)")
    # a non-tool name reports the arguments of the last call that split its arguments (stale, as the original)
    assert agent.turn("Action: frobnicate(#0)").observation == (
        "frobnicate(SpaceX, spaceflight.rocket_manufacturer.rockets_manufactured) cannot be executed. "
        "You may make a mistake and need to fix it."
    )
    # a name the original's module namespace holds gets as far as splitting its arguments first
    assert agent.turn("Action: final_execute(#0)").observation == (
        "final_execute(#0) cannot be executed. You may make a mistake and need to fix it."
    )
    assert agent.turn("Action: intersection(#0, #1)").observation == (
        "intersection(#0, #1) cannot be executed. The two variables are not of the same type. "
        "You may further explore them by call get_relations"
    )
    for bad in ("get_relations(Barack Obama)", "get_relations(#7)", "get_relations(#x)", "count(SpaceX)",
                "argmax(#0, spaceflight.rocket_engine.isp_vacuum)", "get_relations(#0, #1)"):  # fmt: skip
        t = agent.turn(f"Action: {bad}")
        assert t.invalid and "cannot be executed" in t.observation, bad
    assert len(agent.variables) == 2


def test_first_callable_name_on_the_action_line_runs(agent):
    t = agent.turn("Action: please(get_relations(SpaceX))")
    assert t.observation.startswith("Observation: [") and t.action == "get_relations(SpaceX)"
    t = agent.turn("Action 2: get_relations(SpaceX)\nAction: count(#0)")
    assert t.action == "get_relations(SpaceX)"


def test_union_is_callable_but_has_no_translation(agent):
    agent.turn("Action: get_relations(SpaceX)")
    agent.turn("Action: get_neighbors(SpaceX, spaceflight.rocket_engine_designer.rocket_engines)")
    agent.turn("Action: get_neighbors(SpaceX, spaceflight.rocket_engine_manufacturer.rocket_engines)")
    assert agent.turn("Action: union(#0, #1)").observation == "Observation: variable #2, which are instances of spaceflight.rocket_engine"
    assert agent.variables[2].program.startswith("(OR ")
    assert agent.toolbox.execute(agent.variables[2]) == []


def test_variables_compare_by_program():
    assert Variable("a", "(JOIN r m.1)") == Variable("b", "(JOIN r m.1)")
    assert len({Variable("a", "(JOIN r m.1)"), Variable("b", "(JOIN r m.1)")}) == 1
    with pytest.raises(ToolError):
        Toolbox.call(Toolbox(None, None), "get_relations", [])  # type: ignore[arg-type]
