"""Reading Mind2Web's test data and the ranker's scores from a source directory.

The official source is the Hugging Face dataset ``osunlp/Mind2Web``: ``test.zip`` (members
``test_task/*.json``, ``test_website/*.json``, ``test_domain/*.json``, encrypted with the password
``mind2web`` that Mind2Web's README publishes so that crawlers cannot read the test set) and
``scores_all_data.pkl`` (``{"scores": {sample_id: {node_id: score}}, "ranks": {...}}``). Each
member is a JSON list of tasks. The zip is read in place (nothing decrypted is written to disk);
a directory holding the extracted ``<split>/*.json`` files (Mind2Web's documented layout, and the
bundled sample's) is read the same way.

AgentBench.old loads the same JSON with ``datasets.load_dataset`` and flattens it into steps; the
records are the same, so the standard library's ``json`` reads them here (no Arrow dependency).
The pickle is read by an unpickler that accepts only plain containers and numpy scalars.
"""

from __future__ import annotations

import json
import pickle
import threading
import zipfile
from collections import OrderedDict
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from harness.errors import HarnessError
from tasks.mind2web.records import Ranking, WebTask

ZIP_NAME = "test.zip"
SCORES_NAME = "scores_all_data.pkl"
ZIP_PASSWORD = b"mind2web"
SPLITS = ("test_task", "test_website", "test_domain")

_ALLOWED_GLOBALS = {
    ("builtins", "dict"), ("builtins", "list"), ("builtins", "tuple"), ("builtins", "set"),
    ("builtins", "int"), ("builtins", "float"), ("builtins", "str"), ("collections", "OrderedDict"),
    ("collections", "defaultdict"), ("numpy", "dtype"), ("numpy.core.multiarray", "scalar"),
    ("numpy._core.multiarray", "scalar"),
}  # fmt: skip


class _PlainUnpickler(pickle.Unpickler):
    """Only containers, numbers, strings and numpy scalars: a score file cannot run code."""

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) not in _ALLOWED_GLOBALS:
            raise pickle.UnpicklingError(f"refused to load {module}.{name}")
        return super().find_class(module, name)


def _rankings(raw: Any, where: str) -> dict[str, Ranking]:
    if not isinstance(raw, dict) or not isinstance(raw.get("scores"), dict) or not isinstance(raw.get("ranks"), dict):
        raise HarnessError(f"mind2web: {where} is not a score file (expected a dict with 'scores' and 'ranks')")
    out: dict[str, Ranking] = {}
    for sample_id, ranks in raw["ranks"].items():
        scores = raw["scores"].get(sample_id, {})
        try:
            out[str(sample_id)] = Ranking(
                ranks={str(k): int(v) for k, v in ranks.items()},
                scores={str(k): float(v) for k, v in scores.items()},
            )
        except (AttributeError, TypeError, ValueError):
            raise HarnessError(f"mind2web: {where}: malformed ranks/scores for step {sample_id!r}") from None
    return out


def load_rankings(path: Path) -> dict[str, Ranking]:
    """``scores_all_data.pkl`` as step id -> ranking."""
    if not path.is_file():
        raise HarnessError(f"mind2web: no score file {path}")
    try:
        with path.open("rb") as f:
            raw = _PlainUnpickler(f).load()
    except Exception as exc:  # noqa: BLE001 - any unpickling failure means a malformed input file
        raise HarnessError(f"mind2web: cannot read {path}: {type(exc).__name__}: {exc}") from None
    return _rankings(raw, str(path))


def parse_tasks(text: bytes | str, where: str) -> list[WebTask]:
    """One data file: a JSON list of tasks."""
    try:
        raw = json.loads(text)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise HarnessError(f"mind2web: {where} is not valid JSON: {exc}") from None
    if not isinstance(raw, list):
        raise HarnessError(f"mind2web: {where} must hold a JSON list of tasks, not {type(raw).__name__}")
    tasks = []
    for position, item in enumerate(raw):
        try:
            task = WebTask.model_validate(item)
        except ValidationError as exc:
            first = exc.errors()[0]
            field = ".".join(str(p) for p in first["loc"])
            raise HarnessError(f"mind2web: {where}: task #{position}: {field}: {first['msg']}") from None
        if len(task.action_reprs) != len(task.actions):
            raise HarnessError(
                f"mind2web: {where}: task {task.annotation_id}: {len(task.actions)} actions but "
                f"{len(task.action_reprs)} action_reprs"
            )
        tasks.append(task)
    return tasks


class Mind2WebData:
    """The split files and the score file of one source directory, read on demand (thread-safe)."""

    def __init__(self, root: Path, cache_files: int = 2):
        self.root = Path(root)
        self._zip = self.root / ZIP_NAME
        self._lock = threading.Lock()
        self._files: OrderedDict[str, list[WebTask]] = OrderedDict()
        self._cache_files = cache_files
        self._rankings: dict[str, Ranking] | None = None

    # -- files ---------------------------------------------------------------------------------
    def files(self, split: str) -> list[str]:
        """The split's data files, sorted by name (zip members or ``<split>/*.json``)."""
        if self._zip.is_file():
            try:
                with zipfile.ZipFile(self._zip) as archive:
                    names = archive.namelist()
            except zipfile.BadZipFile as exc:
                raise HarnessError(f"mind2web: {self._zip} is not a zip archive: {exc}") from None
            found = sorted(n for n in names if n.startswith(f"{split}/") and n.endswith(".json"))
        else:
            found = sorted(f"{split}/{p.name}" for p in (self.root / split).glob("*.json"))
        if not found:
            raise HarnessError(f"mind2web: no data files for split {split!r} under {self.root}")
        return found

    def _read(self, name: str) -> bytes:
        if self._zip.is_file():
            try:
                with zipfile.ZipFile(self._zip) as archive, archive.open(name, pwd=ZIP_PASSWORD) as member:
                    return member.read()
            except (zipfile.BadZipFile, RuntimeError, KeyError) as exc:
                raise HarnessError(f"mind2web: cannot read {name} from {self._zip}: {exc}") from None
        with open(self.root / name, "rb") as f:
            return f.read()

    def tasks(self, name: str) -> list[WebTask]:
        """The parsed tasks of one data file (the last few files stay in memory)."""
        with self._lock:
            cached = self._files.get(name)
            if cached is not None:
                self._files.move_to_end(name)
                return cached
            tasks = parse_tasks(self._read(name), name)
            self._files[name] = tasks
            while len(self._files) > self._cache_files:
                self._files.popitem(last=False)
            return tasks

    def task(self, name: str, position: int) -> WebTask:
        return self.tasks(name)[position]

    # -- scores ----------------------------------------------------------------------------------
    def rankings(self) -> dict[str, Ranking]:
        with self._lock:
            if self._rankings is None:
                self._rankings = load_rankings(self.root / SCORES_NAME)
            return self._rankings

    def rankings_for(self, task: WebTask) -> dict[str, Ranking]:
        """The score-file entries of ``task``'s steps."""
        every = self.rankings()
        keys = (f"{task.annotation_id}_{a.action_uid}" for a in task.actions)
        return {k: every[k] for k in keys if k in every}
