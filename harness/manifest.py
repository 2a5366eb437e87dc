"""manifest.json: what was run, against what, with which data and code (enough to reproduce it)."""

from __future__ import annotations

import platform
import subprocess
import time
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import TYPE_CHECKING, Any

from harness.errors import HarnessError
from harness.model import Model

if TYPE_CHECKING:
    from harness.runner import PlannedTask, RunOptions

PACKAGES = ("agentharness", "pydantic", "text-generation", "fschat", "openai", "llama-cpp-python", "scienceworld", "miniwob")
SECRET_KEYS = ("api_key", "token", "password", "secret")


def _git_revision() -> str | None:
    try:
        out = subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=Path(__file__).parent, capture_output=True, text=True, timeout=5
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return out.stdout.strip() or None if out.returncode == 0 else None


def _versions() -> dict[str, str]:
    found = {"python": platform.python_version()}
    for name in PACKAGES:
        try:
            found[name] = version(name)
        except PackageNotFoundError:
            pass
    return found


def _redact(cfg: dict[str, Any]) -> dict[str, Any]:
    return {k: ("***" if any(s in k.lower() for s in SECRET_KEYS) and not k.endswith("_env") else v) for k, v in cfg.items()}


def _task_entry(plan: "PlannedTask") -> dict[str, Any]:
    t = plan.task
    return {
        "name": t.name,
        "version": t.version,
        "suite": t.suite.value,
        "split": plan.split,
        "metric": t.metric.name,
        "scale": t.metric.scale,
        "max_turns": t.max_turns,
        "time_limit_s": t.time_limit_s,
        "generation": t.generation.model_dump(mode="json"),
        "n_planned": len(plan.samples),
        "data": [d.model_dump(mode="json") for d in plan.data],
        "protocol": t.describe(),
    }


def build_manifest(
    opts: "RunOptions",
    run_dir: Path,
    plans: list["PlannedTask"],
    model: Model | None,
    judge: Model | None,
    previous: dict[str, Any] | None,
) -> dict[str, Any]:
    """A new manifest, or the previous one updated by a resume (earlier facts are kept)."""
    from harness.registry import model_config

    now = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    manifest: dict[str, Any] = dict(previous or {})
    if model is None and (previous or {}).get("model"):
        model_entry = dict(previous["model"])  # nothing ran: keep what the manifest says
    else:
        try:
            name, cfg = model_config(opts.model, opts.models_file)
        except HarnessError:
            if model is None:
                raise
            name, cfg = model.name, {"adapter": model.adapter}  # a model handed over through the Python API
        model_entry = model.info().model_dump(mode="json") if model is not None else {}
        model_entry.update({"spec": opts.model, "name": name, "config": _redact(cfg)})
    tasks = {t["name"]: t for t in manifest.get("tasks", [])}
    for p in plans:
        tasks[p.task.name] = _task_entry(p)
    manifest.update(
        {
            "run_id": manifest.get("run_id", run_dir.name),
            "created": manifest.get("created", now),
            "updated": now,
            "model": model_entry,
            "judge": judge.info().model_dump(mode="json") if judge is not None else manifest.get("judge"),
            "tasks": list(tasks.values()),
            "seed": opts.seed,
            "concurrency": opts.concurrency,
            "limit": opts.limit,
            "task_options": opts.task_options,
            "response_cache": opts.cache,
            "git_revision": _git_revision(),
            "packages": _versions(),
            "host": platform.node(),
            "command": opts.command,
        }
    )
    # a copy: `previous` is rebuilt from again when the manifest is refreshed after start-up
    manifest["invocations"] = [*manifest.get("invocations", []), {"at": now, "command": opts.command}]
    return manifest


def check_resume(opts: "RunOptions", previous: dict[str, Any] | None) -> "RunOptions":
    """On resume, fill what the command line left out from the manifest and refuse conflicts."""
    if previous is None:
        return opts
    prev_model = (previous.get("model") or {}).get("spec") or (previous.get("model") or {}).get("name")
    update: dict[str, Any] = {}
    if opts.resume is not None and not opts.tasks:
        update["tasks"] = [t["name"] for t in previous.get("tasks", [])]
        splits = {t.get("split") for t in previous.get("tasks", [])}
        if opts.split is None and len(splits) == 1:
            update["split"] = splits.pop()
        if opts.limit is None:
            update["limit"] = previous.get("limit")
    if opts.model_fields_set and "model" in opts.model_fields_set and prev_model and opts.model != prev_model:
        raise HarnessError(f"run directory holds results of model {prev_model!r}, not {opts.model!r}")
    if prev_model and "model" not in opts.model_fields_set:
        update["model"] = prev_model
    return opts.model_copy(update=update) if update else opts
