"""Fixtures for the sandbox tests: they need root (user namespaces with a full uid map) and the
rootfs (built once, ~1 min, with debootstrap)."""

from __future__ import annotations

import os

import pytest

from tasks.services.sandbox import SandboxLimits, SandboxUnavailable
from tasks.services.sandbox.local import LocalSandbox


def _local_ok() -> str | None:
    try:
        from tasks.services.sandbox import check_available

        check_available("local")
    except SandboxUnavailable as exc:
        return str(exc)
    return None


@pytest.fixture(scope="session")
def local_ok() -> None:
    """Skip (with the reason) where the local sandbox cannot run."""
    reason = _local_ok() if os.geteuid() == 0 else "needs root"
    if reason is not None:
        pytest.skip(f"local sandbox unavailable: {reason}")


@pytest.fixture
def sandbox(local_ok):
    sb = LocalSandbox(SandboxLimits(command_timeout_s=3.0, exec_timeout_s=20.0, pids=64, output_cap_bytes=256 << 10))
    sb.start()
    yield sb
    sb.close()
