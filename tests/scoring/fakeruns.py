"""Write synthetic run directories in the previous (schema version 1) format of the store: manifest.json,
samples.jsonl, summary.json. Every reader must still load them (migrated on load)."""

from __future__ import annotations

import json
from pathlib import Path

from harness.analysis.scorecard import load_scorecard

STATUS_CYCLE = ("completed", "task_limit_reached", "invalid_action")


def write_run(root: Path, run_id: str, model: str, tasks: dict[str, list[float | None]], created: str = "2026-01-01T00:00:00Z",
              summary: bool = True, extra_lines: list[str] | None = None, trajectory_text: str = "ok") -> Path:
    """A run directory: one sample per score (None: errored), turns 1..3, a two-turn trajectory."""
    card = load_scorecard()
    run = root / run_id
    run.mkdir(parents=True)
    manifest_tasks, lines, summ = [], [], {}
    for name, scores in tasks.items():
        tc = card.task(name)
        scale = tc.scale if tc else "percent"
        suite = tc.suite.replace("_", "-") if tc else "held-out"
        manifest_tasks.append({"name": name, "version": "1", "suite": suite, "split": "test", "metric": "m", "scale": scale})
        recs = []
        for i, s in enumerate(scores):
            status = "errored" if s is None else STATUS_CYCLE[i % 3] if s == 0 else "completed"
            rec = {"task": name, "split": "test", "sample_id": f"{name}-{i}", "status": status, "score": s,
                   "metrics": {"group": f"g{i % 2}"}, "turns": 1 + i % 3, "prompt_tokens": 100, "completion_tokens": 10,
                   "latency_s": 0.5, "error": "endpoint down" if s is None else None,
                   "messages": [{"role": "user", "content": f"Solve {name} item {i}"}],
                   "trajectory": [{"output": f"Action: think {trajectory_text}", "observation": "You see a thing.",
                                   "reward": 0.0, "done": False, "invalid": False},
                                  {"output": "Action: finish", "observation": None, "reward": s, "done": True,
                                   "invalid": False}]}
            recs.append(rec)
        lines += [json.dumps(r) for r in recs]
        scored = [s for s in scores if s is not None]
        factor = 100.0 if scale == "percent" else 1.0
        summ[name] = {"task": name, "version": "1", "suite": suite, "split": "test", "metric": "m", "scale": scale,
                      "score": factor * sum(scored) / len(scored) if scored else None, "ci95": None, "n": len(scored),
                      "n_errored": len(scores) - len(scored), "n_total": len(scores), "statuses": {},
                      "metrics": {}, "mean_turns": 2.0, "prompt_tokens": 100 * len(scores),
                      "completion_tokens": 10 * len(scores), "wall_s": 0.5 * len(scores), "data_origin": "official"}
    (run / "manifest.json").write_text(json.dumps({"run_id": run_id, "created": created, "git_revision": "abc",
                                                   "command": ["harness", "run"], "model": {"name": model, "adapter": "oracle"},
                                                   "tasks": manifest_tasks}))
    (run / "samples.jsonl").write_text("\n".join(lines + (extra_lines or [])) + "\n")
    if summary:
        (run / "summary.json").write_text(json.dumps({"run_id": run_id, "model": model, "tasks": summ}))
    return run


def binary_scores(n: int, rate: float) -> list[float]:
    """n pass/fail scores with exactly round(n * rate) passes, first ones passing."""
    k = round(n * rate)
    return [1.0] * k + [0.0] * (n - k)
