"""RCI prompt assembly and instruction parsing (no browser)."""

import pytest

from harness.task import SampleScore, Status
from tasks.miniwob import MiniWoB, episode_seed
from tasks.miniwob import prompts as P
from tasks.miniwob.instructions import InvalidInstruction, matches_regex, parse_instruction, process_instruction
from tasks.miniwob.oracle import MiniWoBOracle
from tasks.miniwob.rci_agent import RCIAgent, Stage, plan_steps


def test_task_list_and_samples():
    assert len(P.task_names()) == 46
    task = MiniWoB(options={"tasks": "click-button,enter-text", "episodes": "3"})
    samples = task.samples("test")
    assert [s.id for s in samples] == [f"{t}/{e}" for t in ("click-button", "enter-text") for e in range(3)]
    assert samples[0].data["seed"] == episode_seed("click-button", 0) != episode_seed("click-button", 1)
    assert len(MiniWoB().samples("test")) == 460
    assert set(MiniWoB.oracle_tasks) <= set(P.task_names()) and len(MiniWoB.oracle_tasks) >= 10
    from harness.errors import ConfigError

    with pytest.raises(ConfigError, match="unknown MiniWoB"):
        MiniWoB(options={"tasks": "no-such-task"}).samples("test")


def test_prompt_regex_substitution_and_messages():
    base = P.task_prompts("enter-text").base  # generic prompt folder
    assert "{type}" not in base and r"^type\s.{1,}$" in base and r"^clickxpath\s.{1,}$" in base
    msgs = P.chat_messages("PT")
    assert [m.role for m in msgs] == ["system", "user", "assistant", "user", "assistant", "user", "assistant", "user"]
    assert msgs[0].content == P.SYSTEM_PROMPT and msgs[2].content == "Ok."
    assert msgs[-1].content == P.NEW_TASK + "PT"
    assert P.clean_reply("  clickxpath //a [INST] more") == "clickxpath //a"


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("clickxpath //*[@id='x']` and more", "clickxpath //*[@id='x']"),
        ("'type hello'", "type hello"),
        ("type a\\nb", "type a\nb"),
    ],
)
def test_process_instruction(raw, expected):
    assert process_instruction(raw) == expected


def test_regex_and_parse():
    assert matches_regex("clickxpath //button") and matches_regex("PRESS enter") and matches_regex("type abc")
    assert not matches_regex("click the submit button") and not matches_regex("press tab")
    assert parse_instruction('type "hi there"').arg == "hi there"
    assert parse_instruction("press Enter").kind == "press"
    with pytest.raises(InvalidInstruction):
        parse_instruction("type\tabc")  # passes the regex, but the original splits on spaces
    with pytest.raises(InvalidInstruction):
        parse_instruction("scroll down")


def test_plan_steps_counts_markers_plus_one():
    assert plan_steps("1. a\n2. b\n3. c") == 4
    assert plan_steps("no numbers") == 1


def _through_plan(agent: RCIAgent) -> str:
    first = agent.start("Click the button.", "<div id='wrap'></div>")
    assert first.prompt.endswith("plan:") and "Current task: Click the button.\n" in first.prompt
    crit = agent.feed("1. clickxpath //button")
    assert crit.prompt.endswith(P.CRITIQUE_PROMPT)
    replan = agent.feed("Looks fine.")
    assert replan.prompt.endswith(P.REPLAN_PROMPT)
    act = agent.feed("1. clickxpath //button")
    assert agent.stage is Stage.ACTION and agent.steps == 2
    assert P.PLAN_HEADER + "1. clickxpath //button" in act.prompt and P.NO_HISTORY in act.prompt
    return act.prompt


def test_rci_repair_then_failure():
    agent = RCIAgent("click-option")  # has a grounding prompt
    _through_plan(agent)
    ground = agent.feed("I would click the button")
    assert agent.stage is Stage.GROUND and ground.prompt.endswith(P.task_prompts("click-option").update_action)
    replies = [agent.feed("click it") for _ in range(4)]
    assert all(r.prompt and r.prompt.endswith(P.task_prompts("click-option").rci_action) for r in replies[:3])
    assert replies[3].failed and replies[3].instruction is None


def test_rci_valid_instruction_and_history():
    agent = RCIAgent("click-dialog")  # empty grounding prompt: the answer is checked directly
    _through_plan(agent)
    out = agent.feed("clickxpath //button[@title='Close']` more text")
    assert out.instruction == "clickxpath //button[@title='Close']"
    nxt = agent.observe("<div id='wrap'>changed</div>")
    assert "1: clickxpath //button[@title='Close']\n" in nxt.prompt and "changed" in nxt.prompt


def test_oracle_unknown_task_answers_nothing():
    oracle = MiniWoBOracle("no-such-task")
    assert oracle.act([P.chat_messages("anything")[-1]]) == ""
    assert oracle.account(SampleScore(score=0.0), Status.INVALID_FORMAT).reason == "not_scripted"
