"""Incremental prompt rendering equals FastChat's ``get_prompt`` and costs O(new messages)."""

from __future__ import annotations

import json
import random

import pytest
from fastchat.conversation import SeparatorStyle, conv_templates

from adapters.prefix_memo import PrefixMemo
from adapters.templates import PromptRenderer, render_conversation
from harness.model import Message, assistant, system, user

TEXTS = ["", " ", "hi", " padded \n", "x" * 40, "\nline\n", "ünï [INST] </s>", '"q"\t\x01 𝄞 \\']


def _random_conversation(rng: random.Random) -> list[Message]:
    msgs: list[Message] = []
    if rng.random() < 0.4:
        msgs.append(system(rng.choice(TEXTS)))
    for i in range(rng.randint(0, 9)):
        msgs.append((user if i % 2 == 0 else assistant)(rng.choice(TEXTS) + str(rng.randint(0, 99))))
    return msgs


LLAMA2_STYLE = [k for k, v in conv_templates.items() if v.sep_style == SeparatorStyle.LLAMA2]


@pytest.mark.parametrize("template", [*LLAMA2_STYLE, "vicuna_v1.1", "qwen-7b-chat"])
def test_renders_exactly_like_fastchat_turn_after_turn(template):
    rng = random.Random(1)
    for _ in range(400):
        default = rng.choice([None, "", "Default system."])
        strip = rng.random() < 0.5
        renderer = PromptRenderer(template, default)
        msgs = _random_conversation(rng)
        start = 1 if msgs and msgs[0].role == "system" else 0
        for k in range(start, len(msgs) + 1):  # the loop sends the growing history each turn
            got = renderer.render(tuple(msgs[:k]), strip)
            assert got == render_conversation(template, msgs[:k], default, strip)
            assert renderer.render_json(tuple(msgs[:k]), strip) == json.dumps(got)


def test_llama2_turns_reuse_the_rendered_prefix():
    renderer = PromptRenderer("llama-2")
    assert renderer.incremental
    history = [user("instruction")]
    for k in range(30):
        renderer.render(tuple(history), strip=True)
        history += [assistant(f"action {k}"), user(f"observation {k}")]
    assert renderer.memo.misses == 1 and renderer.memo.hits == 29


def test_a_changed_message_in_the_middle_is_never_reused():
    memo: PrefixMemo[str] = PrefixMemo()

    def build(ms):
        return "|".join(m.content for m in ms)

    def extend(prefix, ms, start):
        return prefix + "".join("|" + m.content for m in ms[start:])

    a, b, c, d = user("a"), assistant("b"), user("c"), assistant("d")
    assert memo.get((a, b, c), None, build, extend) == "a|b|c"
    assert memo.get((a, b, c, d), None, build, extend) == "a|b|c|d" and memo.hits == 1
    b2 = assistant("B")  # same last message objects, another message in the middle
    assert memo.get((a, b2, c, d), None, build, extend) == "a|B|c|d" and memo.hits == 1
    assert memo.get((a, b, c), "other context", build, extend) == "a|b|c" and memo.hits == 1
    assert memo.get((), None, build, extend) == ""


def test_the_memo_is_bounded():
    memo: PrefixMemo[int] = PrefixMemo(size=8)
    for i in range(100):
        memo.get((user(str(i)),), None, len, lambda v, ms, s: v + len(ms) - s)
    assert len(memo._entries) == 8


def test_a_system_message_after_the_first_is_refused_even_after_a_cached_prefix():
    renderer = PromptRenderer("llama-2")
    history = (user("q"), assistant("a"))
    renderer.render(history)
    with pytest.raises(ValueError, match="only allowed as the first"):
        renderer.render((*history, system("late")))
    with pytest.raises(ValueError, match="only allowed as the first"):
        renderer.render((system("s"), user("q"), system("again")))
