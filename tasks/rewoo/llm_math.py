"""ReWOO's ``Calculator[...]`` worker: LangChain's ``LLMMathChain`` (langchain 0.0.187), reproduced.

Upstream: ``LLMMathChain(llm=OpenAI(temperature=0))``: the model (text-davinci-003, ``max_tokens``
256) completes :data:`LLM_MATH_PROMPT` with the input as the question, stopping at
```` ```output ````; the chain then reads its text (:func:`math_answer`):

* a ```` ```text ... ``` ```` block at the start: the expression inside is evaluated by
  ``numexpr`` (here the safe evaluator of :mod:`tasks.rewoo.calculator`), brackets around the
  result stripped, and the answer is ``Answer: <value>``;
* else text starting with ``Answer:`` is the answer; else text containing ``Answer:``: the part
  after the last one; else the chain raises ``unknown format from LLM``.

An expression numexpr cannot evaluate raises too. Upstream, a raising worker fails the whole
question (the evaluator retries it, then records a failed response): :class:`CalculatorFailure`.
The worker's evidence is the answer with ``Answer:`` removed, stripped.
"""

from __future__ import annotations

import re

from harness.model import GenParams
from tasks.rewoo.calculator import CalculatorError, numexpr_text, numexpr_value

LLM_MATH_PROMPT = """Translate a math problem into a expression that can be executed using Python's numexpr library. Use the output of running this code to answer the question.

Question: ${{Question with math problem.}}
```text
${{single line mathematical expression that solves the problem}}
```
...numexpr.evaluate(text)...
```output
${{Output of running the code}}
```
Answer: ${{Answer}}

Begin.

Question: What is 37593 * 67?
```text
37593 * 67
```
...numexpr.evaluate("37593 * 67")...
```output
2518731
```
Answer: 2518731

Question: 37593^(1/5)
```text
37593**(1/5)
```
...numexpr.evaluate("37593**(1/5)")...
```output
8.222831614237718
```
Answer: 8.222831614237718

Question: {question}
"""
"""langchain/chains/llm_math/prompt.py (a PromptTemplate: ``{{``/``}}`` are literal braces)."""

LLM_MATH_PARAMS = GenParams(max_new_tokens=256, temperature=0.0, do_sample=False, stop=("```output",))
"""``OpenAI(temperature=0)``'s completion parameters and the chain's stop sequence."""

_TEXT_BLOCK = re.compile(r"^```text(.*?)```", re.DOTALL)


class CalculatorFailure(ValueError):
    """The chain raised (unknown output format, or an expression numexpr rejects)."""


def math_prompt(question: str) -> str:
    return LLM_MATH_PROMPT.replace("{{", "{").replace("}}", "}").replace("{question}", question)


def math_answer(llm_output: str) -> str:
    """``LLMMathChain._process_llm_result``: the chain's ``answer`` text; raises CalculatorFailure."""
    text = llm_output.strip()
    block = _TEXT_BLOCK.search(text)
    if block:
        expression = block.group(1)
        try:
            value = numexpr_text(numexpr_value(expression))
        except CalculatorError as exc:
            raise CalculatorFailure(
                f'LLMMathChain._evaluate("{expression}") raised error: {exc}. '
                "Please try again with a valid numerical expression"
            ) from None
        return "Answer: " + re.sub(r"^\[|\]$", "", value)
    if text.startswith("Answer:"):
        return text
    if "Answer:" in text:
        return "Answer: " + text.split("Answer:")[-1]
    raise CalculatorFailure(f"unknown format from LLM: {text}")


def calculator_evidence(llm_output: str) -> str:
    """``CalculatorWorker.run``: the answer without ``Answer:``, stripped."""
    return math_answer(llm_output).replace("Answer:", "").strip()
