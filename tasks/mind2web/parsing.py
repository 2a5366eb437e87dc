"""Reading the model's answer and the gold action, as AgentBench.old does.

``postprocess_action_llm``: the first ``Answer: X`` with X in A-F (absent: "A", i.e. "None of the
above"), the first ``Action: CLICK|SELECT|TYPE`` and the first ``Value: ...`` line; the predicted
action is ``"{op} {value}"`` (stripped parts joined by one space, so a bare CLICK is ``"CLICK "``).
The gold action is read back with the same expressions from Mind2Web's target text
(``B.\\nAction: OP\\nValue: V``, no Value line for CLICK): ``postprocess_action``.
"""

from __future__ import annotations

import re

from pydantic import BaseModel

NONE_LETTER = "A"
_ANSWER = re.compile(r"Answer: (A|B|C|D|E|F)")
_ACTION = re.compile(r"Action: (CLICK|SELECT|TYPE)")
_VALUE = re.compile(r"Value: (.*)$", re.MULTILINE)


class Answer(BaseModel):
    """One round's answer."""

    letter: str
    """A-F; "A" when the output has no ``Answer:`` line (the original's default)."""
    action: str
    """``"{op} {value}"`` as the original builds it (``" "`` when neither is given)."""
    has_answer: bool
    has_action: bool


def _action_and_value(text: str) -> tuple[str, str, bool]:
    op = _ACTION.search(text)
    value = _VALUE.search(text)
    op_text = op.group(1) if op is not None else ""
    value_text = value.group(1) if value is not None else ""
    return op_text.strip() + " " + value_text.strip(), op_text, op is not None


def parse_answer(output: str) -> Answer:
    """The model's letter and action (never raises: anything unreadable is "A" with no action)."""
    text = (output or "").strip()
    answer = _ANSWER.search(text)
    action, _, has_action = _action_and_value(text)
    return Answer(
        letter=answer.group(1) if answer is not None else NONE_LETTER,
        action=action,
        has_answer=answer is not None,
        has_action=has_action,
    )


def gold_action(op: str, value: str) -> str:
    """The gold ``"{op} {value}"``, read back from Mind2Web's target text like the original."""
    target = f"B.\nAction: {op}\n"
    if op != "CLICK":
        target += f"Value: {value}"
    action, _, _ = _action_and_value(target.strip())
    return action


def action_f1(predicted: str, gold: str) -> float:
    """Token F1 over the *sets* of whitespace-separated tokens (``calculate_f1``)."""
    pred = set(predicted.strip().split())
    label = set(gold.strip().split())
    if not pred and not label:
        return 1.0
    if not pred or not label:
        return 0.0
    tp = len(pred & label)
    precision = tp / len(pred)
    recall = tp / len(label)
    if precision == 0 or recall == 0:
        return 0.0
    return 2 * precision * recall / (precision + recall)
