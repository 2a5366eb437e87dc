"""Exact log-probability of a continuation from per-token prompt log-probabilities.

Servers score a whole text: for the tokens ``t_1..t_n`` of a text they return ``log P(t_i | t_<i)``
(TGI's ``decoder_input_details`` prefill, OpenAI-style ``echo`` + ``logprobs``, or our own llama.cpp
evaluation). Scoring the prompt P and P+choice, the tokenisations share a prefix of k tokens, and

    log P(choice | P) = sum_{i>=k} lp(P+choice)_i - sum_{i>=k} lp(P)_i

which is exactly the sum of the choice's token log-probabilities when the tokenisation of P+choice
extends that of P (the usual case, e.g. " A" after "Answer:"), and the ratio of the two texts'
probabilities when the tokeniser merges across the boundary. A first token without a conditional
log-probability (None) counts 0: it is the same for both texts.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Mapping, Sequence

TokenLogprobs = Sequence[tuple[Hashable, float | None]]
"""(token id or text, log-probability given the tokens before it; None for the first)."""


def common_prefix(a: Sequence[Hashable], b: Sequence[Hashable]) -> int:
    """Length of the longest common prefix of two token sequences."""
    k = 0
    for x, y in zip(a, b):
        if x != y:
            break
        k += 1
    return k


def continuation_logprob(prompt: TokenLogprobs, full: TokenLogprobs) -> float:
    """log P(full | prompt) per the formula in the module docstring."""
    k = common_prefix([t for t, _ in prompt], [t for t, _ in full])
    return sum(lp or 0.0 for _, lp in full[k:]) - sum(lp or 0.0 for _, lp in prompt[k:])


def best_choice(logprobs: Mapping[str, float]) -> str:
    """The choice with the highest log-probability (first one on ties, NaN never wins)."""
    best, best_lp = None, -math.inf
    for choice, lp in logprobs.items():
        if best is None or (not math.isnan(lp) and lp > best_lp):
            best, best_lp = choice, (lp if not math.isnan(lp) else -math.inf)
    assert best is not None, "no choices"
    return best


def scoring_cut(n_prompt: int, keep: int | None) -> int:
    """Leading tokens to drop before scoring choices after a prompt of ``n_prompt`` tokens, the way
    AgentTuning's ``eval_mmlu_hf.py`` applies ``--max-seq-len`` (= ``keep + 1``): a prompt longer
    than ``keep + 1`` tokens keeps its last ``keep`` (the BOS token goes with the cut); 0 otherwise.
    ``keep`` is the request's ``truncate`` (None: no cut)."""
    if keep is None or n_prompt <= keep + 1:
        return 0
    return n_prompt - keep
