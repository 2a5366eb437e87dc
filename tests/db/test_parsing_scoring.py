"""Output parsing and answer comparison, exactly as AgentBench's DBBench does them (no server)."""

from __future__ import annotations

import pytest

from harness.task import SampleScore
from tasks.dbbench.parsing import parse_action, parse_answer, parse_sql
from tasks.dbbench.scoring import aggregate_scores, score_item, select_correct


def test_action_needs_a_newline_after_it():
    assert parse_action("I think.\nAction: Operation\n```sql\nSELECT 1;\n```") == "Operation"
    assert parse_action("Action: Answer\nFinal Answer: [1]") == "Answer"
    assert parse_action("Action: Answer") is None  # no newline after: no action
    assert parse_action("action: Operation\n") is None


def test_sql_block_first_one_on_one_line():
    text = "Action: Operation\n```sql\n  SELECT a\nFROM t;  \n```\n```sql\nDROP TABLE t;\n```"
    assert parse_sql(text) == "SELECT a FROM t;"
    assert parse_sql("Action: Operation\n```\nSELECT 1;\n```") is None  # not a sql block
    assert parse_sql("Action: Operation\n```sql SELECT 1; ```") is None  # must open with ```sql\n


def test_final_answer_needs_a_preceding_newline():
    assert parse_answer('Action: Answer\nFinal Answer: ["a", "b"]\nmore') == ' ["a", "b"]'
    assert parse_answer('Final Answer: ["a"]') is None
    assert parse_answer("Action: Answer\nFinal Answer:") == ""


@pytest.mark.parametrize(
    ("answer", "label", "ok"),
    [
        (' ["3"]', ["3"], True),
        (" [3.0]", ["3"], True),  # single values compare as floats
        (' ["3.00"]', ["3"], True),
        (" 3", ["3"], True),  # not a list: [answer], then float(" 3")
        (' ["Women +60kg Bronze"]', ["Women +60kg Bronze"], True),
        (' ["women +60kg bronze"]', ["Women +60kg Bronze"], False),  # strings compare exactly
        (' ["b", "a"]', ["a", "b"], True),  # several values compare as sets
        (' ["a", "a", "b"]', ["a", "b"], True),
        (' ["a"]', ["a", "b"], False),
        (' "ab"', ["a", "b"], True),  # a bare string becomes its characters (original quirk)
        (" [[1], [2]]", ["1", "2"], False),  # unhashable: wrong, no crash
        (" [1e999999]", ["1"], False),
        (" [10**1000]", ["1"], False),  # not a literal (eval's expressions are not run)
        ("", ["1"], False),
        (' ["nan"]', ["nan"], False),  # float('nan') != float('nan'), as in the original
    ],
)
def test_select_comparison(answer, label, ok):
    assert select_correct(answer, label) is ok


def test_modify_types_compare_the_fingerprint_text():
    truth = "[('03b2eddd4fe471e0f29fc9e907fd5a5d',)]"
    assert score_item("INSERT", truth, truth).score == 1.0
    assert score_item("UPDATE", "[('x',)]", truth).score == 0.0
    assert score_item("counting", " [2]", ["2"]).metrics["category"] == "SELECT"


def _s(t: str, v: float) -> SampleScore:
    return SampleScore(score=v, metrics={"type": t})


def test_overall_is_the_mean_of_three_categories():
    scores = [_s("counting", 1), _s("other", 0), _s("INSERT", 1), _s("UPDATE", 1), _s("UPDATE", 0)]
    agg = aggregate_scores(scores)
    assert agg.value == pytest.approx(100 * (0.5 + 1 + 0.5) / 3)
    assert agg.metrics["SELECT_accuracy"] == 50.0 and agg.metrics["SELECT_n"] == 2
    assert agg.metrics["counting_accuracy"] == 100.0 and agg.metrics["other_accuracy"] == 0.0
    assert agg.metrics["missing_categories"] == []
    assert agg.n == 5


def test_missing_categories_are_reported_not_zeroed():
    agg = aggregate_scores([_s("ranking", 1), _s("ranking", 1)])
    assert agg.value == 100.0
    assert agg.metrics["missing_categories"] == ["INSERT", "UPDATE"]
