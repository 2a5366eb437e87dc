"""The ``local`` sandbox: Linux namespaces over the task's own Debian rootfs (no Docker needed).

What it gives each sample: new user/mount/pid/net/uts/ipc namespaces (sandbox root = an
unprivileged host uid range), an overlay with a throwaway upper directory over the cached rootfs
(everything written vanishes with the sample), no host path, no host environment variable, no
network interface but the namespace's own loopback, a pids limit and a memory limit (cgroup v1 or
v2 when writable; else RLIMIT_NPROC only, and RLIMIT_AS), per-command time limits and output caps.

Needs: Linux >= 5.11 (overlayfs in user namespaces), root (to write the uid map of 65,536 ids and
to build the rootfs with debootstrap), util-linux ``nsenter``/``prlimit``. See docs in README.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

from tasks.services.sandbox import ubuntu_shell
from tasks.services.sandbox.base import (
    ExecResult,
    Sandbox,
    SandboxLimits,
    SandboxUnavailable,
    clean_terminal_output,
    valid_hostname,
)
from tasks.services.sandbox.inner_pty import spawn_inside
from tasks.services.sandbox.leftovers import RUNDIR_PREFIX, mark_owner, rundir_parent, sweep_once
from tasks.services.sandbox.pty_shell import PtyShell
from tasks.services.sandbox.rootfs import UID_BASE, ensure_rootfs
from tasks.services.sandbox.terminal import SILENCE_S, RawTerminal

SANDBOX_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
_NSINIT = Path(__file__).with_name("nsinit.py")
_CG_JOIN = 'while [ "$1" != "--" ]; do echo $$ > "$1" || exit 125; shift; done; shift; exec "$@"'


def check_local_support() -> None:
    """Raise :class:`SandboxUnavailable` (one clear line) when the local sandbox cannot run here."""
    if sys.platform != "linux":
        raise SandboxUnavailable("the local sandbox needs Linux (use --task-opt sandbox=docker)")
    if os.geteuid() != 0:
        raise SandboxUnavailable(
            "the local sandbox needs root (user namespaces with a 65,536-id map); run as root or use sandbox=docker"
        )
    for tool in ("nsenter", "prlimit"):
        if shutil.which(tool) is None:
            raise SandboxUnavailable(f"the local sandbox needs {tool} (util-linux)")


class _Cgroup:
    """A per-sandbox cgroup with pids and memory limits (v2 or v1), when the hierarchy is writable."""

    def __init__(self, name: str, limits: SandboxLimits):
        self.dirs: list[Path] = []
        root = Path("/sys/fs/cgroup")
        try:
            if (root / "cgroup.controllers").is_file():  # v2
                d = root / "agentharness" / name
                parent = d.parent
                parent.mkdir(exist_ok=True)
                (root / "cgroup.subtree_control").write_text("+pids +memory")
                (parent / "cgroup.subtree_control").write_text("+pids +memory")
                d.mkdir()
                self.dirs.append(d)
                (d / "pids.max").write_text(str(limits.pids))
                (d / "memory.max").write_text(str(limits.memory_bytes))
                (d / "memory.swap.max").write_text("0")
            else:  # v1
                for ctrl, files in (("pids", {"pids.max": limits.pids}),
                                    ("memory", {"memory.limit_in_bytes": limits.memory_bytes})):
                    d = root / ctrl / "agentharness" / name
                    d.mkdir(parents=True)
                    self.dirs.append(d)
                    for f, v in files.items():
                        (d / f).write_text(str(v))
        except OSError:
            self.remove()
            self.dirs = []

    @property
    def procs_files(self) -> list[str]:
        return [str(d / "cgroup.procs") for d in self.dirs]

    def remove(self) -> None:
        for d in self.dirs:
            for _ in range(50):
                try:
                    d.rmdir()
                    break
                except FileNotFoundError:
                    break
                except OSError:  # processes still exiting
                    time.sleep(0.1)


class LocalSandbox(Sandbox):
    kind = "local"

    def __init__(self, limits: SandboxLimits | None = None, rootfs: Path | None = None, hostname: str = "localhost"):
        super().__init__(limits)
        self.rootfs = rootfs
        self.hostname = valid_hostname(hostname)
        """The machine's name (``hostname``, ``$HOSTNAME``, the prompt's ``\\h``)."""
        self.rundir: Path | None = None
        self.launcher: subprocess.Popen | None = None
        self.init_pid: int | None = None
        self.cgroup: _Cgroup | None = None
        self._shell: PtyShell | None = None
        self._terminals: list[RawTerminal] = []
        self._profiled = False
        self._lock = threading.Lock()

    # -- lifecycle -----------------------------------------------------------------------------
    def start(self) -> None:
        check_local_support()
        rootfs = self.rootfs or ensure_rootfs()
        self._profiled = False
        sweep_once()  # what killed processes left behind
        self.rundir = Path(tempfile.mkdtemp(prefix=RUNDIR_PREFIX, dir=rundir_parent()))
        os.chmod(self.rundir, 0o711)
        mark_owner(self.rundir)
        for sub in ("lower", "upper", "work", "root"):
            (self.rundir / sub).mkdir()
            os.chown(self.rundir / sub, UID_BASE, UID_BASE)
        os.chmod(self.rundir / "upper", 0o755)  # the upper directory's mode is the new "/"'s
        self.cgroup = _Cgroup(f"{os.getpid()}-{uuid.uuid4().hex[:12]}", self.limits)
        self.launcher = subprocess.Popen(
            ["prlimit", f"--nproc={self.limits.pids}", "--", sys.executable, str(_NSINIT), str(rootfs),
             str(self.rundir), str(UID_BASE), *self.cgroup.procs_files],
            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
            env={"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HARNESS_SANDBOX_HOSTNAME": self.hostname},
        )
        line = self.launcher.stdout.readline().decode().strip()
        try:
            self.init_pid = int(json.loads(line)["pid"])
        except (ValueError, KeyError, TypeError):
            self.close()
            raise SandboxUnavailable(f"the local sandbox did not start: {line or 'no output'}") from None

    def close(self) -> None:
        with self._lock:
            if self._shell is not None:
                self._shell.close()
                self._shell = None
            for terminal in self._terminals:
                terminal.close()
            self._terminals = []
        if self.init_pid is not None:
            try:
                os.kill(self.init_pid, 9)  # pid 1 of the namespace: the kernel kills every process in it
            except ProcessLookupError:
                pass
            self.init_pid = None
        if self.launcher is not None:
            try:
                self.launcher.kill()
                self.launcher.wait(timeout=10)
            except (ProcessLookupError, subprocess.TimeoutExpired):
                pass
            self.launcher.stdout.close()
            self.launcher = None
        cgroup, rundir = self.cgroup, self.rundir
        self.cgroup = self.rundir = None
        if cgroup is not None or rundir is not None:
            # Killed processes take a second or two to leave their cgroup (the namespaces' teardown):
            # its removal and then the sandbox's directory's happen off the sample's path, in a
            # non-daemon thread (the interpreter waits for it at exit).
            threading.Thread(target=_remove, args=(cgroup, rundir), name="sandbox-cleanup").start()

    # -- commands ------------------------------------------------------------------------------
    def _enter(self, argv: list[str]) -> list[str]:
        """Host argv that runs ``argv`` inside the sandbox as root, in ``/``, within its limits."""
        if self.init_pid is None:
            raise RuntimeError("sandbox not started")
        cg = self.cgroup.procs_files if self.cgroup else []
        limits = [f"--nproc={self.limits.pids}"]
        if not cg:  # no cgroup: bound the address space instead
            limits.append(f"--as={self.limits.memory_bytes}")
        return [
            "sh", "-c", _CG_JOIN, "sh", *cg, "--",
            "prlimit", *limits, "--",
            "nsenter", f"--target={self.init_pid}", "--user", "--mount", "--pid", "--net", "--uts", "--ipc",
            "--root", "--wd", "--", *argv,
        ]

    def _env(self, **extra: str) -> dict[str, str]:
        return {"PATH": SANDBOX_PATH, "HOME": "/root", "HOSTNAME": self.hostname, **extra}

    def exec(self, argv: list[str], timeout: float | None = None) -> ExecResult:
        return run_capped(self._enter(argv), self._env(), timeout or self.limits.exec_timeout_s, self.limits.output_cap_bytes)

    def shell(self, command: str, timeout: float | None = None, typed: bool = False) -> ExecResult:
        with self._lock:
            if self._shell is None:
                self._shell = PtyShell(
                    self._enter(["setsid", "-c", "bash", "--login", "--noediting"]),
                    self._env(TERM="xterm"),
                    self.limits.output_cap_bytes,
                )
                self._shell.start()
            if typed:
                return self._shell.type_line(command, timeout or self.limits.command_timeout_s)
            return self._shell.run(command, timeout or self.limits.command_timeout_s)

    def open_terminal(self, silence_s: float = SILENCE_S) -> RawTerminal:
        """``bash --login`` on a terminal of the sandbox's own (:mod:`.inner_pty`), with the shell
        profile of AgentBench's Ubuntu image
        (:mod:`tasks.services.sandbox.ubuntu_shell`, written into the sandbox first) and docker's
        environment for an exec with a tty (``TERM=xterm``)."""
        with self._lock:
            if not self._profiled:
                result = self.exec(["bash", "-c", ubuntu_shell.install_script()])
                if result.exit_code != 0:
                    raise SandboxUnavailable(f"could not write the shell profile: {result.output[-300:]}")
                self._profiled = True
            enter, env = self._enter([]), self._env(TERM="xterm")
            terminal = RawTerminal(
                lambda: spawn_inside(enter, env, ["bash", "--login"]),
                silence_s=silence_s, max_read_s=self.limits.command_timeout_s, cap=self.limits.output_cap_bytes,
            )
            terminal.start()
            self._terminals.append(terminal)
            return terminal


def _remove(cgroup: _Cgroup | None, rundir: Path | None) -> None:
    if cgroup is not None:
        cgroup.remove()
    if rundir is not None:
        shutil.rmtree(rundir, ignore_errors=True)


def run_capped(argv: list[str], env: dict[str, str], timeout: float, cap: int) -> ExecResult:
    """Run a host process with stdout+stderr merged; keep ``cap`` bytes; stop reading when the
    process exits (background children holding the pipe are not waited for); kill at ``timeout``."""
    proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            env=env, start_new_session=True)
    fd = proc.stdout.fileno()
    os.set_blocking(fd, False)
    kept = bytearray()
    truncated = timed_out = False
    deadline = time.monotonic() + timeout
    import select

    while True:
        exited = proc.poll() is not None
        ready, _, _ = select.select([fd], [], [], 0 if exited else min(0.5, max(deadline - time.monotonic(), 0)))
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except BlockingIOError:
                chunk = None
            if chunk:
                room = cap - len(kept)
                kept += chunk[: max(room, 0)]
                truncated = truncated or len(chunk) > room
                continue
            if chunk == b"":
                exited = exited or proc.poll() is not None
        if exited:
            break
        if time.monotonic() >= deadline:
            timed_out = True
            try:
                os.killpg(proc.pid, 9)
            except ProcessLookupError:
                pass
            break
    code = proc.wait()
    proc.stdout.close()
    return ExecResult(
        output=clean_terminal_output(bytes(kept).decode("utf-8", errors="replace")),
        exit_code=-1 if timed_out else code,
        timed_out=timed_out,
        truncated=truncated,
    )
