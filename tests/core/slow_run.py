"""Run GSM8K through a slow scripted model (the subprocess a kill -9 test shoots)."""

import asyncio
import sys
from pathlib import Path

from harness.runner import RunOptions, execute
from tests.core.fakes import ScriptedModel

if __name__ == "__main__":
    out, delay, limit = Path(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3])
    model = ScriptedModel(lambda r: "The answer is 18", delay=delay)
    opts = RunOptions(model="scripted", tasks=["gsm8k"], out=out, limit=limit, concurrency=4, progress=False, cache=False)
    result = asyncio.run(execute(opts, model_override=model))
    print(f"calls={model.calls}")
