"""T-Eval's metrics on hand-checked cases (values worked out by hand from the original evaluators)."""

from __future__ import annotations

import json

import pytest

from harness.task import SampleScore
from tasks.teval import metrics as m
from tasks.teval.parsing import FormatError, clean_prediction, format_load, parse_string
from tasks.teval.scoring import aggregate
from tests.agentflan.teval_fakes import TableEmbedder, random_unit, with_cosine

JSON_T = {"thought": "goal", "action": "name", "args": "args"}
STR_T = {"thought_start": "goal:", "thought_end": "\n", "action_start": "name:", "action_end": "\n", "args_start": "args:", "args_end": ""}


def _instruct(fmt: str, args: dict) -> dict:
    return {"meta_data": {"response_format": fmt}, "template": JSON_T if fmt == "json" else STR_T,
            "ground_truth": {"action": "Weather.get", "args": args}}


# -- parsing -----------------------------------------------------------------------------------------
def test_clean_prediction_cuts_markers_and_fences():
    assert clean_prediction('  ```json\n{"a": 1}\n```  ') == '{"a": 1}'
    assert clean_prediction("Answer: B<|im_end|>\nuser: more") == "Answer: B"
    assert clean_prediction("x\nassistant\ny") == "x"


def test_format_load_readings():
    assert format_load("{'a': 1}") == {"a": 1}                     # Python literal
    assert format_load('{"a": true, "b": null}') == {"a": True, "b": None}  # JSON
    assert format_load("{'a': true}") == {"a": True}                # quotes swapped, then JSON
    assert format_load('Here: [1, 2] done', "[", "]") == [1, 2]     # sliced first [ .. last ]
    assert format_load('```json\n{"a": 2}\n```') == {"a": 2}
    assert format_load({"already": "parsed"}) == {"already": "parsed"}
    with pytest.raises(FormatError):
        format_load("no structure here", "{", "}")


def test_parse_string_is_greedy_and_unescaped():
    assert parse_string("goal:{t}\nname:{a}", "goal: g\nname: x\nname: y", allow_newline=True) == {"t": " g\nname: x", "a": " y"}
    assert parse_string("a{x}b", "nothing") is None


# -- INSTRUCT ----------------------------------------------------------------------------------------
def test_instruct_json_exact_and_partial():
    item = _instruct("json", {"city": "Oslo", "days": 3})
    ok = json.dumps({"goal": "g", "name": "Weather.get", "args": {"city": "Oslo", "days": 3.0}})  # 3 == 3.0 in Python
    assert m.instruct_scores(ok, item) == {"json_format_metric": 1.0, "json_args_em_metric": 1.0}
    wrong = json.dumps({"goal": "g", "name": "Weather.get", "args": {"city": "Oslo", "days": "3"}})
    assert m.instruct_scores(wrong, item)["json_args_em_metric"] == pytest.approx(2 / 3)
    args_as_text = json.dumps({"goal": "g", "name": "Other", "args": "{'city': 'Oslo'}"})
    assert m.instruct_scores(args_as_text, item) == {"json_format_metric": 1.0, "json_args_em_metric": 0.0}
    assert m.instruct_scores('{"name": "Weather.get", "args": {}}', item) == {"json_format_metric": 0.0, "json_args_em_metric": 0.0}


def test_instruct_string_template():
    item = _instruct("string", {"city": "Oslo"})
    assert m.instruct_scores("goal: look\nname: Weather.get \nargs: {'city': 'Oslo'}", item) == {
        "string_format_metric": 1.0, "string_args_em_metric": 1.0}
    # args that are not a literal dict: the answer parsed, its args are empty
    assert m.instruct_scores("goal: x\nname: Weather.get\nargs: city=Oslo", item) == {
        "string_format_metric": 1.0, "string_args_em_metric": 0.5}
    assert m.instruct_scores("Weather.get(city='Oslo')", item) == {"string_format_metric": 0.0, "string_args_em_metric": 0.0}


# -- PLAN --------------------------------------------------------------------------------------------
def _plan(*steps):
    return [{"id": i, "name": n, "args": a} for i, (n, a) in enumerate(steps)]


GT = _plan(("A.x", "{'q': 1}"), ("B.y", "{'q': 2}"), ("C.z", "{'q': 3}"), ("FinishAction", "{}"))


def test_plan_identical_is_perfect_and_finish_is_ignored():
    result = m.plan_match(GT[:3], GT, TableEmbedder())
    assert result == {"precision": 1.0, "recall": 1.0, "f1_score": 1.0}


def test_plan_one_wrong_step():
    pred = _plan(("A.x", "{'q': 1}"), ("Q.q", "nonsense"), ("C.z", "{'q': 3}"))
    result = m.plan_match(pred, GT, TableEmbedder())
    assert result["precision"] == pytest.approx(2 / 3) and result["recall"] == pytest.approx(2 / 3)


def test_plan_reversed_order_counts_one_increasing_chain():
    pred = list(reversed(GT[:3]))
    pred = [dict(s, id=i) for i, s in enumerate(pred)]
    assert m.plan_match(pred, GT, TableEmbedder())["f1_score"] == pytest.approx(1 / 3)


def test_plan_without_any_match_still_counts_one():
    """T-Eval's chain starts every node at 1: one unmatched step gives precision 1 over 1."""
    result = m.plan_match(_plan(("Nope.nope", "x")), GT, TableEmbedder())
    assert result["precision"] == 1.0 and result["recall"] == pytest.approx(1 / 3) and result["f1_score"] == pytest.approx(0.5)


def test_plan_threshold():
    """Same name (0.75) + args cosine c: an edge only when 0.75 + 0.25 c > 0.8, i.e. c > 0.2."""
    base = random_unit("{'q': 1}")
    gt = _plan(("A.x", "{'q': 1}"), ("B.y", "{'q': 2}"))
    pred = _plan(("A.x", "ARGS"), ("B.y", "{'q': 2}"))
    for c, recall in ((0.19, 0.5), (0.21, 1.0)):
        emb = TableEmbedder({"ARGS": with_cosine(base, c, "salt")})
        assert m.plan_match(pred, gt, emb)["recall"] == recall, c


def test_plan_empty_or_finish_only():
    assert m.plan_match([], GT, TableEmbedder())["f1_score"] == 0.0
    assert m.plan_match(_plan(("FinishAction", "{}")), GT, TableEmbedder())["f1_score"] == 0.0
    item = {"ground_truth": GT, "meta": {"API_list": ["A.x"]}}
    assert m.plan_scores("not a list", item, "json", TableEmbedder())["parse_rate"] == 0.0


def test_plan_from_text_first_api_per_line():
    # ". " breaks lines too, so "1. call ..." loses its number
    steps = m.plan_from_text("1. call B.y then A.x. 2. call A.x\nno api here", ["A.x", "B.y"])
    assert [(s["name"], s["args"]) for s in steps] == [("B.y", "call B.y then A.x"), ("A.x", "call A.x")]


def test_load_plan_normalises_and_rejects():
    assert m.load_plan('[{"id": "0", "name": "A.x", "args": {"q": 1}}]') == [{"name": "A.x", "id": 0, "args": "{'q': 1}"}]
    assert m.load_plan('[{"id": 0, "name": "A.x"}]') == []  # a step without args spoils the plan


# -- REASON / RETRIEVE / UNDERSTAND ------------------------------------------------------------------
RRU = {"meta_data": {"response_format": "json"}, "ground_truth": {"thought": "find the book", "name": "Book.find", "args": {"id": 4410, "q": "x"}}}


def test_rru_json_exact_has_the_epsilon():
    pred = json.dumps({"thought": "find the book", "name": "Book.find", "args": {"id": "4410", "q": "x"}})
    out = m.rru_scores(pred, RRU, "rru", "json", TableEmbedder())
    assert out["thought"] == pytest.approx(1.0) and out["name"] == 1.0 and out["parse_rate"] == 1.0
    assert out["args"] == 2 / (2 + 1e-5)


def test_rru_json_partial_and_empty_args():
    pred = json.dumps({"thought": "t", "name": "Other", "args": {"id": 4410}})
    out = m.rru_scores(pred, RRU, "rru", "json", TableEmbedder())
    assert out["name"] == 0.0 and out["args"] == pytest.approx(1 / (2 + 1e-5))
    empty = {"ground_truth": {"thought": "t", "name": "FinishAction", "args": {}}, "meta_data": {"response_format": "json"}}
    assert m.rru_scores('{"thought": "t", "name": "FinishAction", "args": {}}', empty, "rru", "json", TableEmbedder())["args"] == 1.0
    assert m.rru_scores('{"thought": "t", "name": "FinishAction", "args": {"a": 1}}', empty, "rru", "json", TableEmbedder())["args"] == 0.0
    assert m.rru_scores("garbage", RRU, "rru", "json", TableEmbedder()) == {"thought": 0.0, "name": 0.0, "args": 0.0, "parse_rate": 0.0}


def test_reason_string_is_cosine_clipped_at_zero():
    gt = random_unit("find the book")
    emb = TableEmbedder({"close": with_cosine(gt, 0.6, "a"), "opposite": -gt})
    item = {"meta_data": {"response_format": "str"}, "ground_truth": RRU["ground_truth"]}
    assert m.rru_scores("close", item, "reason", "str", emb)["thought"] == pytest.approx(0.6)
    assert m.rru_scores("opposite", item, "reason", "str", emb)["thought"] == 0.0


def test_retrieve_string_rules():
    item = {"meta_data": {"response_format": "str"}, "ground_truth": {"thought": "", "name": "Book.find", "args": {}}}
    score = lambda text: m.rru_scores(text, item, "retrieve", "str", TableEmbedder())["name"]  # noqa: E731
    assert score("Book.find") == 1.0
    assert score("I would call Book.find next") == 1.0
    assert score("Book.find version 3.5") == 0.0      # "3.5" is an a.b token too
    assert score("Book.find or Book.get") == 0.0
    assert score("Book.find then FinishAction") == 0.0
    assert score("Book") == 0.0


def test_understand_string_strips_quotes_only():
    item = {"meta_data": {"response_format": "str"}, "ground_truth": {"thought": "", "name": "Mail.send", "args": "a@b.org"}}
    score = lambda text: m.rru_scores(text, item, "understand", "str", TableEmbedder())["args"]  # noqa: E731
    assert score("a@b.org") == score("'a@b.org'") == score('"a@b.org"') == 1.0
    assert score("a@b.org.") == 0.0 and score("to: a@b.org") == 0.0


# -- REVIEW ------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "parse", "quality"), [
    ("Answer: B", 1.0, 1.0), ("B", 1.0, 1.0), ("The answer is: B because", 1.0, 1.0),
    ("Answer: C", 1.0, 0.0), ("answer: b", 0.0, 0.0), ("Answer: F", 0.0, 0.0), ("", 0.0, 0.0),
])
def test_review_choice(text, parse, quality):
    assert m.review_scores(text, {"ground_truth": {"answer": "B"}}) == {"parse_rate": parse, "review_quality": quality}


# -- the Overall -------------------------------------------------------------------------------------
def _s(file, **values):
    return SampleScore(score=0.0, metrics={"file": file, "values": values})


def test_overall_follows_convert_results():
    scores = [
        _s("instruct_v2", json_format_metric=1, json_args_em_metric=0.5),       # json variant 0.75
        _s("instruct_v2", string_format_metric=1, string_args_em_metric=1),     # string variant 1.0
        _s("plan_json_v2", f1_score=0.5, precision=0.5, recall=0.5, parse_rate=1),
        _s("plan_str_v2", f1_score=1.0, precision=1, recall=1, parse_rate=1),
        _s("reason_retrieve_understand_json_v2", thought=0.8, name=1, args=0.5, parse_rate=1),
        _s("reason_str_v2", thought=0.6, parse_rate=1),
        _s("retrieve_str_v2", name=0, parse_rate=1),
        _s("understand_str_v2", args=1, parse_rate=1),
        _s("review_str_v2", review_quality=1, parse_rate=1),
        _s("review_str_v2", review_quality=0, parse_rate=1),
    ]
    out = aggregate(scores)
    want = {"instruct": 87.5, "plan": 75.0, "reason": 70.0, "retrieve": 50.0, "understand": 75.0, "review": 50.0}
    for ability, value in want.items():
        assert out.metrics[ability] == pytest.approx(value)
    assert out.value == pytest.approx(sum(want.values()) / 6)
    assert out.metrics["abilities_missing"] == []


def test_overall_with_missing_variants():
    out = aggregate([_s("review_str_v2", review_quality=1, parse_rate=1), _s("plan_str_v2", f1_score=0.5, parse_rate=1)])
    assert out.value == pytest.approx(75.0)
    assert out.metrics["abilities_missing"] == ["instruct", "reason", "retrieve", "understand"]
