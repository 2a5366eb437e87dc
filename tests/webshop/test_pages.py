"""Golden renders: the pages as the agent reads them, checked against the original protocol.

The expected strings are written from AgentBench.old's own one-shot example (its observations are
the real text environment's output) and from the templates' order of texts, never produced by
the renderer under test.
"""

from __future__ import annotations

import hashlib

from harness.model import Message
from tasks.webshop import pages
from tasks.webshop.env import WebShopEnv
from tasks.webshop.prompt import ONE_SHOT, PROMPT
from tasks.webshop.text import available_actions, parse, rich_text, simple_text

# sha256 of AgentBench.old's `prompt` and of its one-shot turns ("\0"-joined), computed from
# THUDM/AgentTuning@e33a45d AgentBench.old/src/tasks/webshop/__init__.py
PROMPT_SHA256 = "a67d6a9135bbd3a5182d9edc2afe43ebb9da2a7e85d09a2df77efa1ab4d40091"
ONE_SHOT_SHA256 = "fe0ddd25b9eb494587346e8a60f16f43197cb63d4571f7516f13a8df2875a5d4"

EXAMPLE_GOAL = "i need a long lasting 6.76 fl oz bottle of l'eau d'issey, and price lower than 100.00 dollars"
EXAMPLE_RESULTS = [
    ("B000VOHH8I", "L'eau D'issey By Issey Miyake for MenEau De Toilette Spray, 6.7 Fl Oz Bottle", "$64.98"),
    ("B000MJZOPK", "L'eau d'Issey by Issey Miyake for Women 3.3 oz Eau de Toilette Spray", "$49.98"),
    ("B0012S249E", "L'eau D'issey By Issey Miyake For Women. Shower Cream 6.7-Ounces", "$31.36"),
    ("B01H8PGKZS", "L'eau D'Issey FOR MEN by Issey Miyake - 6.7 oz EDT Spray", "$67.97"),
    ("B00G3C8FHE", "L'Eau d'Issey pour Homme - Eau de Toilette 4.2 fl oz", "$51.25"),
    ("B000R94HRG", "Issey Miyake L'Eau D'Issey Pour Homme Eau De Toilette Natural Spray", "$44.99"),
    ("B000C214CO", "Issey Miyake L'eau D'issey Eau de Toilette Spray for Men, 4.2 Fl Oz", "$53.99"),
    ("B0018SBRDC", "Issey Miyake L'eau d'Issey for Women EDT, White, 0.84 Fl Oz", "$27.04"),
    ("B000XEAZ9Y", "L'eau De Issey By Issey Miyake For Men. Eau De Toilette Spray 6.7 Fl Oz", "$67.08"),
    ("B079HZR2RX", "L'eau d'Issey Pure by Issey Miyake for Women 3.0 oz Nectar de Parfum Spray", "$71.49"),
]


def _example_observation(n: int) -> str:
    """The page text inside the quotes of the one-shot example's n-th observation."""
    text = ONE_SHOT[2 * n]
    return text[len('Observation:\n"') : text.index('"\n\nAvailable Actions:')]


def test_prompt_and_one_shot_are_the_original_text():
    assert hashlib.sha256(PROMPT.encode()).hexdigest() == PROMPT_SHA256
    assert hashlib.sha256("\0".join(ONE_SHOT).encode()).hexdigest() == ONE_SHOT_SHA256
    assert PROMPT.startswith("\nYou are web shopping.\n") and PROMPT.endswith("Action:\nclick[something]\n")


def test_search_results_and_item_pages_reproduce_the_one_shot_example():
    assert simple_text(parse(pages.search_page(EXAMPLE_GOAL))) == _example_observation(0)
    products = [{"asin": a, "Title": t, "Price": p} for a, t, p in EXAMPLE_RESULTS]
    results = parse(pages.results_page(EXAMPLE_GOAL, products, page=1, total=50))
    assert simple_text(results) == _example_observation(1)
    assert len(available_actions(results)[1]) == 12  # the example shows 12 clickables
    item = {
        "Title": EXAMPLE_RESULTS[0][1],
        "Price": "$64.98",
        "Rating": "N.A.",
        "options": {"size": ["2.5 fl oz", "6.76 fl oz (pack of 1)"]},
    }
    page = parse(pages.item_page(EXAMPLE_GOAL, item))
    assert simple_text(page) == _example_observation(2) == _example_observation(3)
    has_search_bar, clickables = available_actions(page)
    assert not has_search_bar
    assert list(clickables) == [
        "back to search",
        "< prev",
        "description",
        "features",
        "reviews",
        "buy now",
        "2.5 fl oz",
        "6.76 fl oz (pack of 1)",
    ]  # fmt: skip  (8 clickables, as the example shows)
    assert clickables["6.76 fl oz (pack of 1)"].option_name == "size"


def test_first_request_golden(catalog, goals):
    env = WebShopEnv(catalog, goals[0], 0)
    messages = env.reset()
    instruction = "i need high capacity rechargeable aa batteries, and price lower than 50.00 dollars"
    expected_last = (
        f"Observation:\nWebShop [SEP] Instruction: [SEP] {instruction} [SEP] Search\n\n"
        "Available Actions:\n{'has_search_bar': True, 'clickables': ['search']}"
    )
    assert [m.role for m in messages] == ["user", "assistant"] + ["user", "assistant"] * 4 + ["user"]
    assert messages[0] == Message(role="user", content=PROMPT)
    assert messages[1] == Message(role="assistant", content="Ok.")
    assert [m.content for m in messages[2:10]] == list(ONE_SHOT)
    assert messages[-1].content == expected_last


def test_results_item_and_sub_pages_in_template_order(catalog, goals):
    env = WebShopEnv(catalog, goals[0], 0)
    env.reset()
    header = "Instruction: [SEP] i need high capacity rechargeable aa batteries, and price lower than 50.00 dollars"
    env.act("search[rechargeable batteries]")
    assert env.observation() == (
        f"{header} [SEP] Back to Search [SEP] Page 1 (Total results: 2) [SEP] Next > "
        "[SEP] B0AE400013 [SEP] Rechargeable AA Batteries 2800mAh 8 Pack [SEP] $18.49 "
        "[SEP] B0AE400003 [SEP] Ergonomic Wireless Mouse Rechargeable Silent Click [SEP] $19.99"
    )
    assert env.available_actions() == {
        "has_search_bar": False,
        "clickables": ["back to search", "next >", "b0ae400013", "b0ae400003"],
    }
    env.act("search[running shoes rubber sole]")
    env.act("click[B0AF200001]")
    assert env.observation() == (
        f"{header} [SEP] Back to Search [SEP] < Prev [SEP] color [SEP] black | white [SEP] navy blue [SEP] grey "
        "[SEP] size [SEP] 8 [SEP] 9 [SEP] 10 [SEP] 11 [SEP] 12 [SEP] Stride Lite Men's Running Shoes Breathable Mesh "
        "[SEP] Price: $54.99 [SEP] Rating: N.A. [SEP] Description [SEP] Features [SEP] Reviews [SEP] Buy Now"
    )
    assert env.available_actions()["clickables"] == [
        "back to search", "< prev", "description", "features", "reviews", "buy now",
        "black | white", "navy blue", "grey", "8", "9", "10", "11", "12",
    ]  # fmt: skip
    env.act("click[Features]")
    assert env.observation() == (
        f"{header} [SEP] Back to Search [SEP] < Prev [SEP] Breathable mesh upper [SEP] Rubber sole [SEP] Memory foam insole"
    )
    env.act("click[< Prev]")
    env.act("click[Reviews]")
    assert env.observation() == f"{header} [SEP] Back to Search [SEP] < Prev"  # no reviews in AgentBench.old


def test_text_rules_whitespace_comments_scripts_pre():
    html = (
        "<!DOCTYPE html><html><head><title>T</title><style>x{}</style></head><body>\n"
        "<p>one</p>\n  \n<p> </p><!-- hidden --><script>var a = 1;</script>"
        "<p>  two\n</p><pre>  kept  </pre><pre> \n </pre><pre>\n</pre><span>a &amp; b</span></body></html>"
    )
    # (BeautifulSoup 4.11 gives the same) whitespace-only strings collapse to "\n" (dropped) or " "
    # (an empty entry), except inside <pre>: " \n " stays (an empty entry), "\n" is dropped
    assert simple_text(parse(html)) == "one [SEP]  [SEP] two [SEP] kept [SEP]  [SEP] a & b"


def test_rich_text_marks_buttons_and_clicked_options():
    item = {"Title": "Shoe", "Price": "$1.0", "Rating": "N.A.", "options": {"size": ["8", "9"]}}
    root = parse(pages.item_page("buy a shoe", item))
    text = rich_text(root, url='http://127.0.0.1:3000/item_page/0/B0X/shoe/1/{"size": "9"}', clicked_asins=set())
    assert text.startswith("You have clicked 9.\nInstruction:\nbuy a shoe\n[button] Back to Search [button_]\n")
    assert "  [button] 8 [button_]\n  [clicked button] 9 [clicked button_]\n" in text
    assert text.endswith("[button] Buy Now [button_]\n")


def _llama2_held_in(turns: list[str]) -> str:
    """FastChat's llama-2 prompt of stripped turns without a system prompt, written out by hand:
    ``[INST] u0 [/INST] a0 </s><s>[INST] u1 [/INST] ... [INST] uN [/INST]``."""
    text = "[INST] " + turns[0].strip() + " "
    for n, turn in enumerate(turns[1:], start=1):
        text += f"[/INST] {turn.strip()} </s><s>" if n % 2 else f"[INST] {turn.strip()} "
    return text + "[/INST]"


def test_first_and_mid_episode_requests_through_the_tgi_adapter(catalog, goals):
    from adapters.tgi import TGIModel
    from harness.model import GenerationRequest
    from tasks.webshop import WebShop

    model = TGIModel.from_config(
        "agentlm-7b", {"adapter": "tgi", "urls": ["http://127.0.0.1:9"], "template": "llama-2"}
    )
    env = WebShopEnv(catalog, goals[0], 0)
    history = env.reset()
    instruction = "i need high capacity rechargeable aa batteries, and price lower than 50.00 dollars"
    first = model.prompt(GenerationRequest(messages=tuple(env.context(history)), rendering=WebShop.rendering))
    observation = (
        f"Observation:\nWebShop [SEP] Instruction: [SEP] {instruction} [SEP] Search\n\n"
        "Available Actions:\n{'has_search_bar': True, 'clickables': ['search']}"
    )
    assert first == _llama2_held_in([PROMPT, "Ok.", *ONE_SHOT, observation])
    answer = "Thought:\nI think I should search.\n\nAction:\nsearch[rechargeable batteries]"
    result = env.step(answer)
    history += [Message(role="assistant", content=answer), Message(role="user", content=result.observation)]
    second = model.prompt(GenerationRequest(messages=tuple(env.context(history)), rendering=WebShop.rendering))
    results = (
        f"Observation:\nInstruction: [SEP] {instruction} [SEP] Back to Search [SEP] Page 1 (Total results: 2) "
        "[SEP] Next > [SEP] B0AE400013 [SEP] Rechargeable AA Batteries 2800mAh 8 Pack [SEP] $18.49 [SEP] B0AE400003 "
        "[SEP] Ergonomic Wireless Mouse Rechargeable Silent Click [SEP] $19.99\n\nAvailable Actions:\n"
        "{'has_search_bar': False, 'clickables': ['back to search', 'next >', 'b0ae400013', 'b0ae400003']}"
    )
    assert second == _llama2_held_in([PROMPT, "Ok.", *ONE_SHOT, observation, answer, results])
    assert WebShop.generation.max_new_tokens == 128 and WebShop.generation.truncate == 4096 - 128
