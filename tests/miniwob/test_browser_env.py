"""The real pages in Debian's Chromium: DOM text, the episode timer, invalid actions, browser reuse."""

import pytest

from harness.loop import run_episode
from harness.model import Generation, GenerationRequest, Model
from harness.task import RunContext, Status
from tasks.miniwob import MiniWoB, browser, pages
from tasks.miniwob.dom_text import read_state
from tests.miniwob.support import needs_chromium, planned

pytestmark = needs_chromium


class Scripted(Model):
    """Answers the given texts in turn, then repeats the last one."""

    name = adapter = "scripted"

    def __init__(self, texts):
        self.texts = list(texts)
        self.calls = 0

    async def generate(self, request: GenerationRequest) -> Generation:
        text = self.texts[min(self.calls, len(self.texts) - 1)]
        self.calls += 1
        return Generation(text=text)


@pytest.fixture(scope="module")
def driver():
    d = browser.new_driver()
    yield d
    d.quit()


def test_dom_text_has_refs_and_extra_html(driver):
    served = planned().pages  # AgentTuning's pages with the mirror, else PyPI's
    browser.begin_episode(driver, served.url("login-user"), 0.25)
    state = read_state(driver)
    assert state.utterance.startswith("Enter the username")
    html = state.html("login-user")
    assert html.startswith('<div id="wrap" data-wob_ref="2" data-wob_eps="e0">')
    assert 'id="username"' in html and 'data-wob_ref="' in html and state.utterance.split('"')[1] in html
    browser.begin_episode(driver, served.url("click-dialog"), 0.25)
    state = read_state(driver)
    assert 'role="dialog"' not in state.html_body and 'role="dialog"' in state.html("click-dialog")
    # The same seed gives the same page (episodes are reproducible).
    browser.begin_episode(driver, served.url("click-dialog"), 0.25)
    assert read_state(driver).html("click-dialog") == state.html("click-dialog")


@pytest.mark.parametrize("option", [{}, {"pages": "pypi"}])
def test_episode_timer_is_the_evaluated_pages(driver, option):
    """The evaluated pages keep their own timer; the PyPI pages (10-30 s) get the same values."""
    task = planned(**option)
    for name in ("click-test", "click-button", "terminal", "email-inbox"):
        browser.begin_episode(driver, task.pages.url(name), 0.5, task.max_time_ms(name))
        assert browser.episode_max_time(driver) == pages.protocol_max_time_ms(name) >= 200_000
    assert browser.episode_metadata(driver)["done"] is False


async def _run(task: MiniWoB, model: Model, sample_index: int = 0):
    ctx = RunContext()
    return await run_episode(task, task.samples("test")[sample_index], model, ctx, "test")


async def test_malformed_output_is_scored_invalid_and_browser_reused():
    task = planned(tasks="click-test", episodes=3, browsers=1)
    await task.start(RunContext())
    try:
        plan = "1. clickxpath //button"
        # Never a valid instruction: plan, critique, re-plan, action, grounding, 3 RCI repairs, fail.
        rec = await _run(task, Scripted([plan, "ok", plan, "I will click it", "click", "click", "click"]), 0)
        assert rec.status is Status.INVALID_ACTION and rec.score == 0.0 and rec.error is None
        assert rec.trajectory[-1].invalid and rec.turns == 8
        # An empty answer ends the episode (scored), not the run.
        rec = await _run(task, Scripted([""]), 1)
        assert rec.status is Status.INVALID_FORMAT and rec.score == 0.0
        # A valid instruction solves it, in the same (reused) browser.
        rec = await _run(task, Scripted([plan, "ok", plan, 'clickxpath //button[@id="subbtn"]']), 2)
        assert rec.status is Status.COMPLETED and rec.score == 1.0 and rec.metrics["reward"] > 0
        assert task._pool is not None and task._pool.created == 1
    finally:
        await task.stop()
