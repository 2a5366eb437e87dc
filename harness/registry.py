"""Discovery of tasks and adapters (entry points) and the model registry file.

Third-party packages add a task or an adapter by declaring an entry point::

    [project.entry-points."agentharness.tasks"]
    mytask = "mypkg.mytask:MyTask"          # a harness.task.Task subclass

    [project.entry-points."agentharness.adapters"]
    mykind = "mypkg.adapter:MyModel"        # a harness.model.Model with from_config/parse_spec

Named models live in TOML files: the packaged ``harness/models.toml``, then
``~/.config/agentharness/models.toml``, then ``$HARNESS_MODELS`` (later files override earlier
ones). Each ``[models.NAME]`` table has ``adapter = KIND`` plus the adapter's own keys.
``--model`` also takes ad-hoc specs ``KIND:SPEC`` (``tgi:URL[,URL]``, ``openai:MODEL@URL``).
"""

from __future__ import annotations

import os
import tomllib
from functools import cache
from importlib.metadata import EntryPoint, entry_points
from pathlib import Path
from typing import Any

from harness.errors import ConfigError, HarnessError
from harness.model import Model
from harness.task import Suite, Task

TASK_GROUP = "agentharness.tasks"
ADAPTER_GROUP = "agentharness.adapters"

SUITE_ALIASES = {
    "held-in": Suite.HELD_IN,
    "heldin": Suite.HELD_IN,
    "held_in": Suite.HELD_IN,
    "held-out": Suite.HELD_OUT,
    "heldout": Suite.HELD_OUT,
    "held_out": Suite.HELD_OUT,
    "general": Suite.GENERAL,
    "agent-flan": Suite.AGENT_FLAN,
    "agentflan": Suite.AGENT_FLAN,
    "agent_flan": Suite.AGENT_FLAN,
}


@cache
def _entry_points(group: str) -> dict[str, EntryPoint]:
    return {ep.name: ep for ep in entry_points(group=group)}


def task_names() -> list[str]:
    return sorted(_entry_points(TASK_GROUP))


def task_class(name: str) -> type[Task]:
    """Load a task class by registry name."""
    eps = _entry_points(TASK_GROUP)
    if name not in eps:
        raise HarnessError(f"unknown task {name!r} (known: {', '.join(sorted(eps))})")
    try:
        cls = eps[name].load()
    except Exception as exc:  # a broken plugin must not take the CLI down with a traceback
        raise HarnessError(f"task {name!r} cannot be loaded: {type(exc).__name__}: {exc}") from None
    return cls


def available_tasks() -> dict[str, type[Task] | str]:
    """name -> class, or the reason it cannot be loaded."""
    out: dict[str, type[Task] | str] = {}
    for name in task_names():
        try:
            out[name] = task_class(name)
        except HarnessError as exc:
            out[name] = str(exc)
    return out


def suite_tasks(suite: str) -> list[str]:
    """The loadable tasks of a suite (``all`` for every task)."""
    tasks = {n: c for n, c in available_tasks().items() if not isinstance(c, str)}
    if suite == "all":
        return sorted(tasks)
    if suite not in SUITE_ALIASES:
        raise HarnessError(f"unknown suite {suite!r} (known: held-in, held-out, general, agent-flan, all)")
    wanted = SUITE_ALIASES[suite]
    return sorted(n for n, c in tasks.items() if c.suite is wanted)


def adapter_class(kind: str):
    eps = _entry_points(ADAPTER_GROUP)
    if kind not in eps:
        raise HarnessError(f"unknown model adapter {kind!r} (known: {', '.join(sorted(eps))})")
    try:
        return eps[kind].load()
    except Exception as exc:
        raise HarnessError(f"adapter {kind!r} cannot be loaded: {type(exc).__name__}: {exc}") from None


# -- the model registry ------------------------------------------------------------------------------
def registry_files() -> list[Path]:
    files = [Path(__file__).with_name("models.toml"), Path.home() / ".config" / "agentharness" / "models.toml"]
    if os.environ.get("HARNESS_MODELS"):
        files.append(Path(os.environ["HARNESS_MODELS"]))
    return files


def load_registry(extra: Path | None = None) -> dict[str, dict[str, Any]]:
    """All named models: name -> config table."""
    models: dict[str, dict[str, Any]] = {}
    files = registry_files() + ([extra] if extra else [])
    for path in files:
        if not path.is_file():
            if path == extra or (os.environ.get("HARNESS_MODELS") and path == Path(os.environ["HARNESS_MODELS"])):
                raise ConfigError(f"model registry file {path} does not exist")
            continue
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"malformed model registry {path}: {exc}") from None
        except OSError as exc:
            raise ConfigError(f"cannot read model registry {path}: {exc.strerror}") from None
        table = data.get("models", {})
        if not isinstance(table, dict):
            raise ConfigError(f"malformed model registry {path}: [models] must be a table")
        for name, cfg in table.items():
            if not isinstance(cfg, dict) or not isinstance(cfg.get("adapter"), str):
                raise ConfigError(f"malformed model registry {path}: models.{name} needs adapter = \"KIND\"")
            models[name] = cfg
    return models


def model_config(spec: str, extra: Path | None = None) -> tuple[str, dict[str, Any]]:
    """Resolve ``--model`` (a registry name or ``KIND:SPEC``) to (name, config)."""
    registry = load_registry(extra)
    if spec in registry:
        return spec, dict(registry[spec])
    kind, sep, rest = spec.partition(":")
    if sep and kind in _entry_points(ADAPTER_GROUP):
        cls = adapter_class(kind)
        cfg = dict(cls.parse_spec(rest))
        cfg["adapter"] = kind
        return spec, cfg
    known = ", ".join(sorted(registry))
    raise HarnessError(f"unknown model {spec!r} (named models: {known}; or KIND:SPEC such as tgi:URL, openai:MODEL@URL)")


def build_model(spec: str, extra: Path | None = None) -> Model:
    """Instantiate the model ``spec`` names."""
    name, cfg = model_config(spec, extra)
    cls = adapter_class(cfg["adapter"])
    return cls.from_config(name, cfg)
