"""GSM8K: the original's extraction is the main metric, the robust one a second metric of the same output."""

from __future__ import annotations

import pytest

from harness.metrics import SampleScore
from tasks.gsm8k import GSM8K
from tasks.gsm8k.answer import original_answer, predicted_answer


@pytest.mark.parametrize(
    "completion,original,robust",
    [
        ("So the answer is 42.", 42, 42.0),
        ("He makes 400*52=$20,800 per year more.", 800, 20800.0),  # the original splits separators
        ("The temperature drops to -3 degrees.", 3, -3.0),  # ... and drops minus signs
        ("It costs 5.5 dollars", 5, 5.5),
        ("Answer: 05", None, 5.0),  # eval("05") fails in the original
        ("Answer: 000", 0, 0.0),
        ("no number here", None, None),
        ("The answer is 7.\nQuestion: what is 8?", 7, 7.0),  # cut at the next "Question:"
    ],
)
def test_two_extractions(completion, original, robust):
    assert original_answer(completion) == original
    assert predicted_answer(completion) == robust


def test_main_score_is_the_originals_and_robust_is_recorded():
    task = GSM8K(data={"gsm8k": GSM8K.sample_data / "gsm8k"})
    sample = task.samples("test")[0]
    env = task.make_env(sample, None)
    env.reset()
    gold = env.scorer("x").metrics["gold"]
    env.step(f"The answer is {int(gold):,}.")  # written with a thousands separator
    score = env.evaluate(None)
    assert score.metrics["correct_robust"] is True
    assert score.score == (1.0 if int(gold) < 1000 else 0.0)
    agg = task.aggregate([(None, score), (None, SampleScore(score=1.0, metrics={"correct_robust": True}))])
    assert agg.metrics["accuracy_robust"] == 100.0
