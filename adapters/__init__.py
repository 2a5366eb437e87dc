"""Model adapters: ``tgi`` (text-generation-inference), ``openai`` (OpenAI-compatible servers) and
``smollm2`` (the embedded SmolLM2-135M llama.cpp model). The core finds them through entry points."""
