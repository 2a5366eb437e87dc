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


class ProblemError(ValueError):
    """A malformed problem (its file and index are added by :func:`load_problems`)."""


def _script(obj: Any, script_dir: Path) -> Script | None:
    if obj is None:
        return None
    if isinstance(obj, str):
        return ("bash", obj)
    if not isinstance(obj, dict):
        raise ProblemError(f"a script must be a string or an object with 'code' or 'file', not {obj!r}")
    language = obj.get("language", "bash")
    if language not in ("bash", "python", "c", "c++"):
        raise ProblemError(f"unsupported script language {language!r}")
    if "file" in obj:
        path = script_dir / str(obj["file"])
        if not path.is_file():
            raise ProblemError(f"script file {obj['file']!r} not found under {script_dir}")
        return (language, path.read_text(encoding="utf-8"))
    if "code" in obj:
        return (language, str(obj["code"]))
    raise ProblemError(f"a script object needs 'code' or 'file': {obj!r}")


def _problem(item: Any, script_dir: Path, group: str, file: str, index: int) -> Problem:
    if not isinstance(item, dict):
        raise ProblemError("a problem must be a JSON object")
    if not isinstance(item.get("description"), str) or not item["description"].strip():
        raise ProblemError("'description' must be a non-empty string")
    create = item.get("create") or {}
    # A 'create' that is not an object has no init for the original (dev problem 10 holds a list
    # there: `"init" in list` is False), so it is read the same way here.
    init = create.get("init") if isinstance(create, dict) else None
    inits = [] if init is None else [_script(s, script_dir) for s in (init if isinstance(init, list) else [init])]
    if any(s is None for s in inits):
        raise ProblemError("'create.init' holds an empty script")
    ev = item.get("evaluation")
    if not isinstance(ev, dict):
        raise ProblemError("'evaluation' must be an object with 'match' or 'check'")
    match = check = example = None
    if "match" in ev:
        match = {"answer": ev["match"], "strip": True} if isinstance(ev["match"], str) else ev["match"]
        if not isinstance(match, dict) or not ({"answer", "regex"} & match.keys()):
            raise ProblemError("'evaluation.match' must be a string or an object with 'answer' or 'regex'")
    elif "check" in ev:
        items_ = ev["check"] if isinstance(ev["check"], list) else [ev["check"]]
        check = [_script(s, script_dir) for s in items_]
        if not any(c is not None for c in check):
            raise ProblemError("'evaluation.check' has no script")
    else:
        raise ProblemError("'evaluation' has neither 'match' nor 'check'")
    if "example" in ev:  # the original keeps it only for check problems; the oracle also reads it
        example = _script(ev["example"], script_dir)
    if check and check[0] is None and example is None:
        raise ProblemError("a check chain starting with null needs an 'example' script (it produces the expected output)")
    return Problem(
        description=item["description"], init=inits, start=_script(item.get("start"), script_dir),  # type: ignore[arg-type]
        match=match, check=check, example=example, group=group, file=file, index=index,
    )


def load_problems(path: Path, script_dir: Path, group: str) -> list[Problem]:
    """The problems of an AgentBench problem file (a JSON list or object, or JSONL), each checked:
    a malformed one is bad input naming the file and the problem's index (exit 2)."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise HarnessError(f"cannot read problem file {path}: {exc.strerror}") from None
    try:
        if path.suffix == ".jsonl":
            items = [json.loads(line) for line in text.splitlines() if line.strip()]
        else:
            raw = json.loads(text)
            items = raw if isinstance(raw, list) else [raw]
    except json.JSONDecodeError as exc:
        raise HarnessError(f"{path}: malformed JSON ({exc.msg} at line {exc.lineno})") from None
    problems = []
    for index, item in enumerate(items):
        try:
            problems.append(_problem(item, script_dir, group, path.name, index))
        except ProblemError as exc:
            raise HarnessError(f"{path}: problem {index}: {exc}") from None
    if not problems:
        raise HarnessError(f"{path}: no problems")
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
