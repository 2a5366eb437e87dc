"""T-Eval's data: the eight English v2 files, how each is evaluated, and reading them into samples.

Each file is one JSON object ``{item_id: item}``; an item holds ``origin_prompt`` (the chat to send,
a list of ``{role, content}`` or that list as a JSON string), ``ground_truth`` and the fields its
evaluator reads (``template`` and ``meta_data`` for INSTRUCT/REVIEW/RRU, ``meta`` with
``API_list`` for PLAN). How each file is evaluated follows ``test_all_en.sh``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict

from harness.data import DataFile, DataSource
from harness.errors import HarnessError
from harness.model import Message
from harness.task import Sample


class EvalFile(BaseModel):
    """One data file and the evaluator call T-Eval's script makes for it."""

    model_config = ConfigDict(frozen=True)

    stem: str
    """File name without ``.json`` (``plan_json_v2``)."""
    ability: str
    """instruct | plan | reason | retrieve | understand | review | rru (the JSON file of three)."""
    prompt_type: str
    """``--prompt_type`` of the original script: ``json`` or ``str``."""


FILES: tuple[EvalFile, ...] = (
    EvalFile(stem="instruct_v2", ability="instruct", prompt_type="json"),
    EvalFile(stem="plan_json_v2", ability="plan", prompt_type="json"),
    EvalFile(stem="plan_str_v2", ability="plan", prompt_type="str"),
    EvalFile(stem="reason_retrieve_understand_json_v2", ability="rru", prompt_type="json"),
    EvalFile(stem="reason_str_v2", ability="reason", prompt_type="str"),
    EvalFile(stem="retrieve_str_v2", ability="retrieve", prompt_type="str"),
    EvalFile(stem="understand_str_v2", ability="understand", prompt_type="str"),
    EvalFile(stem="review_str_v2", ability="review", prompt_type="str"),
)
BY_STEM = {f.stem: f for f in FILES}

HF_REPO = "lovesnowbest/T-Eval"
REVISION = "c259da3"
"""The Hugging Face commit that added the v2 files ("update dataset", 2024-02-18); the hub's page
shows only this short id, and the hub is not reachable from where this task was written."""
UNRECORDED = "unrecorded"
"""Placeholder checksum: the files could not be fetched here, so their sha256 is not pinned yet
(a pull fails closed with a checksum error that prints the real digest to record)."""
_RAW = f"https://huggingface.co/datasets/{HF_REPO}/resolve/{REVISION}/data"

TEVAL_SOURCE = DataSource(
    name="teval",
    repo=f"https://huggingface.co/datasets/{HF_REPO}",
    revision=REVISION,
    license="Apache-2.0",
    files=tuple(DataFile(path=f"data/{f.stem}.json", url=f"{_RAW}/{f.stem}.json", sha256=UNRECORDED) for f in FILES),
)

_ROLES = {"system": "system", "user": "user", "assistant": "assistant", "function": "user"}


def to_messages(origin_prompt: Any, where: str) -> list[Message]:
    """The chat to send. T-Eval's ``function`` role (tool responses) becomes a user turn, as the
    chat templates of its ``meta_template.py`` render it for most models, and so does a system
    message after the first turn; consecutive turns of one role are merged (T-Eval's inference
    merges them too)."""
    prompt = origin_prompt
    if isinstance(prompt, str):
        try:
            prompt = json.loads(prompt)
        except json.JSONDecodeError:
            raise HarnessError(f"teval: {where}: origin_prompt is a string but not JSON") from None
    if not isinstance(prompt, list) or not prompt:
        raise HarnessError(f"teval: {where}: origin_prompt must be a non-empty list of messages")
    out: list[Message] = []
    for turn in prompt:
        if not isinstance(turn, dict) or turn.get("role") not in _ROLES or not isinstance(turn.get("content"), str):
            raise HarnessError(f"teval: {where}: malformed origin_prompt message {str(turn)[:80]!r}")
        role = _ROLES[turn["role"]]
        if role == "system" and out:
            role = "user"  # chat templates take one leading system message; later ones are user turns
        if out and out[-1].role == role:
            out[-1] = Message(role=role, content=out[-1].content + "\n" + turn["content"])
        else:
            out.append(Message(role=role, content=turn["content"]))  # type: ignore[arg-type]
    return out


def _check(item: Any, spec: EvalFile, where: str) -> None:
    """Reject items the evaluator could not read (bad input, exit 2) before any model call."""
    if not isinstance(item, dict) or "origin_prompt" not in item or "ground_truth" not in item:
        raise HarnessError(f"teval: {where}: an item needs origin_prompt and ground_truth")
    gt = item["ground_truth"]
    if spec.ability == "instruct":
        fmt = (item.get("meta_data") or {}).get("response_format")
        template = item.get("template")
        if fmt not in ("json", "string") or not isinstance(template, dict):
            raise HarnessError(f"teval: {where}: instruct items need meta_data.response_format json|string and a template")
        keys = ("thought", "action", "args") if fmt == "json" else (
            "thought_start", "thought_end", "action_start", "action_end", "args_start", "args_end")
        if any(not isinstance(template.get(k), str) for k in keys):
            raise HarnessError(f"teval: {where}: the {fmt} template lacks one of {', '.join(keys)}")
        if not isinstance(gt, dict) or not isinstance(gt.get("args"), dict) or "action" not in gt:
            raise HarnessError(f"teval: {where}: instruct ground_truth needs action and an args object")
    elif spec.ability == "plan":
        if not isinstance(gt, (list, str)):
            raise HarnessError(f"teval: {where}: plan ground_truth must be a list of actions")
        if spec.prompt_type == "str" and not isinstance((item.get("meta") or {}).get("API_list"), list):
            raise HarnessError(f"teval: {where}: string plans need meta.API_list")
    elif spec.ability == "review":
        if not isinstance(gt, dict) or gt.get("answer") not in tuple("ABCDE"):
            raise HarnessError(f"teval: {where}: review ground_truth.answer must be one of A-E")
    elif not isinstance(gt, (dict, str)):
        raise HarnessError(f"teval: {where}: ground_truth must be an object")


def read_file(path: Path, spec: EvalFile) -> list[Sample]:
    """All items of one file as samples, in file order."""
    if not path.is_file():
        raise HarnessError(f"teval: {path} is missing")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise HarnessError(f"teval: {path}: malformed JSON ({exc})") from None
    if not isinstance(data, dict):
        raise HarnessError(f"teval: {path}: expected an object of items keyed by id")
    out = []
    for key, item in data.items():
        where = f"{path.name} item {key}"
        _check(item, spec, where)
        to_messages(item["origin_prompt"], where)  # validates the prompt
        out.append(Sample(id=f"{spec.stem}/{key}", split="test", data={"file": spec.stem, "item": item}))
    return out


def read_all(root: Path, files: tuple[EvalFile, ...] = FILES) -> list[Sample]:
    """Every file's samples, interleaved round-robin so that any prefix (``--limit``) spans the
    files; within a file, file order."""
    per_file = [read_file(root / "data" / f"{spec.stem}.json", spec) for spec in files]
    out: list[Sample] = []
    for i in range(max((len(s) for s in per_file), default=0)):
        out.extend(s[i] for s in per_file if i < len(s))
    return out
