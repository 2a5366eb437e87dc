"""Site configuration, placeholders, URL names, task configs and bad input (one clear error each)."""

import json

import pytest

from harness.errors import ConfigError
from tasks.webarena import LOCAL_TASKS, SOURCE, WebArena, _solutions
from tasks.webarena.configs import load_configs, parse_config
from tasks.webarena.env import parse_answer
from tasks.webarena.evaluators import string_match, url_match
from tasks.webarena.oracle import ReferenceOracle, observation_of, resolve
from tasks.webarena.sites import Sites, load_sites, needed_sites

SITES = Sites(shopping="http://h:7770/", shopping_admin="http://h:7780/admin", reddit="http://h:9999", gitlab="http://h:8023",
              map="http://h:3000")


def test_fill_and_public_names():
    raw = {"start_url": "__SHOPPING_ADMIN__/x", "eval": {"program_html": [{"url": "__GITLAB__/a", "required_contents": "__REDDIT__/f/b"}]}}
    filled = SITES.fill(raw)
    assert filled["start_url"] == "http://h:7780/admin/x"
    assert filled["eval"]["program_html"][0] == {"url": "http://h:8023/a", "required_contents": "http://h:9999/f/b"}
    assert needed_sites(raw) == {"shopping_admin", "gitlab", "reddit"}
    with pytest.raises(KeyError):
        SITES.fill("__WIKIPEDIA__/x")
    assert SITES.to_public("http://h:7770/cart") == "http://onestopmarket.com/cart"
    assert SITES.to_public("http://h:7780/admin/sales") == "http://luma.com/admin/sales"
    assert SITES.to_local("goto [http://reddit.com/f/x]") == "goto [http://h:9999/f/x]"


def test_site_file_and_options(tmp_path):
    file = tmp_path / "sites.toml"
    file.write_text('[sites]\nshopping = "http://a:1"\nauth_dir = "auth"\n')
    sites = load_sites({"sites": str(file), "reddit": "http://b:2/"})
    assert sites.configured() == {"reddit": "http://b:2", "shopping": "http://a:1"}
    assert sites.auth_dir == (tmp_path / "auth").resolve()
    bad = tmp_path / "bad.toml"
    for text, message in (("[sites\n", "cannot read"), ("x = 1\n", r"no \[sites\]"), ('[sites]\nshoping = "http://a"\n', "shoping"),
                          ('[sites]\nshopping = "ftp://a"\n', "shopping")):
        bad.write_text(text)
        with pytest.raises(ConfigError, match=message):
            load_sites({"sites": str(bad)})
    with pytest.raises(ConfigError):
        load_sites({"sites": str(tmp_path / "missing.toml")})


def test_task_options_and_modes(tmp_path):
    assert WebArena().local and not WebArena(options={"shopping": "http://a:1"}).local
    with pytest.raises(ConfigError, match="settle_s"):
        WebArena(options={"settle_s": "soon"})
    with pytest.raises(ConfigError, match="not pulled"):
        WebArena(options={"shopping": "http://a:1"}).samples("test")  # no official data handed over
    with pytest.raises(ConfigError, match="split"):
        WebArena().samples("dev")


def test_bad_config_files(tmp_path):
    good = json.loads(LOCAL_TASKS.read_text())[0]
    cases = {
        "not json": "{",
        "not a list": "{}",
        "unknown evaluator": json.dumps([{**good, "eval": {**good["eval"], "eval_types": ["image_match"]}}]),
        "missing intent": json.dumps([{k: v for k, v in good.items() if k != "intent"}]),
        "eval helper": json.dumps([{**good, "eval": {"eval_types": ["program_html"], "program_html": [
            {"url": "func:os.system('rm')", "locator": "", "required_contents": "x"}]}}]),
        "duplicate": json.dumps([good, good]),
    }  # fmt: skip
    for name, text in cases.items():
        path = tmp_path / f"{name}.json"
        path.write_text(text)
        with pytest.raises(ConfigError):
            load_configs(path)


def test_local_tasks_cover_every_action_and_evaluator():
    tasks = [parse_config(raw) for raw in json.loads(LOCAL_TASKS.read_text())]
    assert len(tasks) >= 15 and set(_solutions()) == {str(t.task_id) for t in tasks}
    words = {step.split()[0].split("[")[0] for script in _solutions().values() for step in script}
    assert words == {"click", "type", "hover", "press", "scroll", "new_tab", "tab_focus", "close_tab", "goto", "go_back",
                     "go_forward", "stop"}
    kinds = {k for t in tasks for k in t.eval.eval_types}
    answers = {k for t in tasks if t.eval.reference_answers for k in t.eval.reference_answers.model_dump(exclude_none=True)}
    assert kinds == {"string_match", "url_match", "program_html"} and answers == {"exact_match", "must_include", "fuzzy_match"}
    assert {t.eval.url_note for t in tasks if "url_match" in t.eval.eval_types} == {"EXACT", "GOLD in PRED"}
    assert any(len(t.start_urls) > 1 for t in tasks) and any(t.storage_state for t in tasks)


def test_oracle_resolves_elements_from_the_prompt():
    obs = "OBSERVATION:\nTab 0 (current): x\n\n[1] RootWebArea 'x'\n\t[7] link 'View Order'\n\t[9] link 'View Order'\n\t[12] link 'View Orders'\nURL: http://a\nOBJECTIVE: o"
    from harness.model import user

    text = observation_of([user(obs)])
    assert resolve("click [{link 'View Order'}]", text) == "click [7]"
    assert resolve("click [{link 'View Order' #2}]", text) == "click [9]"
    with pytest.raises(KeyError):
        resolve("click [{button 'View Order'}]", text)


def test_official_configs_load_and_reference_answers_pass(mirror):
    path = mirror / SOURCE.mirror_dir / "eval_heldout/webarena/config_files/test.raw.json"
    raws = load_configs(path)
    assert len(raws) == 812
    filled = [parse_config(SITES.fill(r)) for r in raws]
    assert set().union(*(needed_sites(r) for r in raws)) == {"shopping", "shopping_admin", "reddit", "gitlab", "map"}
    # the reference oracle's answers pass string_match offline (fuzzy: identical single references)
    import asyncio

    from tests.webarena.conftest import ScriptedJudge

    strings = [c for c in filled if c.eval.eval_types == ["string_match"]]
    solved = 0
    for config in strings:
        answer = parse_answer(ReferenceOracle(config).outputs[-1], lambda text: text).answer
        solved += asyncio.run(string_match(config, answer, ScriptedJudge(), {})) == 1.0
    assert solved == len(strings) == 322
    url_tasks = [c for c in filled if c.eval.eval_types == ["url_match"]]
    assert all(url_match(c, c.eval.reference_url.split(" |OR| ")[0]) == 1.0 for c in url_tasks)
