"""The task through the harness: samples, the oracle on every authored goal, the round limit,
history trimming, the aggregate, and bad input on the command line."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest

from harness.loop import run_episode
from harness.model import Generation, GenerationRequest, Model
from harness.oracle import OracleModel
from harness.task import RunContext, Status
from tasks.webshop import WebShop

from .conftest import SAMPLE_DIR

REPO = Path(__file__).resolve().parents[2]


def _task(**options) -> WebShop:
    return WebShop(data={"webshop": SAMPLE_DIR}, options=options)


class Scripted(Model):
    """A model that answers from a list, then repeats its last answer."""

    name = adapter = "scripted"
    cacheable = False

    def __init__(self, answers: Sequence[str]):
        self.answers = list(answers)
        self.requests: list[GenerationRequest] = []

    async def generate(self, request: GenerationRequest) -> Generation:
        self.requests.append(request)
        n = min(len(self.requests), len(self.answers)) - 1
        return Generation(text=self.answers[n])


def test_samples_are_the_goals_in_order():
    task = _task()
    samples = task.samples("std")
    assert len(samples) == 62 and samples[0].id == "std-000" and samples[-1].id == "std-061"
    assert samples[0].data["goal"]["asin"] == "B0AE400013"
    assert task.authored  # the core marks bundled data not comparable; the task adds its substitutes:
    reasons = task.comparability()
    assert any("bm25s" in r for r in reasons) and any("title nouns" in r for r in reasons)


async def test_oracle_buys_every_authored_goal_for_reward_one():
    task = _task()
    rounds = []
    for sample in task.samples("std"):
        record = await run_episode(task, sample, OracleModel(), RunContext(), "std")
        assert record.status is Status.COMPLETED and record.score == 1.0, (sample.id, record.metrics)
        assert record.metrics["purchased_asin"] == sample.data["goal"]["asin"]
        assert record.oracle is not None and record.oracle.solvable
        rounds.append(record.turns)
    assert max(rounds) <= 10 and sum(rounds) / len(rounds) > 3  # search, open, (options), buy


async def test_ten_rounds_then_the_episode_ends_with_zero():
    task = _task()
    sample = task.samples("std")[0]
    model = Scripted(["Thought:\nI think I should look around.\n\nAction:\nsearch[batteries]"])
    record = await run_episode(task, sample, model, RunContext(), "std")
    assert record.status is Status.TASK_LIMIT_REACHED and record.turns == 10 and record.score == 0.0
    assert len(model.requests) == 10
    # every request carries the instruction turn first; no trimming is needed this short
    assert all(r.messages[0].content.startswith("\nYou are web shopping.") for r in model.requests)
    last = model.requests[-1].messages[-1].content
    assert last.startswith("Observation:\nInstruction: [SEP] i need high capacity rechargeable aa batteries")


async def test_unparsable_answer_scores_zero_and_counts_as_format_failure():
    task = _task()
    sample = task.samples("std")[0]
    record = await run_episode(task, sample, Scripted(["I would buy the batteries."]), RunContext(), "std")
    assert record.status is Status.INVALID_FORMAT and record.turns == 1 and record.score == 0.0
    assert record.metrics["format_fail"] is True


async def test_long_histories_are_trimmed_as_agentbench_does():
    task = _task()
    sample = task.samples("std")[0]
    filler = "Thought:\n" + "I think this is a very long deliberation. " * 120 + "\n\nAction:\nsearch[batteries]"
    model = Scripted([filler])
    await run_episode(task, sample, model, RunContext(), "std")
    notices = [r.messages[0].content for r in model.requests if "[NOTICE]" in r.messages[0].content]
    assert notices and notices[-1].endswith("messages are omitted.")


def test_aggregate_adds_agentbench_metrics():
    from harness.task import SampleScore

    scores = [
        (None, SampleScore(score=1.0, metrics={"format_fail": False, "rounds": 4})),
        (None, SampleScore(score=0.5, metrics={"format_fail": False, "rounds": 6})),
        (None, SampleScore(score=0.0, metrics={"format_fail": True, "rounds": 1})),
    ]
    result = _task().aggregate(scores)
    assert result.value == pytest.approx(50.0) and result.n == 3
    assert result.metrics["format_fail_rate"] == pytest.approx(1 / 3)
    assert result.metrics["average_round"] == pytest.approx(11 / 3)


def _harness(*args: str, tmp_path: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "HARNESS_RUNS_DIR": str(tmp_path / "runs")}
    return subprocess.run(
        [sys.executable, "-m", "harness.cli", *args],
        check=False,
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
        cwd=REPO,
    )


def test_malformed_catalogue_on_the_command_line_is_one_line_exit_2(tmp_path):
    bad = tmp_path / "data"
    bad.mkdir()
    for name in ("items_ins_v2_1000.json", "items_human_ins.json"):
        (bad / name).write_text((SAMPLE_DIR / name).read_text())
    (bad / "items_shuffle_1000.json").write_text('[{"asin": "B01", "name": 3}]')
    proc = _harness("run", "--model", "oracle", "--task", "webshop", "--task-opt", f"data_dir={bad}", tmp_path=tmp_path)
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert proc.returncode == 2, proc.stderr
    assert len(lines) == 1 and lines[0].startswith("harness: error: webshop:"), proc.stderr
    assert str(bad / "items_shuffle_1000.json") in lines[0] and "Traceback" not in proc.stderr


def test_bad_options_are_bad_input():
    from harness.errors import ConfigError, HarnessError

    with pytest.raises(ConfigError, match="observation_mode must be one of text, text_rich"):
        _task(observation_mode="html")
    with pytest.raises(ConfigError, match="unknown task option 'rounds'"):
        _task(rounds=5)
    with pytest.raises(HarnessError, match="catalog=full needs data_dir"):
        WebShop(data={"webshop": SAMPLE_DIR}, options={"catalog": "full"}).samples("std")
    with pytest.raises(HarnessError, match="split 'dev' .* is empty"):
        _task().samples("dev")


async def test_oracle_explains_a_goal_the_data_cannot_satisfy(tmp_path):
    import json

    data = tmp_path / "webshop"
    data.mkdir()
    for name in ("items_shuffle_1000.json", "items_ins_v2_1000.json"):
        (data / name).write_text((SAMPLE_DIR / name).read_text())
    human = json.loads((SAMPLE_DIR / "items_human_ins.json").read_text())
    human = {"B0AF200001": human["B0AF200001"][:1]}
    human["B0AF200001"][0]["instruction_options"] = ["navy blue", "size 15 extra wide"]  # not offered
    (data / "items_human_ins.json").write_text(json.dumps(human))
    task = WebShop(data={"webshop": data})
    (sample,) = task.samples("std")
    record = await run_episode(task, sample, OracleModel(), RunContext(), "std")
    assert record.status is Status.COMPLETED and record.score == pytest.approx(3 / 4)
    assert record.oracle.solvable is False and record.oracle.reason == "data_defect"
    assert "'size 15 extra wide' is not an option of the target product" in record.oracle.detail["defects"][0]


def test_a_mirror_without_the_webshop_files_falls_back_to_the_authored_catalogue(tmp_path, monkeypatch):
    from harness.data import resolve
    from tasks.webshop.source import WEBSHOP_SOURCE

    (tmp_path / "mirror" / "webshop" / "baseline_models").mkdir(parents=True)  # the mirror's webshop/ has no catalogue
    monkeypatch.setenv("HARNESS_DATA_MIRROR", str(tmp_path / "mirror"))
    monkeypatch.setenv("HARNESS_DATA_DIR", str(tmp_path / "cache"))
    resolved = resolve(WEBSHOP_SOURCE, WebShop.sample_data)
    assert resolved.origin == "bundled-sample" and resolved.path == str(SAMPLE_DIR)
    for name in ("items_shuffle_1000.json", "items_ins_v2_1000.json", "items_human_ins.json"):
        (tmp_path / "mirror" / "webshop" / name).write_text((SAMPLE_DIR / name).read_text())
    with pytest.raises(Exception, match="checksum mismatch"):  # a mirror holding other bytes is refused
        resolve(WEBSHOP_SOURCE, WebShop.sample_data)


def test_oracle_run_from_the_command_line(tmp_path):
    proc = _harness("run", "--model", "oracle", "--task", "webshop", "--limit", "3", tmp_path=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "bundled sample set" in proc.stderr
    assert "webshop" in proc.stdout and "100.0" in proc.stdout
