"""Task options: declared by each task, one channel, typed, validated in one place."""

from __future__ import annotations

from typing import ClassVar

import pytest

from harness.errors import ConfigError
from harness.plan import PlannedTask, split_task_options
from harness.task import Protocol, TaskOption
from tests.core.fakes import CountdownTask


class OptionTask(CountdownTask):
    name: ClassVar[str] = "opt"
    protocol = Protocol(reference="ref-protocol", source="somewhere@abc")
    options_spec = (
        TaskOption(name="steps", type="int", default=8, minimum=1, help="rounds"),
        TaskOption(name="ratio", type="float", default=0.5),
        TaskOption(name="fast", type="bool", default=False),
        TaskOption(name="mode", type="choice", choices=("a", "b"), default="a"),
        TaskOption(name="workers", type="int", default=2, comparable=True),
        TaskOption(name="url", secret=True, comparable=True),
    )


class OtherTask(CountdownTask):
    name: ClassVar[str] = "other"
    options_spec = (TaskOption(name="steps", type="int", default=3),)


def test_typed_values_and_defaults():
    t = OptionTask(options={"steps": "12", "fast": "yes", "mode": "b", "ratio": "0.25"})
    assert t.option("steps") == 12 and t.option_bool("fast") is True and t.option_choice("mode") == "b"
    assert t.option("ratio") == 0.25 and t.option("workers") == 2 and t.option_str("url") is None
    assert OptionTask().options == {"steps": 8, "ratio": 0.5, "fast": False, "mode": "a", "workers": 2, "url": None}


@pytest.mark.parametrize(
    "given,needle",
    [
        ({"steps": "ten"}, "steps must be an integer"),
        ({"steps": "0"}, "must be >= 1"),
        ({"fast": "maybe"}, "true or false"),
        ({"mode": "c"}, "one of a, b"),
        ({"ratio": "x"}, "a number"),
        ({"nope": "1"}, "unknown task option 'nope'"),
    ],
)
def test_bad_values_are_bad_input(given, needle):
    with pytest.raises(ConfigError, match=needle):
        OptionTask(options=given)


def test_split_sends_plain_keys_to_every_task_that_declares_them_and_scoped_keys_to_one():
    classes = {"opt": OptionTask, "other": OtherTask}
    per = split_task_options({"steps": "4", "opt.mode": "b"}, classes)
    assert per == {"opt": {"steps": "4", "mode": "b"}, "other": {"steps": "4"}}
    with pytest.raises(ConfigError, match="no selected task takes option 'mode'"):
        split_task_options({"mode": "b"}, {"other": OtherTask})
    with pytest.raises(ConfigError, match="does not select"):
        split_task_options({"db.db_url": "x"}, classes)
    with pytest.raises(ConfigError, match="other: unknown task option 'mode'"):
        split_task_options({"other.mode": "b"}, classes)
    with pytest.raises(ConfigError, match="must be an integer"):
        split_task_options({"steps": "x"}, classes)


def test_comparability_names_each_reason():
    plan = PlannedTask(task=OptionTask(options={"steps": "3", "workers": "9", "url": "mysql://u:pw@h/"}), split="test",
                       samples=[], data=[])
    c = plan.comparability(judge_spec=None)
    assert c.reference == "ref-protocol" and c.source == "somewhere@abc" and not c.comparable
    assert c.reasons == ["option steps=3 (the protocol's is 8)"]  # workers and url cannot change a score
    same = PlannedTask(task=OptionTask(options={"steps": "8"}), split="test", samples=[], data=[])
    assert same.comparability(None).comparable  # the protocol's own value, given explicitly
