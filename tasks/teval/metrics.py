"""T-Eval's per-response metrics, reimplemented from its evaluators (open-compass/T-Eval @ 58f2240,
``teval/evaluators/*.py``). Every function scores one cleaned prediction against one data item.

Quirks kept on purpose (they are the metric):

- INSTRUCT args match is Python equality per ground-truth key plus one point for the action
  name, over ``len(args) + 1``.
- PLAN similarity is 0.75 × cos(names) + 0.25 × cos(args), cosines clipped at 0; edges above 0.8
  go into networkx's ``max_weight_matching``; the matched count is the longest chain of
  increasing ground-truth indices, where every node starts at 1, so a plan with no match at all
  still counts 1 (a non-empty plan never scores 0). A trailing ``FinishAction`` is dropped from
  both plans first. Departure: when a plan is nothing but ``FinishAction`` T-Eval crashes
  (``max`` of an empty array); here it scores 0.
- REASON/RETRIEVE/UNDERSTAND (JSON) divide the argument matches by ``len(gt_args) + 1e-5``, so a
  perfect answer with k arguments scores k / (k + 1e-5), not 1 (the oracle's 99.9998…).
- RETRIEVE (string) needs the gold name inside the answer and no other ``a.b`` token (any
  ``\\w+\\.\\w+``, numbers such as ``3.5`` included) nor ``FinishAction`` other than the gold.
- REVIEW takes the first character after the first ``:`` and accepts only A–E.
"""

from __future__ import annotations

import ast
import copy
import re
from typing import Any

import numpy as np

from tasks.teval.embedding import Embedder
from tasks.teval.parsing import FormatError, format_load, parse_string

NAME_WEIGHT = 0.75
ARGS_WEIGHT = 0.25
MATCH_THRESHOLD = 0.8
ARGS_EPS = 1e-5


# -- INSTRUCT ------------------------------------------------------------------------------------
def _instruct_json(pred: str, template: dict[str, str]) -> dict[str, Any] | None:
    try:
        data = format_load(pred)
        out = {"thought": data[template["thought"]], "action": data[template["action"]]}
        args = data[template["args"]]
    except Exception:  # noqa: BLE001 - any failure to read the answer is a format failure
        return None
    out["args"] = args if isinstance(args, dict) else {}
    return out


def _instruct_string(pred: str, template: dict[str, str]) -> dict[str, Any] | None:
    pattern = (
        template["thought_start"] + "{thought}" + template["thought_end"]
        + template["action_start"] + "{action}" + template["action_end"]
        + template["args_start"] + "{args}" + template["args_end"]
    )
    res = parse_string(pattern, pred, allow_newline=True)
    if res is None:
        return None
    try:
        args = ast.literal_eval(str(res["args"]).strip())
        res["args"] = args if isinstance(args, dict) else {}
    except Exception:  # noqa: BLE001 - unreadable args: the answer parsed, its args are empty
        res["args"] = {}
    res["action"] = str(res["action"]).strip()
    return res


def instruct_scores(pred: str, item: dict[str, Any]) -> dict[str, float]:
    """``{format}_format_metric`` (parsed or not) and ``{format}_args_em_metric``."""
    fmt = item["meta_data"]["response_format"]
    parsed = _instruct_json(pred, item["template"]) if fmt == "json" else _instruct_string(pred, item["template"])
    if parsed is None:
        return {f"{fmt}_format_metric": 0.0, f"{fmt}_args_em_metric": 0.0}
    gt = item["ground_truth"]
    hits = 1.0 if gt["action"] == parsed["action"] else 0.0
    for key, value in gt["args"].items():
        if parsed["args"].get(key, "") == value:
            hits += 1.0
    return {f"{fmt}_format_metric": 1.0, f"{fmt}_args_em_metric": hits / (len(gt["args"]) + 1)}


# -- PLAN ----------------------------------------------------------------------------------------
def load_plan(data: Any) -> list[dict[str, Any]]:
    """A plan as T-Eval normalises it: ``[{name: str, id: int, args: str}]``, or [] if unreadable."""
    try:
        plan = format_load(data, "[", "]")
    except FormatError:
        return []
    if not isinstance(plan, list):
        return []
    try:
        return [{"name": str(a["name"]), "id": int(a["id"]), "args": str(a["args"])} for a in plan]
    except Exception:  # noqa: BLE001 - a malformed step makes the whole plan unreadable
        return []


def plan_from_text(pred: str, api_list: list[str]) -> list[dict[str, Any]]:
    """The string-format plan: one step per line (``". "`` also breaks lines) that names an API;
    the step's name is the API that occurs first in the line, its args the whole line."""
    steps = []
    for line in pred.replace(". ", "\n").split("\n"):
        best, name = None, ""
        for api in api_list:
            at = line.find(api)
            if at != -1 and (best is None or at < best):
                best, name = at, api
        if name:
            steps.append({"id": len(steps), "name": name, "args": line})
    return steps


def plan_match(pred_plan: list[dict[str, Any]], gt_plan: list[dict[str, Any]], embedder: Embedder) -> dict[str, float]:
    """Precision / recall / F1 of the matched steps (T-Eval's ``bertscore_match``)."""
    import networkx as nx

    zero = {"precision": 0.0, "recall": 0.0, "f1_score": 0.0}
    if not pred_plan or not gt_plan:
        return zero
    pred = copy.deepcopy(sorted(pred_plan, key=lambda a: a["id"]))
    gt = copy.deepcopy(sorted(gt_plan, key=lambda a: a["id"]))
    if pred[-1]["name"] == "FinishAction":
        pred = pred[:-1]
    if gt[-1]["name"] == "FinishAction":
        gt = gt[:-1]
    if not pred or not gt:
        return zero  # T-Eval raises here (empty plan after FinishAction); scored 0 instead
    names_p = embedder.encode([a["name"] for a in pred])
    names_g = embedder.encode([a["name"] for a in gt])
    args_p = embedder.encode([str(a["args"]) for a in pred])
    args_g = embedder.encode([str(a["args"]) for a in gt])
    sim = NAME_WEIGHT * np.maximum(_cos(names_p, names_g), 0) + ARGS_WEIGHT * np.maximum(_cos(args_p, args_g), 0)
    graph = nx.Graph()
    for i in range(len(pred)):
        for j in range(len(gt)):
            if sim[i][j] > MATCH_THRESHOLD:
                graph.add_edge(i, str(j), weight=sim[i][j])
    mapping = {i: -1 for i in range(len(pred))}
    for a, b in nx.max_weight_matching(graph):
        if isinstance(a, int):
            mapping[a] = int(b)
        else:
            mapping[int(b)] = int(a)
    chain = [1] * len(pred)
    for i in range(len(pred)):
        for j in range(i):
            if mapping[i] == -1 or mapping[j] == -1:
                continue
            if mapping[i] > mapping[j]:
                chain[i] = max(chain[i], chain[j] + 1)
    correct = max(chain)
    recall, precision = correct / len(gt), correct / len(pred)
    return {"precision": precision, "recall": recall, "f1_score": 2 * recall * precision / (recall + precision)}


def _cos(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    a = a / np.maximum(np.linalg.norm(a, axis=1, keepdims=True), 1e-8)
    b = b / np.maximum(np.linalg.norm(b, axis=1, keepdims=True), 1e-8)
    return a @ b.T


def plan_scores(pred: str, item: dict[str, Any], prompt_type: str, embedder: Embedder) -> dict[str, float]:
    gt = load_plan(item["ground_truth"])
    plan = load_plan(pred) if prompt_type == "json" else plan_from_text(pred, item["meta"]["API_list"])
    result = plan_match(plan, gt, embedder)
    result["parse_rate"] = 1.0 if plan and gt else 0.0
    return result


# -- REASON / RETRIEVE / UNDERSTAND ----------------------------------------------------------------
def load_rru(data: Any, json_args: bool) -> dict[str, Any]:
    """``{thought, name, args}`` as T-Eval reads them (args a dict for JSON files, else a string)."""
    try:
        raw = format_load(data, "{", "}")
    except FormatError:
        return {}
    if not isinstance(raw, dict):
        return {}
    out: dict[str, Any] = {"thought": str(raw.get("thought", "")), "name": str(raw.get("name", ""))}
    if json_args:
        out["args"] = raw["args"] if isinstance(raw.get("args"), dict) else {}
    else:
        out["args"] = str(raw["args"]) if "args" in raw else ""
    return out


_A_DOT_B = re.compile(r"\w+\.\w+")


def _retrieve_str_ok(pred: str, gold: str) -> float:
    if gold not in pred:
        return 0.0
    names = _A_DOT_B.findall(pred) + re.findall("FinishAction", pred)
    return 0.0 if any(n != gold for n in names) else 1.0


def _args_score(pred_args: Any, gt_args: Any) -> float:
    if isinstance(gt_args, dict):
        hits = sum(1 for k in gt_args if k in pred_args and str(pred_args[k]) == str(gt_args[k]))
        score = hits / (len(gt_args) + ARGS_EPS)
        if not gt_args:
            score = 1.0 if len(pred_args) == 0 else 0.0
        return score
    return float(gt_args == str(pred_args).strip("'").strip('"'))


def rru_scores(pred: str, item: dict[str, Any], eval_type: str, default_format: str, embedder: Embedder) -> dict[str, float]:
    """Thought cosine, exact name, argument match, parse rate; only the keys the variant reports.

    ``eval_type`` is ``reason``, ``retrieve``, ``understand`` (string files) or ``rru`` (the JSON
    file, all three); ``default_format`` is the file's prompt type (``json`` or ``str``)."""
    json_args = default_format == "json"
    gt = load_rru(item["ground_truth"], json_args)
    fmt = (item.get("meta_data") or {}).get("response_format", default_format)
    if fmt == "json":
        parsed = load_rru(pred, json_args)
        if not parsed or not gt:
            parsed = {}
    else:
        key = {"reason": "thought", "retrieve": "name", "understand": "args"}.get(eval_type)
        parsed = {key: pred} if key else {}
    if json_args:
        keys = ["thought", "name", "args", "parse_rate"]
    else:
        keys = [{"reason": "thought", "retrieve": "name", "understand": "args"}[eval_type], "parse_rate"]
    out = {k: 0.0 for k in keys}
    if parsed:
        out["parse_rate"] = 1.0
    if "thought" in parsed and "thought" in gt and "thought" in out:
        vectors = embedder.encode([str(parsed["thought"]), gt["thought"]])
        out["thought"] = float(max(_cos(vectors[:1], vectors[1:])[0, 0], 0.0))
    if "name" in parsed and "name" in gt and "name" in out:
        if json_args:
            out["name"] = float(parsed["name"] == gt["name"])
        else:
            out["name"] = _retrieve_str_ok(str(parsed["name"]), gt["name"])
    if "args" in parsed and "args" in gt and "args" in out:
        out["args"] = _args_score(parsed["args"], gt["args"])
    return out


# -- REVIEW --------------------------------------------------------------------------------------
def review_scores(pred: str, item: dict[str, Any]) -> dict[str, float]:
    """``review_quality`` (the A–E choice equals the gold) and ``parse_rate``."""
    answer = pred[pred.find(":") + 1 :].strip()
    choice = answer[0] if answer and answer[0] in "ABCDE" else None
    if choice is None:
        return {"parse_rate": 0.0, "review_quality": 0.0}
    return {"parse_rate": 1.0, "review_quality": float(choice == item["ground_truth"]["answer"])}
