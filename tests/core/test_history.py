"""AgentBench's history trimming, checked against hand-computed segment counts."""

from harness.model import assistant, user
from tasks.agentbench.history import agentbench_trim, segments


def test_segments_count_letter_chunks_and_symbols():
    assert segments("") == 0
    assert segments("abc") == 1
    assert segments("abcdefg") == 1          # exactly 7 letters: one chunk
    assert segments("abcdefgh") == 2         # 7 + 1
    assert segments("ab cd\nef") == 3        # spaces and newlines are free
    assert segments("a1b") == 3              # letter run, digit, letter run
    assert segments("ls -la /tmp") == 5      # ls, -, la, /, tmp; spaces are free


def test_short_history_is_untouched():
    h = [user("do it"), assistant("ok"), user("result")]
    assert agentbench_trim(h) == h


def test_long_history_keeps_instruction_and_latest_with_notice():
    h = [user("instruction")]
    for i in range(40):
        h += [assistant("x" * 700), user("y" * 700)]   # 100 segments each
    out = agentbench_trim(h, budget=1000)
    assert out[0].content.startswith("instruction\n\n[NOTICE] ")
    assert out[1].role == "assistant"            # the kept tail starts with an agent turn
    assert out[-1] == h[-1]
    omitted = int(out[0].content.split("[NOTICE] ")[1].split()[0])
    assert omitted == len(h) - len(out)
    assert sum(segments(m.content) for m in h[-(len(out) - 1):]) + segments("instruction") < 1000
