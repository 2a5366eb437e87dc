"""Action extraction and parsing as WebArena's id-based action space, equivalence, history text,
and run.py's early-stop rules."""

import pytest

from harness.task import Status
from tasks.webarena.actions import Action, Kind, ParseError, equivalent, extract, history_text, parse
from tasks.webarena.axtree import NodeInfo
from tasks.webarena.env import early_stop, parse_answer


def test_extract_takes_the_first_single_line_span():
    text = "Let's think. In summary, the next action I will perform is ```click [12]``` then ```stop [x]```"
    assert extract(text) == "click [12]"
    with pytest.raises(ParseError):
        extract("```\nclick [12]\n```")
    with pytest.raises(ParseError):
        extract("In summary, the next action I will perform is click [12]")


@pytest.mark.parametrize(
    "text, kind, fields",
    [
        ("click [1744]", Kind.CLICK, {"element_id": "1744"}),
        ("click[5]", Kind.CLICK, {"element_id": "5"}),
        ("hover [9]", Kind.HOVER, {"element_id": "9"}),
        ("type [164] [restaurants near CMU] [1]", Kind.TYPE, {"element_id": "164", "text": "restaurants near CMU\n"}),
        ("type [164] [restaurants near CMU]", Kind.TYPE, {"text": "restaurants near CMU\n"}),
        ("type [164] [no enter] [0]", Kind.TYPE, {"text": "no enter"}),
        ("press [enter]", Kind.PRESS, {"key": "Enter"}),
        ("press [Ctrl+v]", Kind.PRESS, {"key": "Ctrl+v"}),
        ("press [control+pagedown]", Kind.PRESS, {"key": "control+PageDown"}),
        ("scroll [down]", Kind.SCROLL, {"direction": "down"}),
        ("scroll up", Kind.SCROLL, {"direction": "up"}),
        ("goto [http://reddit.com/f/books]", Kind.GOTO, {"url": "http://reddit.com/f/books"}),
        ("new_tab", Kind.NEW_TAB, {}),
        ("tab_focus [2]", Kind.TAB_FOCUS, {"tab": 2}),
        ("close_tab", Kind.CLOSE_TAB, {}),
        ("go_back", Kind.GO_BACK, {}),
        ("go_forward", Kind.GO_FORWARD, {}),
        ("stop [$279.49]", Kind.STOP, {"answer": "$279.49"}),
        ("stop [a] and [b]", Kind.STOP, {"answer": "a] and [b"}),
        ("stop", Kind.STOP, {"answer": ""}),
        ("stop []", Kind.STOP, {"answer": ""}),
    ],
)
def test_parse(text, kind, fields):
    action = parse(text)
    assert action.kind is kind
    for key, value in fields.items():
        assert getattr(action, key) == value


@pytest.mark.parametrize(
    "text", ["click [abc]", "click", "type [1] []", "scroll [left]", "tab_focus [x]", "jump [3]", "", "   ", "type [3] [日本] [0]", "goto"]
)
def test_unparsable(text):
    with pytest.raises(ParseError):
        parse(text)


def test_answers_map_public_names_back_and_garbage_is_none():
    to_local = lambda s: s.replace("http://reddit.com", "http://127.0.0.1:9")  # noqa: E731
    action = parse_answer("ok ```goto [http://reddit.com/f/x]```", to_local)
    assert action.kind is Kind.GOTO and action.url == "http://127.0.0.1:9/f/x"
    bad = parse_answer("I will click the button", to_local)
    assert bad.kind is Kind.NONE and bad.raw == "I will click the button"


def test_equivalence():
    assert equivalent(parse("click [1]"), parse("click [1]"))
    assert not equivalent(parse("click [1]"), parse("click [2]"))
    assert not equivalent(parse("click [1]"), parse("hover [1]"))
    assert equivalent(parse("type [3] [a]"), parse("type [3] [b] [0]"))  # the element only, as the original
    assert equivalent(parse("scroll [down]"), parse("scroll down"))
    assert not equivalent(parse("goto [a]"), parse("goto [b]"))
    assert equivalent(Action(kind=Kind.NONE), Action(kind=Kind.NONE))


def test_history_text():
    shown = {"164": NodeInfo(backend_id=1, bound=[0, 0, 1, 1], union_bound=None, text="[164] textbox 'Search' focused: True")}
    assert history_text(parse("type [164] [cmu] [1]"), shown) == "type [164] [cmu\n] where [164] is textbox 'Search' focused: True"
    assert history_text(parse("click [9]"), shown) == (
        'Attempt to perfom "click" on element "[9]" but no matching element found. Please check the observation more carefully.'
    )
    assert history_text(parse("tab_focus [1]"), shown) == "page_focus [1]"
    none = Action(kind=Kind.NONE, raw="blah")
    assert history_text(none, shown) == (
        'The previous prediction you issued was "blah". However, the format was incorrect. Ensure that the action is '
        "wrapped inside a pair of ``` and enclose arguments within [] as follows: ```action [arg] ...```."
    )


def test_early_stop_rules():
    none = Action(kind=Kind.NONE)
    assert early_stop([none, none]) is None
    assert early_stop([none, none, none]) == ("Failed to parse actions for 3 times", Status.INVALID_FORMAT)
    click = parse("click [4]")
    assert early_stop([click, click]) is None
    assert early_stop([click, click, click]) == ("Same action for 3 times", Status.TASK_LIMIT_REACHED)
    assert early_stop([click, parse("click [5]"), click]) is None
    typing = [parse("type [7] [a]"), parse("click [1]"), parse("type [7] [b]"), parse("click [2]"), parse("type [7] [c]")]
    assert early_stop(typing) == ("Same typing action for 3 times", Status.TASK_LIMIT_REACHED)
    varied = [parse(f"click [{i}]") for i in range(30)]
    assert early_stop(varied[:29]) is None
    assert early_stop(varied) == ("Reach max steps 30", Status.TASK_LIMIT_REACHED)
