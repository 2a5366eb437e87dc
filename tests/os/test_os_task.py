"""The OS-interaction task: parsing, prompt, data, judging and the oracle through the real sandbox."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from harness.errors import HarnessError
from harness.loop import run_episode
from harness.oracle import OracleModel
from harness.task import RunContext
from tasks.os_interaction import OSInteraction
from tasks.os_interaction.oracle import DATA_DEFECTS
from tasks.os_interaction.problems import extract_action
from tasks.os_interaction.prompt import build_messages, observation
from tasks.services.sandbox.docker import DockerSandbox

SAMPLE = Path(__file__).resolve().parents[2] / "tasks/os_interaction/sample_data/agentbench-os"


def test_extract_action_follows_agentbench():
    a = extract_action("Think: x\n\nAct: bash\n\n```bash\nls\n```\n```bash\npwd\n```")
    assert (a.action, a.content) == ("bash", "ls\n\npwd")
    a = extract_action("Think: done\n\nAct: answer(f(3))")
    assert (a.action, a.content) == ("commit", "f(3)")
    assert extract_action("Act: finish").action == "commit"
    assert extract_action("Act: answer 42").action is None  # no parentheses: invalid
    assert extract_action("I think the answer is 4").action is None
    assert extract_action("Act: bash\nAct: answer(1)").content == "1"  # the last Act: wins


def test_prompt_and_truncation():
    msgs = build_messages("PROBLEM")
    assert [m.role for m in msgs] == ["user", "assistant", "user", "assistant", "user", "assistant", "user"]
    assert msgs[0].content.startswith("You are an assistant that will act like a person, I'will play")
    assert msgs[0].content.endswith("Now, my problem is:\n\ntell me how many files are in the directory \"/etc\"?")
    assert msgs[-1].content == "Now, I will start a new problem in a new OS. My problem is:\n\nPROBLEM"
    assert observation("") == "The output of the OS is empty."
    assert observation("a" * 800) == "The output of the OS:\n\n" + "a" * 800
    assert observation("a" * 801) == "The output of the OS:\n\n" + "a" * 780 + "\n[truncated because the output is too long]"


def test_official_std_split_has_144_problems(mirror):
    from harness.data import resolve
    from tasks.os_interaction.source import OS_SOURCE

    task = OSInteraction(data={"agentbench-os": Path(resolve(OS_SOURCE, None).path)})
    samples = task.samples("std")
    assert len(samples) == 144
    groups = {}
    for s in samples:
        groups[s.data["group"]] = groups.get(s.data["group"], 0) + 1
    assert groups == {"1": 7, "2": 5, "3": 6, "4": 19, "5": 10, "6": 9, "7": 88}


def _run(task, samples, model):
    async def go():
        return [await run_episode(task, s, model, RunContext(), "std") for s in samples]

    return asyncio.run(go())


@pytest.mark.needs_root
@pytest.mark.parametrize("observation", ["old", "v0.2"])
def test_oracle_and_wrong_answers_on_bundled_sample(local_ok, observation):
    task = OSInteraction(data={"agentbench-os": SAMPLE}, options={"observation": observation})
    samples = task.samples("std")
    assert len(samples) == 3
    records = _run(task, samples, OracleModel())
    assert [r.score for r in records] == [1.0, 1.0, 1.0], [r.error or r.metrics for r in records]
    assert task.aggregate([(None, __import__("harness.task").task.SampleScore(score=r.score, metrics=r.metrics)) for r in records]).metrics["group_1"] == 100.0

    class Wrong(OracleModel):
        def bind(self, task, sample, env):
            from harness.oracle import BoundOracle
            from harness.task import Replay

            return BoundOracle(Replay(["Think: guess.\n\nAct: answer(7)"]))

    wrong = _run(task, samples, Wrong())
    assert [r.score for r in wrong] == [0.0, 0.0, 0.0]  # 3 lines != 7; "7" != "yes"; file not executable


def test_docker_backend_command_construction():
    sb = DockerSandbox(image="img:1")
    run = sb.run_argv()
    assert run[:2] == ["docker", "run"] and "--network" in run and run[run.index("--network") + 1] == "none"
    assert run[-2:] == ["img:1", "bash"] and "--rm" in run and "--pids-limit" in run
    assert sb.exec_argv(["bash", "-c", "ls"]) == ["docker", "exec", "--workdir", "/", "--env", "HOME=/root", sb.name, "bash", "-c", "ls"]
    assert sb.exec_argv(["bash"], tty=True)[2:4] == ["--interactive", "--tty"]
    assert sb.stop_argv() == ["docker", "rm", "--force", sb.name]


def test_unknown_sandbox_is_refused():
    from tasks.services.sandbox import SandboxUnavailable, make_sandbox

    with pytest.raises(SandboxUnavailable):
        make_sandbox("host")


@pytest.mark.slow
@pytest.mark.needs_root
def test_oracle_on_full_std(mirror, local_ok):
    """142/144: std-007-bootstrap-00008 and -00029 count every file under / including /proc, whose
    entries belong to whichever processes run at that instant (data defect, flaky in the original);
    -00000 and -00075 count processes with `ps | wc -l`, racy by one; -00006 and -00018 read the host's
    memory use (declared, they usually pass)."""
    from harness.data import resolve
    from tasks.os_interaction.source import OS_SOURCE

    task = OSInteraction(data={"agentbench-os": Path(resolve(OS_SOURCE, None).path)})
    samples = task.samples("std")

    async def go():
        sem = asyncio.Semaphore(3)

        async def one(s):
            async with sem:
                return await run_episode(task, s, OracleModel(), RunContext(), "std")

        return await asyncio.gather(*(one(s) for s in samples))

    records = asyncio.run(go())
    misses = {r.sample_id for r in records if r.score != 1.0}
    assert misses <= set(DATA_DEFECTS), misses  # every miss is a declared, explained defect


def test_docker_image_gives_apt_an_offline_sudo_repository():
    """With --network none the three std problems that `apt install sudo` need a local repository
    (as the local sandbox has): the image builds one and points apt at it only."""
    text = (Path(__file__).resolve().parents[2] / "docker" / "os-interaction.Dockerfile").read_text()
    assert "apt-get download sudo" in text and "dpkg-scanpackages" in text
    assert 'echo "deb [trusted=yes] file:/opt/harness-apt ./" > /etc/apt/sources.list' in text
    assert "sudo " not in text.split("apt-get install -y", 1)[1].split("\n")[0]  # not preinstalled


def test_dev_split_and_user_problem_files(tmp_path):
    dev = OSInteraction(data={"agentbench-os-dev": Path(OSInteraction.sample_data) / "agentbench-os-dev"})
    assert [s.id for s in dev.samples("dev")] == ["dev-00000", "dev-00001"]
    assert OSInteraction.sources_for("dev")[0].name == "agentbench-os-dev"
    mine = tmp_path / "mine.json"
    mine.write_text('[{"description": "Say hi.", "evaluation": {"match": "hi"}}]')
    user = OSInteraction(options={"data": str(mine)})
    assert [s.id for s in user.samples("std")] == ["user-00000"] and user.comparability()
    for bad, needle in [
        ('[{"evaluation": {"match": "x"}}]', "problem 0: 'description'"),
        ('[{"description": "d", "evaluation": {}}]', "neither 'match' nor 'check'"),
        ('[{"description": "d", "evaluation": {"check": {"file": "nope.sh"}}}]', "nope.sh' not found"),
        ('[{"description": "d", "evaluation": {"check": [null, "exit 0"]}}]', "needs an 'example'"),
        ("[{", "malformed JSON"),
    ]:
        mine.write_text(bad)
        with pytest.raises(HarnessError, match=needle):
            OSInteraction(options={"data": str(mine)}).samples("std")


@pytest.mark.needs_root
def test_a_run_starts_each_samples_machine_ahead_and_no_more(local_ok, tmp_path):
    """Through the runner the task learns its samples (``upcoming``): every sample still gets its
    own fresh sandbox and shell, started while the one before it runs, and nothing past the last."""
    from harness import eventloop
    from harness.runner import RunOptions, execute

    task = OSInteraction(data={"agentbench-os": SAMPLE})
    opts = RunOptions(model="oracle", tasks=["os"], out=tmp_path / "run", concurrency=1, cache=False, progress=False)
    started = []
    upcoming = task.upcoming

    def spy(samples):
        upcoming(samples)
        started.append(task._machines)

    task.upcoming = spy
    result = eventloop.run(execute(opts, task_overrides=[task]))
    assert result.summaries["os"].n == 3 and result.summaries["os"].score == 100.0
    assert started and started[0].started == 3  # one machine per sample: none reused, none wasted
