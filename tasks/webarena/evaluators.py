"""WebArena's evaluators as AgentTuning's copy defines them (``evaluation_harness/evaluators.py``).

- ``string_match``: the last action's answer, cleaned (one pair of surrounding quotes removed,
  lower-cased), against ``exact_match`` (equality), ``must_include`` (each a substring) and
  ``fuzzy_match`` (each reference judged by an LLM: gpt-3.5-turbo at T=0, "Yes" in the reply);
- ``url_match``: the current page's URL (one trailing slash removed) equal to, or for
  ``url_note = "GOLD in PRED"`` containing, one of the `` |OR| `` references;
- ``program_html``: per target, navigate (unless ``last``; 3 s wait), select the text with the
  locator on the live page, and require one of the `` |OR| `` alternatives as a substring
  (both lower-cased and stripped).

A task's score is the product of its evaluators, run in the config's order (``program_html``
navigates, so a later ``url_match`` would see its page, as in the original).
"""

from __future__ import annotations

import asyncio
from typing import Any

from harness.model import GenerationRequest, GenParams, Model, system, user
from tasks.webarena import site_helpers
from tasks.webarena.configs import TaskConfig

JUDGE_SYSTEM = "You are a helpful assistant"
JUDGE_PARAMS = GenParams(max_new_tokens=16, temperature=0.0)
"""``generate_from_openai_chat_completion(model="gpt-3.5-turbo", temperature=0, top_p=1, max_tokens=16)``."""
PROGRAM_HTML_WAIT_S = 3.0


def judge_messages(pred: str, reference: str) -> tuple:
    """``llm_fuzzy_match``'s two messages."""
    return (
        system(JUDGE_SYSTEM),
        user(f'Given the statement "{pred}", would it be correct to infer "{reference}"? Yes or No'),
    )


def clean_answer(answer: str, lower: bool = True) -> str:
    if answer.startswith("'") and answer.endswith("'"):
        answer = answer[1:-1]
    elif answer.startswith('"') and answer.endswith('"'):
        answer = answer[1:-1]
    return answer.lower() if lower else answer


async def fuzzy_match(pred: str, reference: str, judge: Model | None, log: list[dict[str, Any]]) -> float:
    """1.0 when the judge's reply contains "Yes".

    Deviation: a prediction identical to the reference (after cleaning) is accepted without a
    call (a judge asked whether a statement implies itself; saves calls, keeps a weak fallback
    judge from failing gold answers)."""
    if pred == clean_answer(reference):
        log.append({"reference": reference, "judge": None, "score": 1.0})
        return 1.0
    if judge is None:
        raise RuntimeError("fuzzy_match needs a judge model (--judge)")
    generation = await judge.generate(GenerationRequest(messages=judge_messages(pred, reference), params=JUDGE_PARAMS))
    score = 1.0 if "Yes" in generation.text else 0.0
    log.append({"reference": reference, "judge": generation.text, "score": score})
    return score


async def string_match(config: TaskConfig, answer: str, judge: Model | None, log: dict[str, Any]) -> float:
    refs = config.eval.reference_answers
    assert refs is not None
    pred = clean_answer(answer)
    score = 1.0
    for approach, value in refs.model_dump(exclude_none=True).items():
        if approach == "exact_match":
            score *= float(pred == clean_answer(value))
        elif approach == "must_include":
            for must in value:
                score *= float(clean_answer(must) in pred)
        elif approach == "fuzzy_match":
            judged: list[dict[str, Any]] = log.setdefault("fuzzy_match", [])
            for reference in value:
                score *= await fuzzy_match(pred, reference, judge, judged)
    return score


def clean_url(url: str) -> str:
    url = str(url)
    return url[:-1] if url.endswith("/") else url


def url_match(config: TaskConfig, current_url: str) -> float:
    assert config.eval.reference_url is not None
    pred = clean_url(current_url)
    refs = [clean_url(u) for u in config.eval.reference_url.split(" |OR| ")]
    if config.eval.url_note == "GOLD in PRED":
        return float(any(ref in pred for ref in refs))
    return float(pred in refs)


def _clean(text: Any) -> str:
    return str(text).strip().lower()


async def select(page: Any, locator: str, shopping: str | None) -> str:
    """The text a locator selects on the live page."""
    if not locator.strip():
        return await page.content()
    if locator.startswith("document."):
        try:
            value = await page.evaluate(f"() => {locator}")
        except Exception:  # noqa: BLE001 - the original: a failing locator selects nothing
            return ""
        return str(value) if value else ""
    return await site_helpers.run_locator_func(locator.split("func:", 1)[1], page, shopping)


async def program_html(config: TaskConfig, page: Any, shopping: str | None, wait_s: float, log: dict[str, Any]) -> float:
    score = 1.0
    checks: list[dict[str, Any]] = log.setdefault("program_html", [])
    for target in config.eval.program_html or []:
        url = target.url
        if url.startswith("func"):
            url = await site_helpers.run_url_func(url.split("func:", 1)[1], page.url, shopping)
        if url != "last":
            await page.goto(url)
            await asyncio.sleep(wait_s)
        selected = _clean(await select(page, target.locator, shopping))
        found = any(_clean(alt) in selected for alt in target.required_contents.split(" |OR| "))
        checks.append({"url": url, "locator": target.locator, "found": found, "selected": selected[:300]})
        score *= float(found)
    return score


async def evaluate(
    config: TaskConfig,
    answer: str,
    page: Any,
    judge: Model | None,
    shopping: str | None,
    wait_s: float = PROGRAM_HTML_WAIT_S,
) -> tuple[float, dict[str, Any]]:
    """The product of the config's evaluators and what each found."""
    details: dict[str, Any] = {}
    score = 1.0
    for kind in config.eval.eval_types:
        if kind == "string_match":
            part = await string_match(config, answer, judge, details)
        elif kind == "url_match":
            part = url_match(config, page.url)
        else:
            part = await program_html(config, page, shopping, wait_s, details)
        details[kind] = part
        score *= part
    return score, details
