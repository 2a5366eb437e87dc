"""The ``docker`` sandbox: AgentBench's own way (a container per sample from the image built from
``docker/os-interaction.Dockerfile``), driven through the ``docker`` CLI.

No Docker engine exists on the harness's build machines, so only the command construction is
unit-tested; the shell protocol is the same :class:`PtyShell` as the local backend's.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import uuid

from tasks.services.sandbox.base import ExecResult, Sandbox, SandboxLimits, SandboxUnavailable
from tasks.services.sandbox.local import SANDBOX_PATH, run_capped
from tasks.services.sandbox.pty_shell import PtyShell
from tasks.services.sandbox.terminal import SILENCE_S, RawTerminal, host_pty

DEFAULT_IMAGE = "agentharness/os-interaction:latest"


class DockerSandbox(Sandbox):
    kind = "docker"

    def __init__(
        self, limits: SandboxLimits | None = None, image: str | None = None, docker: str = "docker",
        hostname: str | None = "localhost",
    ):
        super().__init__(limits)
        self.hostname = hostname
        """None: docker's own (the container id's first 12 digits, as AgentBench's containers had)."""
        self.image = image or os.environ.get("HARNESS_OS_IMAGE", DEFAULT_IMAGE)
        self.docker = docker
        self.name = f"agentharness-os-{uuid.uuid4().hex[:12]}"
        self.started = False
        self._shell: PtyShell | None = None
        self._terminals: list[RawTerminal] = []

    def run_argv(self) -> list[str]:
        """``docker run``: detached, no network, limits, removed on stop, labelled like AgentBench's."""
        return [
            self.docker, "run", "--detach", "--tty", "--interactive", "--rm", "--name", self.name,
            "--label", "created_by=os-pipeline", "--network", "none",
            "--memory", str(self.limits.memory_bytes), "--pids-limit", str(self.limits.pids),
            *(["--hostname", self.hostname] if self.hostname else []), self.image, "bash",
        ]

    def exec_argv(self, argv: list[str], tty: bool = False) -> list[str]:
        flags = ["--interactive", "--tty"] if tty else []
        return [self.docker, "exec", *flags, "--workdir", "/", "--env", "HOME=/root", self.name, *argv]

    def stop_argv(self) -> list[str]:
        return [self.docker, "rm", "--force", self.name]

    def start(self) -> None:
        if shutil.which(self.docker) is None:
            raise SandboxUnavailable("sandbox=docker needs the docker CLI and a running engine")
        proc = subprocess.run(self.run_argv(), capture_output=True, text=True, timeout=120)
        if proc.returncode != 0:
            raise SandboxUnavailable(f"docker run {self.image} failed: {proc.stderr.strip()[-300:]}")
        self.started = True

    def exec(self, argv: list[str], timeout: float | None = None) -> ExecResult:
        env = {"PATH": os.environ.get("PATH", SANDBOX_PATH)}
        return run_capped(self.exec_argv(argv), env, timeout or self.limits.exec_timeout_s, self.limits.output_cap_bytes)

    def shell(self, command: str, timeout: float | None = None, typed: bool = False) -> ExecResult:
        if self._shell is None:
            self._shell = PtyShell(
                self.exec_argv(["bash", "--login", "--noediting"], tty=True),
                {"PATH": os.environ.get("PATH", SANDBOX_PATH), "TERM": "xterm"},
                self.limits.output_cap_bytes,
            )
            self._shell.start()
        if typed:
            return self._shell.type_line(command, timeout or self.limits.command_timeout_s)
        return self._shell.run(command, timeout or self.limits.command_timeout_s)

    def open_terminal(self, silence_s: float = SILENCE_S) -> RawTerminal:
        """``docker exec -it CONTAINER bash --login``, as AgentBench.old opens it (the image is
        Ubuntu's: its own shell profile). The docker CLI relays the container's terminal and keeps
        ours raw, so the line discipline's echo is the container's (``local_echo=False``)."""
        argv = [self.docker, "exec", "--interactive", "--tty", "--env", "TERM=xterm", self.name, "bash", "--login"]
        terminal = RawTerminal(
            host_pty(argv, {"PATH": os.environ.get("PATH", SANDBOX_PATH)}), silence_s=silence_s,
            max_read_s=self.limits.command_timeout_s, cap=self.limits.output_cap_bytes, local_echo=False,
        )
        terminal.start()
        self._terminals.append(terminal)
        return terminal

    def close(self) -> None:
        if self._shell is not None:
            self._shell.close()
            self._shell = None
        for terminal in self._terminals:
            terminal.close()
        self._terminals = []
        if self.started:
            subprocess.run(self.stop_argv(), capture_output=True, timeout=60)
            self.started = False
