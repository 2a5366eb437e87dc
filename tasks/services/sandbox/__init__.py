"""Sandboxes behind one interface: ``local`` (Linux namespaces over the task's own rootfs, the
default) and ``docker`` (AgentBench's container image). There is never a fallback to the host."""

from __future__ import annotations

from harness.task import TaskOption
from tasks.services.sandbox.base import ExecResult, Sandbox, SandboxLimits, SandboxUnavailable, container_hostname

KINDS = ("local", "docker")

SANDBOX_OPTION = TaskOption(
    name="sandbox",
    type="choice",
    choices=KINDS,
    default="local",
    comparable=True,
    help="where model-written commands run: local (Linux namespaces over a Debian rootfs) or docker",
)
"""The ``--sandbox`` / ``--task-opt sandbox=...`` option of the tasks that execute model output."""


def make_sandbox(kind: str = "local", limits: SandboxLimits | None = None, container_like: bool = False) -> Sandbox:
    """A sandbox of ``kind`` (not started). Unknown kinds are refused. ``container_like``: named
    like a docker container (a fresh 12-hex-digit id) instead of ``localhost``."""
    if kind == "local":
        from tasks.services.sandbox.local import LocalSandbox

        return LocalSandbox(limits, hostname=container_hostname() if container_like else "localhost")
    if kind == "docker":
        from tasks.services.sandbox.docker import DockerSandbox

        return DockerSandbox(limits, hostname=None if container_like else "localhost")
    raise SandboxUnavailable(f"unknown sandbox {kind!r} (choose one of: {', '.join(KINDS)})")


def check_available(kind: str = "local") -> None:
    """Raise :class:`SandboxUnavailable` (a HarnessError, one line) when ``kind`` cannot run here."""
    if kind == "local":
        from tasks.services.sandbox.local import check_local_support
        from tasks.services.sandbox.rootfs import ensure_rootfs

        check_local_support()
        ensure_rootfs()
    elif kind == "docker":
        import shutil

        if shutil.which("docker") is None:
            raise SandboxUnavailable("sandbox=docker needs the docker CLI and a running engine")
    else:
        make_sandbox(kind)


__all__ = ["ExecResult", "Sandbox", "SandboxLimits", "SandboxUnavailable", "KINDS", "make_sandbox", "check_available"]
