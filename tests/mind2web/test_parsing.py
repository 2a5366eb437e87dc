"""Reading answers and gold actions the way AgentBench.old does; the action F1."""

from __future__ import annotations

import pytest

from tasks.mind2web.parsing import action_f1, gold_action, parse_answer


@pytest.mark.parametrize(
    "output, letter, action, has_answer",
    [
        ("Thought: pick it.\nAnswer: C.\nAction: SELECT\nValue: Pickup", "C", "SELECT Pickup", True),
        ("Thought: none fits.\nAnswer: A.", "A", " ", True),
        ("Answer: D.\nAction: CLICK", "D", "CLICK ", True),
        ("Answer: B.\nAction: TYPE\nValue:   New York  \nValue: ignored", "B", "TYPE New York", True),
        # the first match of each line counts, wherever it is
        ("Answer: E. no wait, Answer: B.\nAction: TYPE\nAction: CLICK", "E", "TYPE ", True),
        # malformed: no Answer line -> "A" (none of the above), as in the original
        ("I would click the search button.", "A", " ", False),
        ("answer: b\naction: click", "A", " ", False),  # case-sensitive, as in the original
        ("Answer: G.\nAction: CLICK", "A", "CLICK ", False),  # only A-F are letters
        ("", "A", " ", False),
        ("\x00\udcff garbage", "A", " ", False),
    ],
)
def test_parse_answer(output, letter, action, has_answer):
    answer = parse_answer(output)
    assert (answer.letter, answer.action, answer.has_answer) == (letter, action, has_answer)


def test_gold_action_reads_the_target_text_back():
    assert gold_action("CLICK", "") == "CLICK "
    assert gold_action("CLICK", "ignored for clicks") == "CLICK "  # CLICK targets carry no Value line
    assert gold_action("TYPE", "Brooklyn") == "TYPE Brooklyn"
    assert gold_action("SELECT", "2 Adults") == "SELECT 2 Adults"
    assert gold_action("TYPE", "") == "TYPE "
    assert gold_action("TYPE", "two\nlines") == "TYPE two"  # the Value regex stops at the line end


@pytest.mark.parametrize(
    "pred, gold, f1",
    [
        ("CLICK ", "CLICK ", 1.0),
        ("TYPE New York", "TYPE New York", 1.0),
        ("TYPE new york", "TYPE New York", 2 * (1 / 3) * (1 / 3) / (2 / 3)),  # case-sensitive tokens
        ("TYPE New", "TYPE New York", 0.8),  # P = 1, R = 2/3
        ("TYPE New New New", "TYPE New", 1.0),  # sets, not multisets
        ("SELECT 2 Adults", "TYPE 2 Adults", 2 / 3),
        ("CLICK", "TYPE Denver", 0.0),
        (" ", "CLICK ", 0.0),
        (" ", " ", 1.0),
    ],
)
def test_action_f1(pred, gold, f1):
    assert action_f1(pred, gold) == pytest.approx(f1)
