"""AgentTuning's MMLU prompt (eval_general/eval_mmlu_hf.py): 5-shot Llama-2 chat.

The conversation: a per-subject system prompt; the subject's first five dev questions as user
turns, each answered ``Answer: <letter>``; then the test question as the last user turn. The
original renders it with FastChat's ``llama-2`` template and appends `` Answer: `` after the
final ``[/INST]``; the prediction is the most likely next token among `` A``..`` D``.
"""

from __future__ import annotations

from collections.abc import Sequence

from harness.model import Message, assistant, system, user
from tasks.mmlu.source import LETTERS, Question

N_SHOTS = 5
ANSWER_SUFFIX = " Answer: "
CHOICES: tuple[str, ...] = tuple(f" {letter}" for letter in LETTERS)
"""The continuations scored (the original reads the logits of the last token of " A".." D")."""

# FastChat's llama-2 conversation template (separator style LLAMA2), as AgentTuning rendered it.
_SYS_OPEN = "[INST] <<SYS>>\n"
_SYS_CLOSE = "\n<</SYS>>\n\n"
_ROLES = ("[INST]", "[/INST]")
_SEPS = (" ", " </s><s>")


def format_subject(subject: str) -> str:
    """``high_school_us_history`` -> ``high school us history``."""
    return " ".join(subject.split("_")).strip()


def system_prompt(subject: str) -> str:
    """The per-subject system prompt (verbatim protocol text)."""
    return (
        f"The following is a multiple-choice question about {format_subject(subject)}. "
        "Please choose the most suitable one among A, B, C and D as the answer to this question."
    )


def question_text(q: Question) -> str:
    """``Question: ...`` followed by the four lettered options, one per line."""
    return f"Question: {q.question}\n" + "\n".join(f"{letter}. {opt}" for letter, opt in zip(LETTERS, q.options))


def test_turn(q: Question) -> str:
    """The last user turn. The original builds ``question_text + "\\nAnswer:"``, splits it at
    ``Answer:`` and right-strips the first part; no MMLU question or option contains ``Answer:``,
    so that equals the right-stripped question text (which we build directly, so a question that
    did contain it would not be cut short)."""
    return question_text(q).rstrip()


def build_messages(subject: str, shots: Sequence[Question], q: Question, k: int = N_SHOTS) -> list[Message]:
    """System prompt, ``k`` dev question/answer turns, the test question."""
    if len(shots) < k:
        raise ValueError(f"{subject}: {k} dev questions needed for the few-shot prompt, found {len(shots)}")
    messages = [system(system_prompt(subject))]
    for shot in shots[:k]:
        messages += [user(question_text(shot)), assistant("Answer: " + shot.answer)]
    messages.append(user(test_turn(q)))
    return messages


def render_llama2(messages: Sequence[Message]) -> str:
    """Render a conversation that ends with a user turn in the llama-2 template, up to and
    including the final ``[/INST]`` (the open assistant slot)."""
    turns = list(messages)
    if turns and turns[0].role == "system":
        out = _SYS_OPEN + turns[0].content + _SYS_CLOSE
        turns = turns[1:]
    else:
        out = "[INST] "
    for i, message in enumerate(turns):
        expected = "user" if i % 2 == 0 else "assistant"
        if message.role != expected:
            raise ValueError(f"llama-2 turns must alternate user/assistant; turn {i} is {message.role}")
        if not message.content:
            out += _ROLES[i % 2]
        elif i == 0:
            out += message.content + " "
        else:
            out += _ROLES[i % 2] + " " + message.content + _SEPS[i % 2]
    if len(turns) % 2 == 0:
        raise ValueError("the conversation must end with a user turn")
    return out + _ROLES[1]


def raw_prompt(messages: Sequence[Message]) -> str:
    """The exact text the original fed the model: the llama-2 rendering plus `` Answer: ``."""
    return render_llama2(messages) + ANSWER_SUFFIX
