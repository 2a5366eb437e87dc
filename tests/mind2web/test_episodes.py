"""Whole tasks through the one agent loop: the golden first request, the oracle, malformed answers,
steps outside the top k, history trimming, early ends."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from harness.loop import run_episode
from harness.model import ContextLimitError, Generation, GenerationRequest, Model
from harness.oracle import OracleModel
from harness.task import RunContext, SampleScore, Status
from tasks.agentbench import agentbench_trim
from tasks.mind2web import Mind2Web
from tasks.mind2web.prompt import FEW_SHOT
from tests.mind2web.fixtures import SHOP_PAGE, action, make_task, ranks_for, task, write_source

BUNDLED = Path(Mind2Web.sample_data) / "mind2web"


class Scripted(Model):
    """Answers from a list (then ``last``), or from a function of the request; records requests."""

    name = "scripted"
    adapter = "test"
    cacheable = False

    def __init__(
        self, outputs: Sequence[str] = (), last: str = "", fn: Callable[[GenerationRequest], str] | None = None
    ):
        self.outputs, self.last, self.fn = list(outputs), last, fn
        self.requests: list[GenerationRequest] = []

    async def generate(self, request: GenerationRequest) -> Generation:
        self.requests.append(request)
        if self.fn is not None:
            return Generation(text=self.fn(request))
        return Generation(text=self.outputs.pop(0) if self.outputs else self.last)


def play(task: Mind2Web, sample, model):
    return asyncio.run(run_episode(task, sample, model, RunContext(), sample.split))


def shop_source(tmp_path: Path) -> Path:
    """Two steps: the first's gold is ranked 12th (never asked), the second has a pool of three."""
    steps = [
        action("u0", SHOP_PAGE, "CLICK", "", pos=["4"], neg=["5", "8", "9", "12"]),
        action("u1", SHOP_PAGE, "TYPE", "cordless drill", pos=["8"], neg=["9", "5", "4", "12"]),
    ]
    ranks = {
        **ranks_for("t1", "u0", ["5", "8", "9", "12", "x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8", "4"]),
        **ranks_for("t1", "u1", ["8", "9", "5", "x1", "x2", "x3", "x4", "x5", "x6", "x7", "4", "12"]),
    }
    return write_source(tmp_path, [task("t1", "Search for a cordless drill", steps, ["[link]  Acme home -> CLICK",
                                                                                  "[searchbox]  Search products -> TYPE: cordless drill"])],
                        ranks)  # fmt: skip


# The round's user turn, written out from the original protocol: the pruned page (see test_dom),
# the question with the gold previous action, "A. None of the above", the choices in page order.
GOLDEN_TURN = (
    "'''\n"
    "<html> <body> <div> <a acme home /> <button id=0 button> Sign in </button> </div> <form search> "
    "<input id=1 search search products what are you looking for? /> <button id=2 submit> <span> Search "
    "</span> </button> </form> </body> </html>\n"
    "'''\n\n"
    "Based on the HTML webpage above, try to complete the following task:\n"
    "Task: Search for a cordless drill\n"
    "Previous actions:\n"
    "[link]  Acme home -> CLICK\n"
    "What should be the next action? Please select from the following choices (If the correct action is not "
    "in the page above, please select A. 'None of the above'):\n\n"
    "A. None of the above\n"
    "B. <button id=0 button> Sign in </button>\n"
    "C. <input id=1 search search products what are you looking for?\n"
    "D. <button id=2 submit> <span> Search </span> </button>\n"
)


def test_golden_first_request_and_a_step_outside_the_top_k(tmp_path):
    m2w = make_task(shop_source(tmp_path))
    (sample,) = m2w.samples("test_domain")
    model = Scripted(["Thought: type it.\nAnswer: C.\nAction: TYPE\nValue: cordless drill"])
    record = play(m2w, sample, model)
    assert len(model.requests) == 1  # step 0 (gold ranked 12th) costs no request
    request = model.requests[0]
    assert [m.role for m in request.messages] == ["user", "assistant"] * 3 + ["user"]
    assert [m.content for m in request.messages[:6]] == [text for pair in FEW_SHOT for text in pair]
    assert request.messages[6].content == GOLDEN_TURN
    assert (request.params.max_new_tokens, request.params.temperature, request.params.do_sample) == (128, 0.7, False)
    assert record.status == Status.COMPLETED and record.score == 0.5
    steps = record.metrics["step_records"]
    assert [s["kind"] for s in steps] == ["outside_top_k", "asked"]
    assert steps[0]["gold_ids"] == [] and steps[0]["gold_rank"] == 12 and steps[0]["action_f1"] == 0.0
    assert steps[1]["predicted_id"] == "8" and steps[1]["predicted_action"] == "TYPE cordless drill"
    assert record.metrics["task_success"] == 0 and record.metrics["steps_outside_top_k"] == 1


def test_few_shot_prompt_is_the_mirrors_file(mirror):
    path = mirror / "agentbench" / "data" / "mind2web" / "prompt" / "llm_prompt_cot.json"
    original = json.loads(path.read_text())
    assert [m["role"] for m in original] == ["user", "agent"] * 3 + ["user"] and original[-1]["content"] == ""
    assert [text for pair in FEW_SHOT for text in pair] == [m["content"] for m in original[:6]]


@pytest.mark.parametrize("split", ["test_task", "test_website", "test_domain"])
def test_oracle_scores_100_on_the_bundled_sample(split):
    m2w = Mind2Web(data={"mind2web": BUNDLED})
    samples = m2w.samples(split)
    records = [play(m2w, s, OracleModel()) for s in samples]
    assert {(r.status, r.score) for r in records} == {(Status.COMPLETED, 1.0)}
    agg = m2w.aggregate([(None, SampleScore(score=r.score, metrics=r.metrics)) for r in records])
    assert agg.value == 100.0 and agg.metrics["element_acc"] == 100.0 and agg.metrics["task_success"] == 100.0
    # every round of every step was answered: "A" where the gold is not among the choices
    letters = [t.info["letter"] for r in records for t in r.trajectory]
    assert "A" in letters and len(set(letters)) > 3


def test_bundled_sample_size_and_candidates():
    m2w = Mind2Web(data={"mind2web": BUNDLED})
    samples = [s for split in m2w.splits for s in m2w.samples(split)]
    plans = [p for s in samples for p in m2w.plan(s)[1]]
    assert len(samples) >= 20 and len(plans) >= 60
    assert all(p.playable and len(p.pool) == 10 for p in plans)
    assert {p.gold_op for p in plans} == {"CLICK", "TYPE", "SELECT"}
    assert any(len(p.gold_ids) == 2 for p in plans) and max(p.gold_rank for p in plans) >= 5


def test_malformed_answers_are_invalid_and_scored(tmp_path):
    m2w = make_task(shop_source(tmp_path))
    (sample,) = m2w.samples("test_domain")
    for output in ["", "I would search.", "Answer: F.\nAction: CLICK", "Answer: C."]:
        record = play(m2w, sample, Scripted([output]))
        assert record.status == Status.COMPLETED and record.error is None and record.score == 0.0, output
        assert record.trajectory[0].invalid, output


def test_records_keep_what_every_metric_needs():
    m2w = Mind2Web(data={"mind2web": BUNDLED})
    samples = m2w.samples("test_website")[:3]
    # a model that always picks B with a CLICK: some steps right, most wrong
    records = [play(m2w, s, Scripted(last="Answer: B.\nAction: CLICK")) for s in samples]
    steps = [step for r in records for step in r.metrics["step_records"]]
    agg = m2w.aggregate([(None, SampleScore(score=r.score, metrics=r.metrics)) for r in records])
    assert agg.metrics["steps"] == len(steps)
    assert agg.value == pytest.approx(100 * sum(s["success"] for s in steps) / len(steps))
    assert agg.metrics["element_acc"] == pytest.approx(100 * sum(s["element_correct"] for s in steps) / len(steps))
    assert agg.metrics["action_f1"] == pytest.approx(100 * sum(s["action_f1"] for s in steps) / len(steps))
    for s in steps:  # each step's scores follow from its stored prediction and gold
        assert s["element_correct"] == (s["predicted_id"] in s["gold_ids"])
        assert s["success"] == (s["element_correct"] and s["action_f1"] == 1.0)


def _list_page(items: int, spans: int = 0) -> str:
    """A result list; each item holds ``spans`` spans of 20 long words (to overflow the budget)."""
    words = " ".join(["considerably", "descriptive", "listing"] * 7)
    rows = "".join(
        f'<li backend_node_id="{1000 + i}" title="result {i}">'
        + "".join(f'<span backend_node_id="{100000 + 100 * i + j}"><text backend_node_id="{200000 + 100 * i + j}">'
                  f"{words}</text></span>" for j in range(spans))
        + "</li>"
        for i in range(items)
    )  # fmt: skip
    return f'<html backend_node_id="1"><ul backend_node_id="2" aria_label="results">{rows}</ul></html>'


def test_each_request_is_trimmed_like_agentbench_old(tmp_path):
    ids = [str(1000 + i) for i in range(0, 60, 12)]
    steps = [action("u0", _list_page(60, spans=12), "CLICK", "", pos=[ids[0]], neg=ids[1:])]
    write_source(tmp_path, [task("big", "Open the first result", steps)], ranks_for("big", "u0", ids))
    m2w = make_task(tmp_path)
    (sample,) = m2w.samples("test_domain")
    model = Scripted(last="Answer: A.")
    play(m2w, sample, model)
    sent = model.requests[0].messages
    assert "[NOTICE]" in sent[0].content and len(sent) < 7
    untrimmed = list(m2w.make_env(sample, RunContext()).reset())  # the same round, untrimmed
    assert list(sent) == agentbench_trim(untrimmed)


def test_a_task_with_nothing_to_ask_makes_one_ignored_request(tmp_path):
    steps = [action("u0", SHOP_PAGE, "CLICK", "", pos=["4"], neg=["5", "8", "9"])]
    write_source(tmp_path, [task("none", "Go home", steps)], ranks_for("none", "u0", ["5", "8", "9"]))  # 4 unranked
    m2w = make_task(tmp_path)
    (sample,) = m2w.samples("test_domain")
    record = play(m2w, sample, Scripted(last="Answer: B.\nAction: CLICK"))
    assert record.turns == 1 and record.trajectory[0].info == {"filler": True}
    assert record.score == 0.0 and record.metrics["step_records"][0]["kind"] == "outside_top_k"


def test_context_limit_keeps_the_last_pick_and_zeroes_the_rest(tmp_path):
    pool = [str(1000 + i) for i in range(10)]
    steps = [
        action(f"u{i}", _list_page(10), "CLICK", "", pos=["1003"], neg=[p for p in pool if p != "1003"])
        for i in range(2)
    ]
    write_source(
        tmp_path, [task("cl", "Open result 3", steps)], {**ranks_for("cl", "u0", pool), **ranks_for("cl", "u1", pool)}
    )
    m2w = make_task(tmp_path)
    (sample,) = m2w.samples("test_domain")

    class PicksThenOverflows(Scripted):
        async def generate(self, request):
            if self.requests:
                raise ContextLimitError("prompt too long")
            return await super().generate(request)

    record = play(m2w, sample, PicksThenOverflows(["Answer: B.\nAction: CLICK"]))
    assert record.status == Status.CONTEXT_LIMIT and record.turns == 1
    first, second = record.metrics["step_records"]
    assert (first["kind"], first["rounds"], second["kind"]) == ("asked", 1, "not_reached")
    assert first["predicted_id"] == record.trajectory[0].info["picked"] != ""  # the pick of the cut step stays
    assert second["predicted_id"] == "" and record.score == 0.5 * int(first["success"])


def test_oracle_keeps_the_tournament_alive_when_none_would_hide_the_gold(tmp_path):
    pool = [str(1000 + i) for i in range(6)]
    steps = [action("u0", _list_page(6), "SELECT", "Result 5", pos=["1005"], neg=pool[:5])]
    write_source(tmp_path, [task("six", "Pick result 5", steps)], ranks_for("six", "u0", pool))
    seed = next(
        s
        for s in range(1000)
        if make_task(tmp_path, seed=s).plan(make_task(tmp_path).samples("test_domain")[0])[1][0].pool[-1] == "1005"
    )
    m2w = make_task(tmp_path, seed=seed)
    (sample,) = m2w.samples("test_domain")
    # gold or None in every group: "A" for the first five leaves the gold alone in the pool, unseen
    naive = play(m2w, sample, Scripted(last="Answer: A."))
    assert naive.turns == 1 and naive.score == 0.0
    record = play(m2w, sample, OracleModel())
    assert record.score == 1.0 and record.turns == 2
    assert [t.info["letter"] for t in record.trajectory] == ["B", "C"]  # a stand-in pick, then the gold


def test_first_request_through_the_tgi_adapter_with_the_agentlm_entry(tmp_path):
    """Byte for byte what AgentBench.old's TGIAgent sends AgentLM: FastChat's llama-2 conversation of
    the stripped turns (no system prompt), then the held-in parameters."""
    conversation = pytest.importorskip("fastchat.conversation", reason="fschat not installed")
    from adapters.tgi import TGIModel

    m2w = make_task(shop_source(tmp_path))
    (sample,) = m2w.samples("test_domain")
    model = Scripted(["Answer: A."])
    play(m2w, sample, model)
    agentlm = TGIModel.from_config("agentlm-70b", {"adapter": "tgi", "urls": ["http://127.0.0.1:30070"], "template": "llama-2"})
    conv = conversation.get_conv_template("llama-2")
    turns = [text for pair in FEW_SHOT for text in pair] + [GOLDEN_TURN]
    for i, text in enumerate(turns):
        conv.append_message(conv.roles[i % 2], text.strip())
    conv.append_message(conv.roles[1], None)
    assert agentlm.prompt(model.requests[0]) == conv.get_prompt()
    parameters = agentlm.parameters(model.requests[0].params)
    assert (parameters["max_new_tokens"], parameters["do_sample"], parameters["temperature"]) == (128, False, 0.7)
    assert parameters["truncate"] == 4096 - 128


def test_oracle_accounts_for_steps_outside_the_top_k(tmp_path):
    m2w = make_task(shop_source(tmp_path))
    (sample,) = m2w.samples("test_domain")
    record = play(m2w, sample, OracleModel())
    assert record.score == 0.5  # the askable step is solved, the other cannot be
    assert record.oracle.solvable is False and record.oracle.reason == "gold_outside_top_k"
    assert record.oracle.detail == {"unsolvable_steps": [0], "askable_steps": 1, "askable_steps_solved": 1}
