"""End to end on the bundled local site in Chromium: the scripted oracle solves every authored task
(browser, observation, every action, all three evaluators), the first request is the original
prompt, and bad model output ends episodes the way run.py ends them."""

import asyncio
import re

from adapters.tgi import TGIModel
from harness.loop import run_episode
from harness.model import GenerationRequest
from harness.oracle import BoundOracle, OracleModel
from harness.task import Replay, RunContext, SampleScore, Status
from tasks.webarena import WebArena
from tasks.webarena.oracle import ScriptedOracle
from tests.webarena.conftest import ScriptedJudge, needs_chromium
from tests.webarena.test_prompt import ORIGINAL_TEMPLATE, expected_llama2

pytestmark = needs_chromium
OPTIONS = {"settle_s": "0.5", "program_html_wait_s": "0"}


class Scripted(OracleModel):
    """A 'model' that answers one sample with fixed outputs."""

    def __init__(self, outputs):
        self.outputs = outputs

    def bind(self, task, sample, env):
        return BoundOracle(Replay(self.outputs))


async def _run(task, samples, model, ctx):
    sem = asyncio.Semaphore(4)

    async def one(sample):
        async with sem:
            return await run_episode(task, sample, model, ctx, "test")

    return await asyncio.gather(*[one(s) for s in samples])


async def test_oracle_solves_every_local_task():
    task = WebArena(options=OPTIONS)
    ctx = RunContext(judge=ScriptedJudge(lambda text: "No"))  # identical answers never reach the judge
    await task.start(ctx)
    try:
        samples = task.samples("test")
        records = await _run(task, samples, OracleModel(), ctx)
    finally:
        await task.stop()
    failed = [(r.sample_id, r.status, r.score, r.error, r.metrics.get("evaluators")) for r in records if r.score != 1.0]
    assert not failed
    assert all(r.status is Status.COMPLETED for r in records) and len(records) == 21
    agg = task.aggregate([(s, SampleScore(score=r.score, metrics=r.metrics)) for s, r in zip(samples, records)])
    assert agg.value == 100.0 and agg.n == 21

    first = records[0]  # task 0: the shop's home page
    current = first.messages[-1].content
    assert current.startswith("OBSERVATION:\nTab 0 (current): Home Page - One Stop Market\n\n[")
    assert "] searchbox 'Search'" in current and "url:" not in current
    assert current.endswith("\nURL: http://onestopmarket.com/\nOBJECTIVE: What is the price of the Aurora USB-C Hub?\n"
                            "PREVIOUS ACTION: None")
    observation = current[len("OBSERVATION:\n") : current.index("\nURL: ")]
    expected = expected_llama2(ORIGINAL_TEMPLATE.format(
        observation=observation, url="http://onestopmarket.com/", objective="What is the price of the Aurora USB-C Hub?",
        previous_action="None"))  # fmt: skip
    tgi = TGIModel.from_config("agentlm-7b", {"adapter": "tgi", "urls": ["http://127.0.0.1:9"], "template": "llama-2"})
    request = GenerationRequest(messages=tuple(first.messages), params=WebArena.generation, rendering=WebArena.rendering)
    assert tgi.prompt(request) == expected
    params = tgi.parameters(WebArena.generation)  # llm_llama's request: do_sample, T=1.0, top_p 0.9, 384, truncate 4000
    assert (params["do_sample"], params["temperature"], params["top_p"], params["max_new_tokens"], params["truncate"]) == (
        True, 1.0, 0.9, 384, 4000)
    # mid-episode: the second prompt carries the first action's history text and the search results
    second = [*first.messages[:-1], *first.trajectory[0].next_messages]
    current2 = second[-1].content
    element = re.search(r"PREVIOUS ACTION: type \[(\d+)\]", current2).group(1)
    observation2 = current2[len("OBSERVATION:\n") : current2.index("\nURL: ")]
    assert f"[{element}] searchbox 'Search'" in observation
    expected2 = expected_llama2(ORIGINAL_TEMPLATE.format(
        observation=observation2, url="http://onestopmarket.com/search?q=Aurora+USB-C+Hub",
        objective="What is the price of the Aurora USB-C Hub?",
        previous_action=f"type [{element}] [Aurora USB-C Hub\n] where [{element}] is searchbox 'Search'"))  # fmt: skip
    assert tgi.prompt(request.model_copy(update={"messages": tuple(second)})) == expected2


async def test_bad_output_early_stops_and_the_judge():
    task = WebArena(options=OPTIONS)
    judge = ScriptedJudge(lambda text: "Yes" if "30 hours" in text else "No")
    ctx = RunContext(judge=judge)
    await task.start(ctx)
    try:
        by_id = {s.id: s for s in task.samples("test")}
        garbage = await run_episode(task, by_id["0"], Scripted(["I think the price is $34.99."] * 5), ctx, "test")
        repeat = ["In summary, the next action I will perform is ```scroll [down]```"] * 5
        repeated = await run_episode(task, by_id["3"], Scripted(repeat), ctx, "test")
        paraphrase = ScriptedOracle(["click [{link 'Electronics'}]", "click [{link 'Zephyr Wireless Headphones'}]",
                                     "stop [The battery lasts 30 hours]"])  # fmt: skip
        judged = await run_episode(task, by_id["2"], _Policy(paraphrase), ctx, "test")
        unknown = ScriptedOracle(["click [999999]", "click [{link 'Bags'}]", "stop [Slate, Coral]"])
        missed = await run_episode(task, by_id["1"], _Policy(unknown), ctx, "test")
    finally:
        await task.stop()
    assert garbage.status is Status.INVALID_FORMAT and garbage.turns == 3 and garbage.score == 0.0
    assert garbage.metrics["answer"] == "Early stop: Failed to parse actions for 3 times"
    assert all(t.invalid for t in garbage.trajectory)
    assert "The previous prediction you issued was \"I think the price is $34.99.\"" in garbage.trajectory[0].next_messages[-1].content
    assert repeated.status is Status.TASK_LIMIT_REACHED and repeated.turns == 3
    assert repeated.metrics["stop_reason"] == "Same action for 3 times"
    assert judged.score == 1.0 and len(judge.requests) == 1
    assert '"the battery lasts 30 hours"' in judge.requests[0].messages[-1].content
    assert missed.score == 1.0  # an unknown id is a failed action, the episode goes on
    assert "but no matching element found" in missed.trajectory[0].next_messages[-1].content
    assert missed.trajectory[0].info["action"].startswith('Attempt to perfom "click" on element "[999999]"')


class _Policy(OracleModel):
    def __init__(self, policy):
        self.policy = policy

    def bind(self, task, sample, env):
        return BoundOracle(self.policy)


async def test_official_mode_plumbing_on_stand_in_sites(mirror, local_sites):
    """Official configs, the local shop and forum standing in for the deployment: placeholders
    filled, only the configured sites' tasks kept, log-in states made by signing in, and the
    reference oracle's answers scored (string-only tasks need no page content)."""
    from pathlib import Path

    from harness.data import resolve
    from tasks.webarena import SAMPLE_DATA, SOURCE

    data = {SOURCE.name: Path(resolve(SOURCE, SAMPLE_DATA).path)}
    task = WebArena(data=data, options={**OPTIONS, "shopping": local_sites.shopping, "reddit": local_sites.reddit})
    samples = task.samples("test")
    assert 0 < len(samples) < 812
    assert any("not configured" in r for r in task.comparability())
    chosen = [s for s in samples if s.data["config"]["eval"]["eval_types"] == ["string_match"]
              and s.data["config"]["storage_state"]][:3]  # fmt: skip
    ctx = RunContext(judge=ScriptedJudge())
    await task.start(ctx)
    try:
        records = await _run(task, chosen, OracleModel(), ctx)
    finally:
        await task.stop()
    assert [(r.status, r.score) for r in records] == [(Status.COMPLETED, 1.0)] * 3, [r.error for r in records]
    assert all(r.messages[-1].content.split("\nURL: ")[1].startswith(("http://onestopmarket.com", "http://reddit.com"))
               for r in records)  # fmt: skip
