"""The scripted oracle on real pages: every one of the 46 tasks (two episodes each here; all 460
episodes with MINIWOB_FULL_ORACLE=1), and its accounting of a page that rejects a right answer."""

import os

import pytest

from harness.task import SampleScore, Status
from tasks.miniwob import MiniWoB
from tasks.miniwob import prompts as P
from tasks.miniwob.oracle import MiniWoBOracle, plan_text
from tasks.miniwob.solvers import SOLVERS, Later, Unsolvable, View, solve
from tests.miniwob.support import needs_chromium, planned, run_oracle


def _explained(record) -> bool:
    return record.oracle is not None and not record.oracle.solvable and record.oracle.reason == "page_defect"


@needs_chromium
@pytest.mark.parametrize("name", P.task_names())
def test_oracle_solves_each_task(name, pool):
    task = planned(tasks=name, episodes=2)
    records = run_oracle(task, pool)
    assert len(records) == 2 and all(r.error is None for r in records), [r.error for r in records]
    unexplained = [(r.sample_id, r.status, r.metrics, r.oracle) for r in records if r.score != 1.0 and not _explained(r)]
    assert not unexplained
    assert all(r.metrics["task"] == name and r.metrics["instructions"] >= 1 for r in records)


@needs_chromium
@pytest.mark.slow
@pytest.mark.timeout(1800)
@pytest.mark.skipif(not os.environ.get("MINIWOB_FULL_ORACLE"), reason="the 460-episode run: set MINIWOB_FULL_ORACLE=1")
def test_full_oracle_run(pool):
    task = planned()
    records = run_oracle(task, pool)
    assert len(records) == 460 and not [r for r in records if r.error]
    misses = [r for r in records if r.score != 1.0]
    assert not [r.sample_id for r in misses if not _explained(r)]
    # Only simple-algebra's page mis-scores (a hidden '-' shown as 'a + x = b'); measured 5 of its 10.
    assert {r.metrics["task"] for r in misses} <= {"simple-algebra"}
    if task.pages.official:
        assert len(misses) == 5


def test_every_task_has_a_solver():
    assert set(SOLVERS) == set(P.task_names()) and MiniWoB.oracle_tasks == P.task_names()


def test_solvers_read_goal_and_page_offline():
    html = (
        '<div id="wrap"><div id="area"><span data-color="red"></span><span data-color="blue"></span>'
        '<span data-color="red"></span><button id="submit">Submit</button></div></div>'
    )
    steps = solve("click-shades", View(goal="Select all the shades of red and press Submit.", html=html))
    assert steps == [
        'clickxpath //div[@id="area"]/span[1]',
        'clickxpath //div[@id="area"]/span[3]',
        'clickxpath //button[@id="submit"]',
    ]
    svg = (
        '<svg id="area_svg"><text fill="red" font-size="20px">4</text><rect width="10" fill="blue"></rect>'
        '<circle r="10" fill="blue"></circle><text fill="blue" font-size="10px">k</text></svg>'
    )
    assert solve("click-shape", View(goal="Click on a large blue item", html=svg)) == ['clickxpath //*[@id="area_svg"]/*[3]']
    count = '<div id="count-buttons"><button>2</button></div>'
    assert solve("count-shape", View(goal="How many blue items are there?", html=svg + count)) == [
        'clickxpath //div[@id="count-buttons"]/button[text()="3"]'
    ]
    with pytest.raises(Unsolvable):  # the synonym lists live in the page's script
        solve("click-checkboxes-soft", View(goal="Select words similar to big and click Submit.", html="<label>huge</label>"))


def test_terminal_decides_the_file_from_the_listing():
    steps = solve("terminal", View(goal="Use the terminal below to delete a file ending with the extension .gz", html=""))
    later = steps[3]
    assert isinstance(later, Later) and "4. type rm <" in plan_text(steps)
    listing = '<div class="terminal-output"><span class="output">a.py b.tar.gz c</span></div>'
    assert later.decide(View(goal="", html=listing)) == "type rm b.tar.gz"
    none = solve("terminal", View(goal="Use the terminal below to delete a file that has no file extension.", html=""))
    assert none[3].decide(View(goal="", html=listing)) == "type rm c"


def test_accounting_names_a_page_that_rejects_the_right_answer():
    oracle = MiniWoBOracle("simple-algebra")
    pt = P.task_prompts("simple-algebra").base + "\n\n" + P.HTML_HEADER
    pt += '<div id="math-problem">7 + x = 36</div>\n\nCurrent task: Solve for x and type your answer.\n'
    plan = oracle.act([P.chat_messages(pt)[-1]])
    assert "type 29" in plan and "defect_if_rejected" in oracle.notes
    rejected = SampleScore(score=0.0, metrics={"reward": -1.0})
    account = oracle.account(rejected, Status.COMPLETED)
    assert account.solvable is False and account.reason == "page_defect" and "expects -29" in account.detail["defect"]
    # Not rejected by the page (the plan ran out): the miss stays unexplained.
    assert oracle.account(SampleScore(score=0.0, metrics={"reward": 0.0}), Status.TASK_LIMIT_REACHED).solvable
    # 'x + a = b' is scored right by the page: no excuse recorded.
    other = MiniWoBOracle("simple-algebra")
    other.act([P.chat_messages(pt.replace("7 + x = 36", "x + 7 = 36"))[-1]])
    assert other.account(rejected, Status.COMPLETED).solvable
