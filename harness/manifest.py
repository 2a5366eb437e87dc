"""manifest.json: what was run, against what, with which data and code (enough to reproduce it)."""

from __future__ import annotations

import platform
import re
import subprocess
import time
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ValidationError

from harness.errors import ConfigError, HarnessError
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


_URL_PASSWORD = re.compile(r"(://[^/:@\s]+:)[^@\s/]+@")


def _redact_value(value: Any) -> Any:
    """Hide the password of URLs such as ``mysql://user:pass@host`` (``--db-url``)."""
    return _URL_PASSWORD.sub(r"\1***@", value) if isinstance(value, str) else value


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
            "task_options": {k: _redact_value(v) for k, v in opts.task_options.items()},
            "judge_spec": opts.judge,
            "response_cache": opts.cache,
            "git_revision": _git_revision(),
            "packages": _versions(),
            "host": platform.node(),
            "command": [_redact_value(a) for a in opts.command],
        }
    )
    # a copy: `previous` is rebuilt from again when the manifest is refreshed after start-up
    command = [_redact_value(a) for a in opts.command]
    manifest["invocations"] = [*manifest.get("invocations", []), {"at": now, "command": command}]
    return manifest


class _PreviousTask(BaseModel):
    name: str
    split: str | None = None


class _PreviousModel(BaseModel):
    spec: str | None = None
    name: str | None = None


class _PreviousRun(BaseModel):
    """The fields of an earlier manifest that a resume relies on (validated: exit 2 if malformed)."""

    model: _PreviousModel = _PreviousModel()
    tasks: list[_PreviousTask] = []
    limit: int | None = None
    seed: int = 0
    task_options: dict[str, Any] = {}
    judge_spec: str | None = None


def check_resume(opts: "RunOptions", previous: dict[str, Any] | None) -> "RunOptions":
    """On resume, fill what the command line left out from the manifest and refuse conflicts
    (a run directory holds one model, seed, set of task options and judge)."""
    if previous is None:
        return opts
    try:
        prev = _PreviousRun.model_validate(previous)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first.get("loc", ())) or "manifest"
        raise ConfigError(f"malformed manifest.json ({where}: {first.get('msg')}): cannot resume") from None
    given = opts.model_fields_set
    update: dict[str, Any] = {}
    if opts.resume is not None and not opts.tasks:
        update["tasks"] = [t.name for t in prev.tasks]
        splits = {t.split for t in prev.tasks}
        if opts.split is None and len(splits) == 1:
            update["split"] = splits.pop()
        if opts.limit is None:
            update["limit"] = prev.limit
    prev_model = prev.model.spec or prev.model.name
    for key, old in (("model", prev_model), ("seed", prev.seed), ("task_options", prev.task_options), ("judge", prev.judge_spec)):
        new = getattr(opts, key)
        explicit = key in given and not (key == "task_options" and not new)
        shown = {k: _redact_value(v) for k, v in new.items()} if key == "task_options" else _redact_value(new)
        if explicit and old is not None and shown != old:
            raise HarnessError(f"run directory was run with {key} {old!r}, not {shown!r}")
        if not explicit and old is not None:
            if "***" in repr(old):
                raise HarnessError(f"give the {key} again on resume: its secrets are not stored in the manifest")
            update[key] = old
    return type(opts).model_validate({**opts.model_dump(), **update}) if update else opts
