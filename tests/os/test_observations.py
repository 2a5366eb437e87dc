"""OS observations: AgentBench.old's raw terminal (the default) and v0.2's cleaned protocol (option),
through the real local sandbox. Contents are asserted, never durations: the 5 s silence rule is
shortened to 1 s and exercised with commands that wait far longer than that."""

from __future__ import annotations

import os

import pytest

from harness.errors import ConfigError
from harness.task import Status
from tasks.os_interaction import OSInteraction
from tasks.os_interaction.env import OSEnv
from tasks.os_interaction.oracle import raw_output
from tasks.os_interaction.problems import Problem
from tasks.os_interaction.prompt import EMPTY_OUTPUT, OUTPUT_PREFIX, TRUNCATED
from tasks.services.sandbox import SandboxLimits, make_sandbox
from tasks.services.sandbox.docker import DockerSandbox
from tasks.services.sandbox.terminal import first_frame_end, frames, kernel_echo, prompt_end

LIMITS = SandboxLimits(command_timeout_s=20.0, exec_timeout_s=20.0, pids=64, output_cap_bytes=256 << 10)
ACCEPT = "\r\n\x1b[?2004l\r"
"""Readline's end of an accepted line: CR LF, then bracketed paste off (the echo itself is dropped)."""


def bash(code: str) -> str:
    return f"Think: run it.\n\nAct: bash\n\n```bash\n{code}\n```"


def prompt(host: str, user: str = "root", cwd: str = "/") -> str:
    """The prompt of Ubuntu's shell profile for TERM=xterm: bracketed paste on, xterm title, prompt."""
    home = "~" if cwd == f"/home/{user}" else cwd
    sign = "#" if user == "root" else "$"
    return f"\x1b[?2004h\x1b]0;{user}@{host}: {home}\x07{user}@{host}:{home}{sign} "


def problem(start: str | None = None, answer: str = "x") -> Problem:
    return Problem(description="d", start=("bash", start) if start else None, match={"answer": answer, "strip": True},
                   group="t", file="t.json", index=0)


@pytest.fixture
def old_env(local_ok):
    env = OSEnv(problem(), make_sandbox("local", LIMITS, container_like=True), observation="old", silence_s=1.0)
    env.reset()
    yield env
    env.close()


# -- the frame model, on recorded terminal bytes (no sandbox) ---------------------------------------


def test_frames_split_at_readline_switches_and_the_prompt_is_searched_per_frame():
    data = b"\r\n\x1b[?2004l\rhi\r\n\x1b[?2004h\x1b]0;root@ab12: /\x07root@ab12:/# pwd\r\n"
    assert frames(data) == [b"\r\n", b"\x1b[?2004l\r", b"hi\r\n", b"\x1b[?2004h", b"\x1b]0;root@ab12: /\x07root@ab12:/# pwd\r\n"]
    assert data[: prompt_end(data)].endswith(b"root@ab12:/# ")  # the prompt's end, not the last "# " of the line
    assert prompt_end(b"\x1b[?2004hjack@ab12:~$ ") is None  # no escape in the prompt's own frame: no prompt
    assert prompt_end(b"\x1b[?2004l\rmail me@host.org # or $ here") is None  # output with @ but no escape
    assert prompt_end(b"\x1b[0mroot@x | y ") is not None  # the original's [#|$] takes a pipe too
    assert kernel_echo(b"hello\tthere\x03\n") == b"hello\tthere^C\r\n"
    # the dropped frame: readline's echo up to its CR LF; a CR LF or a switch first is a frame of its own
    assert first_frame_end(b"echo hi\r\n\x1b[?2004l\rhi") == 7
    assert first_frame_end(b"\r\n\x1b[?2004l\r") == 2
    assert first_frame_end(b"\x1b[?2004h\x1b]0;root@x: /\x07root@x:/# ") == 8
    assert first_frame_end(b"echo h") is None


def test_oracle_reads_back_a_raw_observation():
    raw = ACCEPT + "\x1b[01;34mdir\x1b[0m\r\n42\r\n" + prompt("ab12")
    assert raw_output(raw) == "dir\n42\n"
    assert raw_output(ACCEPT + prompt("ab12")) == ""


# -- AgentBench.old's terminal in the sandbox --------------------------------------------------------


@pytest.mark.needs_root
def test_raw_echo_prompt_colours_and_the_container_like_host(old_env):
    host = old_env.sandbox.hostname
    assert len(host) == 12 and int(host, 16) >= 0 and host != os.uname().nodename
    step = old_env.step(bash("echo hi"))
    assert step.observation == OUTPUT_PREFIX + ACCEPT + "hi\r\n" + prompt(host)
    assert step.info["ended"] == "prompt"
    assert old_env.step(bash("cd /tmp")).observation == OUTPUT_PREFIX + ACCEPT + prompt(host, cwd="/tmp")
    listing = old_env.step(bash("mkdir d && ls")).observation  # Ubuntu's ls alias: colours on a terminal
    assert listing == OUTPUT_PREFIX + ACCEPT + "\x1b[0m\x1b[01;34md\x1b[0m\r\n" + prompt(host, cwd="/tmp")
    assert old_env.step(bash("hostname; echo $HOSTNAME; tty")).observation == (  # the sandbox's own terminal
        OUTPUT_PREFIX + ACCEPT + f"{host}\r\n{host}\r\n/dev/pts/0\r\n" + prompt(host, cwd="/tmp"))


@pytest.mark.needs_root
def test_raw_stdin_is_the_terminal_and_silence_returns_what_came(old_env):
    host = old_env.sandbox.hostname
    waiting = old_env.step(bash("read line; echo got $line"))
    assert waiting.observation == OUTPUT_PREFIX + ACCEPT and waiting.info["ended"] == "silence"
    # the next "command" is typed into `read`: the line discipline's echo is the dropped frame
    assert old_env.step(bash("hello there")).observation == OUTPUT_PREFIX + "got hello there\r\n" + prompt(host)
    # a command that stays silent past the limit: what came so far; the command keeps running and
    # the next line is typed into it (the line discipline's echo dropped, then silence again)
    assert old_env.step(bash("sleep 8; echo late")).observation == OUTPUT_PREFIX + ACCEPT
    assert old_env.step(bash("echo next")).observation == EMPTY_OUTPUT


@pytest.mark.needs_root
def test_raw_multi_line_command_stops_at_its_first_prompt(old_env):
    host = old_env.sandbox.hostname
    first = old_env.step(bash("cd /tmp\npwd")).observation
    assert first == OUTPUT_PREFIX + ACCEPT + prompt(host, cwd="/tmp")
    assert old_env.step(bash("true")).observation == OUTPUT_PREFIX + ACCEPT + "/tmp\r\n" + prompt(host, cwd="/tmp")


@pytest.mark.needs_root
def test_raw_long_output_is_truncated_like_the_original(old_env):
    obs = old_env.step(bash("seq 1 1000")).observation
    body = obs.removeprefix(OUTPUT_PREFIX)
    assert body.startswith(ACCEPT + "1\r\n2\r\n3\r\n") and body.endswith(TRUNCATED)
    assert len(body) == 780 + len(TRUNCATED)
    assert old_env.step(bash("true > /dev/null")).observation.endswith(prompt(old_env.sandbox.hostname))


@pytest.mark.needs_root
def test_raw_endless_output_is_read_up_to_the_cap_and_the_command_keeps_running(local_ok):
    limits = LIMITS.model_copy(update={"command_timeout_s": 2.0})
    env = OSEnv(problem(), make_sandbox("local", limits, container_like=True), observation="old", silence_s=1.0)
    env.reset()
    try:
        step = env.step(bash("yes"))
        assert step.info["ended"] == "max_read"  # the original would have read forever
        assert step.observation.startswith(OUTPUT_PREFIX + ACCEPT + "y\r\ny\r\ny\r\n")
        assert step.observation.endswith(TRUNCATED)
        again = env.step(bash("echo hi"))  # typed into `yes`, which never reads: more of its output
        assert again.info["ended"] == "max_read" and set(again.observation.removeprefix(OUTPUT_PREFIX)[:780]) <= set("y\r\n")
    finally:
        env.close()


@pytest.mark.needs_root
def test_raw_su_then_whoami_goes_to_the_users_shell(local_ok):
    env = OSEnv(problem(start="useradd -s /bin/bash -m jack && su - jack"),
                make_sandbox("local", LIMITS, container_like=True), observation="old", silence_s=1.0)
    env.reset()
    try:
        host = env.sandbox.hostname
        assert env.step(bash("whoami")).observation == (
            OUTPUT_PREFIX + ACCEPT + "jack\r\n" + prompt(host, user="jack", cwd="/home/jack"))
        env.step("Think: done.\n\nAct: answer(x)")
        assert env.evaluate(Status.COMPLETED).score == 1.0
    finally:
        env.close()


@pytest.mark.needs_root
def test_raw_non_utf8_output_and_a_closed_shell_fail_the_sample(local_ok):
    for commands, reason in ((["printf 'caf\\xe9'"], "not UTF-8"), (["exit", "whoami"], "has exited")):
        env = OSEnv(problem(), make_sandbox("local", LIMITS, container_like=True), observation="old", silence_s=1.0)
        env.reset()
        try:
            steps = [env.step(bash(c)) for c in commands]
            assert steps[-1].done and reason in steps[-1].info["failure"]
            if commands[0] == "exit":
                assert "logout" in steps[0].observation and not steps[0].done
            score = env.evaluate(Status.COMPLETED)
            assert score.score == 0.0 and reason in score.metrics["failure"]
        finally:
            env.close()


@pytest.mark.needs_root
def test_raw_terminal_sees_no_host_environment(local_ok, monkeypatch):
    monkeypatch.setenv("HARNESS_CANARY_SECRET", "s3cr3t-canary")
    env = OSEnv(problem(), make_sandbox("local", LIMITS, container_like=True), observation="old", silence_s=1.0)
    env.reset()
    try:
        obs = env.step(bash("env | grep -c CANARY; cat /proc/*/environ | grep -c s3cr3t")).observation
        assert raw_output(obs.removeprefix(OUTPUT_PREFIX)) == "0\n0\n"
        # nothing of the helper that made the terminal leaks into the shell: no ignored signals
        obs = env.step(bash("grep SigIgn /proc/self/status; yes | head -1")).observation
        assert raw_output(obs.removeprefix(OUTPUT_PREFIX)) == "SigIgn:\t0000000000000000\ny\n"
    finally:
        env.close()


# -- v0.2's cleaned protocol (option) ----------------------------------------------------------------


@pytest.mark.needs_root
def test_v02_observations_are_cleaned_with_stdin_from_dev_null(local_ok):
    env = OSEnv(problem(start="useradd -s /bin/bash -m jack && su - jack"), make_sandbox("local", LIMITS),
                observation="v0.2")
    env.reset()
    try:
        assert env.step(bash("echo hi")).observation == OUTPUT_PREFIX + "hi\n"
        assert env.step(bash("read line; echo got $line")).observation == OUTPUT_PREFIX + "got\n"
        assert env.step(bash("whoami")).observation == OUTPUT_PREFIX + "jack\n"
        assert env.step(bash("cd /tmp\npwd")).observation == OUTPUT_PREFIX + "/tmp\n"
        assert env.step(bash("true")).observation == EMPTY_OUTPUT
        body = env.step(bash("seq 1 1000")).observation.removeprefix(OUTPUT_PREFIX)
        assert body.startswith("1\n2\n3\n") and body.endswith(TRUNCATED) and len(body) == 780 + len(TRUNCATED)
    finally:
        env.close()


def test_observation_option_is_declared_and_recorded(tmp_path):
    task = OSInteraction()
    assert task.option("observation") == "old" and task.describe()["observation"].startswith("old (AgentBench.old")
    assert task.comparability() == [] and task.option_deviations() == []
    v02 = OSInteraction(options={"observation": "v0.2"})
    assert v02.describe()["observation"].startswith("v0.2")
    assert any("v0.2's cleaned observations" in r for r in v02.comparability())
    assert v02.option_deviations() == ["option observation=v0.2 (the protocol's is 'old')"]
    with pytest.raises(ConfigError, match="observation must be one of old, v0.2"):
        OSInteraction(options={"observation": "clean"})


def test_docker_containers_keep_their_own_id_as_hostname_in_old_mode():
    assert "--hostname" not in make_sandbox("docker", container_like=True).run_argv()
    assert DockerSandbox().run_argv()[DockerSandbox().run_argv().index("--hostname") + 1] == "localhost"
