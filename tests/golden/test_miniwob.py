"""Golden render of MiniWoB++ as eval_heldout/miniwob++/llm_agent.py builds AgentLM's TGI inputs
(``get_response``): llama-2 with the system message; BIG_PROMPT answered "Ok."; few-shot
conversations 0 and 5 of ``prompt/few-shot.json``; then the RCI prompt ``pt`` of the call. Checked
for the plan, the plan critique, the revised plan and the first action of one click-button episode
(``--erci 1 --irci 3 --sgrounding``), the page's HTML taken from the real page in Chromium."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tasks.miniwob import MiniWoB, browser
from tests.golden.protocol import HELPFUL, fastchat_llama2, original, through_tgi

NEW_TASK = "The previous task has ended, and I'll start a new task now.\n\n"
pytestmark = pytest.mark.skipif(
    not (Path(browser.CHROMEDRIVER).exists() and Path(browser.CHROME_BINARY).exists()),
    reason="Debian chromium / chromium-driver not installed",
)


def get_response(pt: str) -> str:
    (ex0, ex5) = original("miniwob.few_shot_0_5")
    return fastchat_llama2([original("miniwob.big_prompt"), "Ok.", ex0[0], ex0[1], NEW_TASK + ex5[0], ex5[1],
                            NEW_TASK + pt, None], system=HELPFUL)


def base_prompt() -> str:
    """``Prompt.replace_regex`` with ``llm = "davinci"`` (what the TGI runs used)."""
    text = original("miniwob.click-button.base").replace("{type}", "^type\\s.{1,}$")
    for key, regex in (("press", "^press\\s(enter|arrowleft|arrowright|arrowup|arrowdown|backspace)$"),
                       ("clickxpath", "^clickxpath\\s.{1,}$"), ("clickoption", "^clickoption\\s.{1,}$"),
                       ("movemouse", "^movemouse\\s.{1,}$")):
        text = text.replace("{" + key + "}", regex)
    return text


def test_miniwob_plan_critique_revision_and_first_action():
    task = MiniWoB(options={"tasks": "click-button", "episodes": 1})
    sample = task.samples("test")[0]
    plan, critique, revised = "1. clickxpath //button[text()='ok']", "No problem.", "1. clickxpath //button"
    _, bodies = through_tgi(task, sample, [plan, critique, revised])
    html = re.findall(r"Below is the HTML code of the webpage where the agent should solve a task\.\n(.*?)\n\n",
                      bodies[0]["inputs"], re.DOTALL)[-1]  # the page as the environment serialised it (the last one: ours)
    goal = re.search(r'<div id="query">(.*?)</div>', html).group(1)
    state = "\n\nBelow is the HTML code of the webpage where the agent should solve a task.\n" + html + "\n\n"
    # initialize_plan: base + webpage_state_prompt(True, with_task=True) + initialize_plan.txt
    pt = (base_prompt() + state + original("miniwob.click-button.example") + "\n\n" + f"Current task: {goal}\n"
          + original("miniwob.click-button.initialize_plan"))
    assert bodies[0]["inputs"] == get_response(pt)
    pt += "\n" + plan  # message = "\n" + get_response(pt)
    pt += "\n\nFind problems with this plan for the given task compared to the example plans.\n\n"  # rci_plan
    assert bodies[1]["inputs"] == get_response(pt)
    pt += critique + "\n\nBased on this, what is the plan for the agent to complete the task?\n\n"
    assert bodies[2]["inputs"] == get_response(pt)
    # generate_action: base + state (no example) + the current plan + the history + the first-action prompt
    action = (base_prompt() + state + f"Current task: {goal}\n" + "\n\nHere is a plan you are following now.\n"
              + revised + "\n\n" + "\n\nWe have a history of instructions that have been already executed by the "
              "autonomous agent so far.\nNo instruction has been executed yet.\n\n"
              + "Based on the plan and the history of instructions executed so far, "
              + original("miniwob.click-button.first_action"))
    assert bodies[3]["inputs"] == get_response(action)
    params = bodies[0]["parameters"]  # get_response's TGI request: greedy, 512 new tokens, truncate 4000
    assert (params["max_new_tokens"], params["do_sample"], params["truncate"]) == (512, False, 4000)
