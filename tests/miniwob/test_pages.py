"""The task pages: AgentTuning's pinned copy (loads and renders in Chromium, its own timers, its
all-or-nothing checkbox scoring), the PyPI pages as an option and as the bare-clone fallback."""

import itertools

import pytest

from harness.data import mirror_root
from tasks.miniwob import pages
from tasks.miniwob import prompts as P
from tasks.miniwob.browser import begin_episode, episode_max_time, episode_metadata, new_driver
from tasks.miniwob.dom_text import read_state
from tasks.miniwob.env import is_success
from tasks.miniwob.instructions import execute, parse_instruction
from tests.miniwob.support import needs_chromium, planned


def test_source_pins_the_46_pages_and_what_they_load():
    files = pages.pinned_files()
    assert {p for p in files if p.startswith("miniwob/")} == {f"miniwob/{t}.html" for t in P.task_names()}
    assert {"core/core.js", "core/core.css", "common/ui_utils.js", "common/shapes.js"} <= set(files)
    assert all(len(sha) == 64 for sha in files.values()) and len(files) == len(pages.SOURCE.files) == 96
    for f in pages.SOURCE.files:
        assert f.path.startswith(pages.HTML_DIR + "/") and f.url == f"{pages.RAW_BASE}/{f.path}"
    assert pages.SOURCE.revision == pages.REVISION and pages.SOURCE.mirror == "agenttuning"


def test_bare_clone_serves_the_pypi_pages_not_comparable(monkeypatch, tmp_path):
    monkeypatch.delenv("HARNESS_DATA_MIRROR", raising=False)
    monkeypatch.setenv("HARNESS_DATA_DIR", str(tmp_path))
    assert mirror_root() is None
    task = planned(tasks="click-test", episodes=1)
    assert task.data[pages.SOURCE.name] == pages.SAMPLE_DATA / pages.SOURCE.name
    assert task.pages.kind == "pypi" and task.pages.root == pages.pypi_html_dir()
    reasons = task.comparability()
    assert len(reasons) == 1 and "not pulled" in reasons[0] and "PyPI" in reasons[0]
    # The PyPI pages run on the evaluated pages' clocks.
    assert task.max_time_ms("click-button") == 200_000 and task.max_time_ms("click-test") == 1_000_000
    assert task.describe()["success"].startswith("final reward > 0, and raw reward 1 on click-checkboxes*")


def test_official_pages_from_the_mirror_are_comparable(mirror):
    task = planned()
    assert task.pages.official and task.pages.root.is_relative_to(task.data[pages.SOURCE.name])
    assert task.comparability() == [] and task.option_deviations() == []
    assert task.max_time_ms("click-button") is None  # the page keeps its own timer
    assert task.max_time_ms("terminal") is None and planned(max_time_ms=5000).max_time_ms("terminal") == 5000
    opted = planned(pages="pypi")
    assert not opted.pages.official and opted.option_deviations() and "pages=pypi" in opted.comparability()[0]


@pytest.fixture(scope="module")
def logging_driver():
    driver = new_driver(console_log=True)
    yield driver
    driver.quit()


@needs_chromium
def test_pinned_pages_load_and_render(mirror, logging_driver):
    """Each of the 46 pages from the verified cache: no failed load or script error, an utterance, a
    visible task area, and the page's own episode timer (the table the PyPI pages borrow)."""
    task = planned()
    assert task.pages.official
    for name in P.task_names():
        url = task.pages.url(name)
        assert url.startswith(task.pages.root.as_uri())
        begin_episode(logging_driver, url, 0.5, task.max_time_ms(name))
        state = read_state(logging_driver)
        assert state.utterance.strip() and 'data-wob_ref="' in state.html(name), name
        shown = logging_driver.execute_script(
            "var r = document.getElementById('area').getBoundingClientRect(); return r.width > 0 && r.height > 0;"
        )
        assert shown, name
        severe = [e["message"] for e in logging_driver.get_log("browser") if e["level"] == "SEVERE"]
        assert not severe, (name, severe)
        assert episode_max_time(logging_driver) == pages.protocol_max_time_ms(name), name


def _tick_first_of_several(driver, page_set: pages.Pages, seed: float) -> dict | None:
    """click-checkboxes: when at least two boxes are to be ticked, tick only the first and submit."""
    begin_episode(driver, page_set.url("click-checkboxes"), seed, page_set.episode_max_time_ms("click-checkboxes"))
    names = read_state(driver).utterance.removeprefix("Select ").removesuffix(" and click Submit.").split(", ")
    if len(names) < 2:
        return None
    execute(driver, parse_instruction(f'clickxpath //label[normalize-space(.)="{names[0]}"]/input'))
    execute(driver, parse_instruction('clickxpath //button[@id="subbtn"]'))
    return episode_metadata(driver)


@needs_chromium
def test_checkboxes_all_or_nothing(mirror, logging_driver):
    official, pypi = planned().pages, planned(pages="pypi").pages
    seeds = [i / 40 for i in range(1, 40)]
    metas = (m for s in seeds if (m := _tick_first_of_several(logging_driver, official, s)) is not None)
    first = list(itertools.islice(metas, 3))
    assert len(first) == 3 and all(m["done"] and m["raw_reward"] == -1 for m in first)  # AgentTuning's: all right, or -1
    partial = next(
        m for s in seeds if (m := _tick_first_of_several(logging_driver, pypi, s)) is not None and m["raw_reward"] > 0
    )
    assert partial["raw_reward"] < 1 and partial["env_reward"] > 0  # PyPI's partial credit ...
    assert not is_success("click-checkboxes", partial["env_reward"], partial["raw_reward"], all_or_nothing=True)
