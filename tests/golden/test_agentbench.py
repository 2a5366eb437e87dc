"""Golden renders of the AgentBench.old held-in tasks (OS, DB): AgentLM's TGI inputs byte for byte
as ``TGIAgent.inference`` builds them (every message stripped, no system prompt, FastChat 0.2.31
llama-2), for the first request and one mid-episode request of a bundled sample."""

from __future__ import annotations

import os
import re

import pytest

from tasks.dbbench import DBBench
from tasks.os_interaction import OSInteraction
from tests.golden.protocol import agentbench_old, bundled, original, through_tgi


def _sandbox_reason() -> str | None:
    if os.geteuid() != 0:
        return "needs root"
    try:
        from tasks.services.sandbox import check_available

        check_available("local")
    except Exception as exc:  # noqa: BLE001 - any reason the sandbox cannot run here
        return str(exc)
    return None


def os_history(description: str) -> list[str]:
    """``OSInteraction._judge``'s session: the instruction with the one-shot problem, the one-shot's
    turns, then the new problem."""
    one_shot = original("os.one_shot")
    first = original("os.instruction") + "Now, my problem is:\n\n" + one_shot[0]["content"]
    return [first, *[m["content"] for m in one_shot[1:]],
            "Now, I will start a new problem in a new OS. My problem is:\n\n" + description]


@pytest.mark.needs_root
def test_os_first_and_mid_episode_requests():
    reason = _sandbox_reason()
    if reason:
        pytest.skip(f"local sandbox unavailable: {reason}")
    task = bundled(OSInteraction, "std")
    sample = task.samples("std")[0]
    act = "Think: Let me look.\n\nAct: bash\n\n```bash\necho hi\n```"
    record, bodies = through_tgi(task, sample, [act, "Think: Done.\n\nAct: answer(3)"])
    assert len(bodies) == 2
    history = os_history(sample.data["description"])
    first = agentbench_old(history)
    assert first.startswith("[INST] You are an assistant that will act like a person, I'will play")
    assert bodies[0]["inputs"] == first
    # the observation: raw terminal bytes (AgentBench.old's Container.execute), as the model saw them
    host = re.search(r"root@([0-9a-f]{12}):", record.trajectory[0].observation).group(1)
    observation = (f"The output of the OS:\n\n\r\n\x1b[?2004l\rhi\r\n"
                   f"\x1b[?2004h\x1b]0;root@{host}: /\x07root@{host}:/# ")
    assert record.trajectory[0].observation == observation
    assert bodies[1]["inputs"] == agentbench_old([*history, act, observation])
    assert bodies[1]["inputs"].endswith("[INST] The output of the OS:\n\n\r\n\x1b[?2004l\rhi\r\n"
                                        f"\x1b[?2004h\x1b]0;root@{host}: /\x07root@{host}:/# [/INST]")
    # TGIAgent's request: /generate-equivalent, greedy switch off at T=0.7, truncate 4096 - 128
    params = bodies[0]["parameters"]
    assert (params["max_new_tokens"], params["do_sample"], params["temperature"], params["truncate"]) == (
        128, False, 0.7, 3968)


def test_db_first_and_mid_episode_requests():
    from tasks.dbbench.server import _INSTALL_BINARIES, _SERVER_BINARIES, _find

    if _find(_SERVER_BINARIES) is None or _find(_INSTALL_BINARIES) is None:
        pytest.skip("mariadb-server is not installed")
    task = bundled(DBBench, "std")
    sample = next(s for s in task.samples("std") if s.data["type"][0] == "counting")
    op = ("Let me count.\nAction: Operation\n```sql\nSELECT COUNT(*) FROM `Lighthouse Keepers Roster` "
          "WHERE Station = 'north rock';\n```")
    record, bodies = through_tgi(task, sample, [op, 'Action: Answer\nFinal Answer: ["2"]'])  # a throwaway MariaDB
    history = [original("db.big_prompt"), "Ok.", sample.data["description"] + "\n" + sample.data["add_description"]]
    first = agentbench_old(history)
    assert first.startswith("[INST] I will ask you a question, then you should help me operate a MySQL database")
    assert bodies[0]["inputs"] == first
    # mysql-connector's fetchall() of COUNT(*): [(2,)], str() of it is the observation
    assert bodies[1]["inputs"] == agentbench_old([*history, op, "[(2,)]"])
    assert bodies[1]["inputs"].endswith(" </s><s>[INST] [(2,)] [/INST]")
    assert record.score == 1.0
