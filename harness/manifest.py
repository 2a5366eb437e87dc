"""manifest.json: what was run, against what, with which data and code (enough to reproduce it)."""

from __future__ import annotations

import functools
import platform
import re
import subprocess
import time
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from harness.errors import HarnessError
from harness.model import Model
from harness.plan import PlannedTask, RunOptions
from harness.schema import SCHEMA_VERSION, Invocation, Manifest, ManifestModel, ManifestTask

PACKAGES = ("agentharness", "pydantic", "text-generation", "fschat", "openai", "llama-cpp-python", "scienceworld", "miniwob", "ray")
SECRET_KEYS = ("api_key", "token", "password", "secret")


@functools.lru_cache(maxsize=1)
def _git_revision() -> str | None:
    try:
        out = subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=Path(__file__).parent, capture_output=True, text=True, timeout=5
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return out.stdout.strip() or None if out.returncode == 0 else None


@functools.lru_cache(maxsize=1)
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


def _task_entry(plan: PlannedTask) -> ManifestTask:
    t = plan.task
    options = {}
    for spec in t.options_spec:
        value = t.options.get(spec.name)
        options[spec.name] = "***" if spec.secret and value is not None else _redact_value(_plain(value))
    return ManifestTask(
        name=t.name,
        version=t.version,
        suite=t.suite.value,
        split=plan.split,
        metric=t.metric.name,
        scale=t.metric.scale,
        max_turns=t.max_turns,
        time_limit_s=t.time_limit_s,
        generation=t.generation.model_dump(mode="json"),
        rendering=t.rendering.model_dump(mode="json"),
        n_planned=len(plan.samples),
        data=[d.model_dump(mode="json") for d in plan.data],
        options=options,
        protocol=plan.comparability(),
        judge=plan.judge,
        facts=t.describe(),
    )


def _plain(value: Any) -> Any:
    return str(value) if isinstance(value, Path) else value


def build_manifest(
    opts: RunOptions,
    run_dir: Path,
    plans: list[PlannedTask],
    model: Model | None,
    judge: Model | None,
    previous: Manifest | None,
) -> Manifest:
    """A new manifest, or the previous one updated by a resume (earlier facts are kept)."""
    from harness.registry import model_config

    now = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    base = previous.model_copy(deep=True) if previous is not None else Manifest(run_id=run_dir.name, created=now)
    if model is None and previous is not None and previous.model.name:
        model_entry = previous.model  # nothing ran: keep what the manifest says
    else:
        try:
            name, cfg = model_config(opts.model, opts.models_file)
        except HarnessError:
            if model is None:
                raise
            name, cfg = model.name, {"adapter": model.adapter}  # a model handed over through the Python API
        info = model.info().model_dump(mode="json") if model is not None else {}
        model_entry = ManifestModel.model_validate({**info, "spec": opts.model, "name": name, "config": _redact(cfg)})
    tasks = {t.name: t for t in base.tasks}
    for p in plans:
        tasks[p.task.name] = _task_entry(p)
    command = [_redact_value(a) for a in opts.command]
    return base.model_copy(
        update={
            "schema_version": SCHEMA_VERSION,
            "run_id": base.run_id or run_dir.name,
            "created": base.created or now,
            "updated": now,
            "model": model_entry,
            "judge": judge.info().model_dump(mode="json") if judge is not None else base.judge,
            "tasks": list(tasks.values()),
            "seed": opts.seed,
            "concurrency": opts.concurrency,
            "limit": opts.limit,
            "task_options": {k: _redact_value(v) for k, v in opts.task_options.items()},
            "judge_spec": opts.judge,
            "response_cache": opts.cache,
            "git_revision": _git_revision(),
            "packages": dict(_versions()),
            "host": platform.node(),
            "command": command,
        }
    )


def record_invocation(manifest: Manifest, opts: RunOptions, wall_s: float | None) -> Manifest:
    """Append this invocation (when it started, its command, how long it ran) to the manifest."""
    at = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    command = [_redact_value(a) for a in opts.command]
    return manifest.model_copy(update={"invocations": [*manifest.invocations, Invocation(at=at, command=command, wall_s=wall_s)]})


def check_resume(opts: RunOptions, previous: Manifest | None) -> RunOptions:
    """On resume, fill what the command line left out from the manifest and refuse conflicts
    (a run directory holds one model, seed, set of task options and judge)."""
    if previous is None:
        return opts
    prev = previous
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
