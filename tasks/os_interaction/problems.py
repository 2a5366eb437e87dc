"""Reading AgentBench OS problem files and parsing the agent's ``Think:``/``Act:`` output."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from harness.errors import HarnessError

Script = tuple[str, str]
"""(language, code)."""


class Problem(BaseModel):
    """One problem, as AgentBench's ``JudgeConfig``."""

    description: str
    init: list[Script] = []
    start: Script | None = None
    match: dict[str, Any] | None = None
    check: list[Script | None] | None = None
    example: Script | None = None
    group: str
    file: str
    index: int


def _script(obj: Any, script_dir: Path) -> Script | None:
    if obj is None:
        return None
    if isinstance(obj, str):
        return ("bash", obj)
    language = obj.get("language", "bash")
    if "file" in obj:
        return (language, (script_dir / obj["file"]).read_text(encoding="utf-8"))
    if "code" in obj:
        return (language, obj["code"])
    raise HarnessError(f"invalid script object {obj!r}")


def load_problems(path: Path, script_dir: Path, group: str) -> list[Problem]:
    raw = json.loads(path.read_text(encoding="utf-8"))
    items = raw if isinstance(raw, list) else [raw]
    problems = []
    for index, item in enumerate(items):
        create = item.get("create") or {}
        init = create.get("init") if isinstance(create, dict) else None
        inits = [] if init is None else [_script(s, script_dir) for s in (init if isinstance(init, list) else [init])]
        ev = item["evaluation"]
        match = check = example = None
        if "match" in ev:
            match = {"answer": ev["match"], "strip": True} if isinstance(ev["match"], str) else ev["match"]
        elif "check" in ev:
            items_ = ev["check"] if isinstance(ev["check"], list) else [ev["check"]]
            check = [_script(s, script_dir) for s in items_]
        else:
            raise HarnessError(f"{path}: problem {index} has neither check nor match")
        if "example" in ev:  # the original keeps it only for check problems; the oracle also reads it
            example = _script(ev["example"], script_dir)
        problems.append(Problem(
            description=item["description"], init=inits, start=_script(item.get("start"), script_dir),
            match=match, check=check, example=example, group=group, file=path.name, index=index,
        ))
    return problems


class Action(BaseModel):
    action: str | None = None
    """"bash", "commit" or None (invalid)."""
    content: str | None = None


def extract_action(raw: str) -> Action:
    """AgentBench's parser: the *last* ``Act:`` line that is bash / finish / answer(...) wins;
    bash code = every ```` ```bash ```` block joined by blank lines."""
    action = Action()
    for act in reversed(re.findall(r"Act:\s*(.+)", raw)):
        low = act.lower()
        if low.startswith("bash"):
            action.action = "bash"
            break
        if low.startswith("finish"):
            action.action = "commit"
            break
        if low.startswith("answer"):
            content = act[6:].strip()
            left, right = content.find("("), content.rfind(")")
            if left == -1 or right == -1:
                continue
            action.action, action.content = "commit", content[left + 1 : right]
            break
    if action.action == "bash":
        action.content = "\n\n".join(re.findall(r"```bash\n(.*?)\n```", raw, re.DOTALL))
    return action
