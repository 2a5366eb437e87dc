"""inspect_ai on the same synthetic multi-turn task, with its mock model (``mockllm/model``).

Run as a script in its own process (inspect_ai sets up its own event loop, logging and display):
``python benchmarks/inspect_bench.py --samples 100 --turns 10 [--reduced]`` prints one JSON line
with the CPU milliseconds per turn of the ``eval`` call. ``--reduced`` turns sample logging off.
Needs the optional ``bench`` dependencies (``pip install -e .[bench]``).
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.synthetic import instruction, observation


def cpu_s() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--samples", type=int, default=100)
    parser.add_argument("--turns", type=int, default=10)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--reduced", action="store_true")
    args = parser.parse_args()

    from inspect_ai import Task, eval
    from inspect_ai.dataset import Sample
    from inspect_ai.model import ChatMessageUser, ModelOutput, ModelUsage, get_model
    from inspect_ai.scorer import Score, Target, accuracy, scorer
    from inspect_ai.solver import Generate, TaskState, solver

    @solver
    def episode(turns: int):
        async def solve(state: TaskState, generate: Generate) -> TaskState:
            for k in range(1, turns + 1):
                state = await generate(state)
                if k < turns:
                    state.messages.append(ChatMessageUser(content=observation(k)))
            return state

        return solve

    @scorer(metrics=[accuracy()])
    def answered():
        async def score(state: TaskState, target: Target) -> Score:
            return Score(value=1.0)

        return score

    def task(n: int) -> Task:
        return Task(dataset=[Sample(input=instruction(str(i)), target="x") for i in range(n)],
                    solver=episode(args.turns), scorer=answered())

    def answer(*_: object) -> ModelOutput:
        # usage given, so the mock does not count tokens with tiktoken (which downloads its BPE file)
        out = ModelOutput.from_content(model="mockllm/model", content="Think: list the files.\nAct: bash ls -la")
        out.usage = ModelUsage(input_tokens=10, output_tokens=1, total_tokens=11)
        return out

    model = get_model("mockllm/model", custom_outputs=answer)
    extra = {"log_samples": False, "log_realtime": False} if args.reduced else {}
    with tempfile.TemporaryDirectory() as tmp:
        eval(task(4), model=model, display="none", log_dir=tmp, max_samples=args.concurrency, **extra)
        before = cpu_s()
        logs = eval(task(args.samples), model=model, display="none", log_dir=tmp,
                    max_samples=args.concurrency, **extra)
        spent = cpu_s() - before
    ok = logs[0].status == "success"
    print(json.dumps({"ms_per_turn": spent / (args.samples * args.turns) * 1e3, "ok": ok}))


if __name__ == "__main__":
    main()
