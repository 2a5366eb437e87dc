"""Which ScienceWorld variations are evaluated, chosen as AgentTuning's ``load_variation`` does.

test: the package's test variations of each task, ``random.seed(1); random.shuffle(...)``, first
``min(10, n)`` (task 15: 9, task 25: 5) -> 270 variations with scienceworld 1.1.3 and 1.2.3 alike.
dev: the first 3 dev variations of each task (the original's ``--set dev``).

The catalog needs one short JVM session (~10 s); it is cached on disk keyed by the package version.
"""

from __future__ import annotations

import json
import random
import threading
from importlib.metadata import version as package_version
from pathlib import Path

from pydantic import BaseModel

from harness.data import cache_root

SIMPLIFICATION = "easy"
TEST_PER_TASK = 10
TEST_OVERRIDES = {25: 5, 15: 9}
DEV_PER_TASK = 3
SHUFFLE_SEED = 1


class TaskVariations(BaseModel):
    """One ScienceWorld task (by its index in ``get_task_names()``) and its chosen variations."""

    task_num: int
    task_name: str
    test: list[int]
    dev: list[int]


class Catalog(BaseModel):
    """All 30 tasks' chosen variations for one package version."""

    scienceworld_version: str
    tasks: list[TaskVariations]


def select_test(variations: list[int], task_num: int) -> list[int]:
    """The original's test selection (same semantics as seeding the global RNG before shuffling)."""
    chosen = list(variations)
    count = TEST_OVERRIDES.get(task_num, min(TEST_PER_TASK, len(chosen)))
    random.Random(SHUFFLE_SEED).shuffle(chosen)
    return chosen[:count]


def select_dev(variations: list[int]) -> list[int]:
    return list(variations)[:DEV_PER_TASK]


def scienceworld_version() -> str:
    return package_version("scienceworld")


def build_catalog(env) -> Catalog:
    """Enumerate the variations with a running ``ScienceWorldEnv`` (as the original: load
    variation 0 of each task with the simplifications, then ask for the split's variations)."""
    tasks = []
    for num, name in enumerate(env.get_task_names()):
        env.load(name, 0, SIMPLIFICATION)
        tasks.append(
            TaskVariations(
                task_num=num,
                task_name=name,
                test=select_test(list(env.get_variations_test()), num),
                dev=select_dev(list(env.get_variations_dev())),
            )
        )
    return Catalog(scienceworld_version=scienceworld_version(), tasks=tasks)


_lock = threading.Lock()
_memo: dict[str, Catalog] = {}


def catalog_path() -> Path:
    return cache_root() / "sciworld" / f"variations-{scienceworld_version()}.json"


def load_catalog(make_env) -> Catalog:
    """The cached catalog, built once with ``make_env()`` (a fresh ``ScienceWorldEnv``) if missing."""
    path = catalog_path()
    key = str(path)
    with _lock:
        if key in _memo:
            return _memo[key]
        if path.is_file():
            catalog = Catalog.model_validate_json(path.read_text())
        else:
            env = make_env()
            try:
                catalog = build_catalog(env)
            finally:
                env.close()
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(".tmp")
            tmp.write_text(json.dumps(catalog.model_dump(), indent=1))
            tmp.replace(path)
        _memo[key] = catalog
        return catalog
