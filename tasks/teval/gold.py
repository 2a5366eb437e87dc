"""Gold responses for the oracle: each item's ground truth written the way its prompt asks."""

from __future__ import annotations

import ast
import json
from typing import Any

from tasks.teval.dataset import BY_STEM
from tasks.teval.metrics import load_plan, load_rru


def _literal(args: dict[str, Any]) -> str:
    """Arguments on one line, readable back by ``ast.literal_eval`` (JSON when it round-trips)."""
    text = json.dumps(args, ensure_ascii=False)
    try:
        if ast.literal_eval(text) == args:
            return text
    except (ValueError, SyntaxError):
        pass
    return repr(args)


def gold_response(stem: str, item: dict[str, Any]) -> str:
    spec = BY_STEM[stem]
    gt = item["ground_truth"]
    if spec.ability == "instruct":
        template = item["template"]
        thought = str(gt.get("thought") or gt.get("goal") or f"call {gt['action']}")
        if item["meta_data"]["response_format"] == "json":
            return json.dumps({template["thought"]: thought, template["action"]: gt["action"], template["args"]: gt["args"]}, ensure_ascii=False)
        return (
            template["thought_start"] + thought + template["thought_end"]
            + template["action_start"] + str(gt["action"]) + template["action_end"]
            + template["args_start"] + _literal(gt["args"]) + template["args_end"]
        )
    if spec.ability == "plan":
        plan = load_plan(gt)
        if spec.prompt_type == "json":
            return json.dumps(plan, ensure_ascii=False)
        # one line per step: the API name, then the arguments the plan gives it
        return "\n".join(f"{step['name']} {step['args']}" for step in plan)
    if spec.ability == "review":
        return f"Answer: {gt['answer']}"
    rru = load_rru(gt, spec.prompt_type == "json")
    if spec.ability == "rru":
        return json.dumps({"thought": rru["thought"], "name": rru["name"], "args": rru["args"]}, ensure_ascii=False)
    return {"reason": rru["thought"], "retrieve": rru["name"], "understand": rru["args"]}[spec.ability]


def tied_steps(stem: str, item: dict[str, Any]) -> bool:
    """True when a plan's ground truth repeats a step (same name and args). T-Eval's matching
    cannot tell the copies apart, may pair them crosswise and then loses one from the ordered
    chain, so even the gold plan can score below 1 on such items (a defect of the metric)."""
    if BY_STEM[stem].ability != "plan":
        return False
    steps = [(s["name"], s["args"]) for s in load_plan(item["ground_truth"]) if s["name"] != "FinishAction"]
    return len(steps) != len(set(steps))
