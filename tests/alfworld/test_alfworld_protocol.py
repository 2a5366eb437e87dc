"""ALFWorld protocol rules without the engine: action parsing, the BLEU mapping, observation
cleaning, task types, the demangler, walkthrough translation, per-type aggregation."""

from __future__ import annotations

import pytest

from harness.task import SampleScore
from tasks.alfworld import ALFWorld
from tasks.alfworld.demangler import alfred_names
from tasks.alfworld.protocol import bleu, clean_observation, intro_text, map_action, parse_action, task_type
from tasks.alfworld.walkthrough import command_templates, translate

ADMISSIBLE = [
    "go to cabinet 1",
    "go to cabinet 2",
    "go to toilet 1",
    "inventory",
    "look",
    "take spraybottle 2 from cabinet 2",
]


@pytest.mark.parametrize(
    ("output", "action"),
    [
        ("THOUGHT: I need the bottle.\n ACTION: go to cabinet 2\n", "go to cabinet 2"),
        ("ACTION: Go To Cabinet 2", "go to cabinet 2"),  # at the end, no newline; lower-cased
        ("ACTION: look\nACTION: inventory\n", "look"),  # the first ACTION line
        ("THOUGHT: no action here\nsecond line", "thought: no action here"),  # no ACTION: the first line
        ("Action: look", "action: look"),  # "Action:" is not the marker
        ("  \nACTION:   open cabinet 1  \n", "open cabinet 1"),
        ("", ""),
    ],
)
def test_parse_action(output, action):
    assert parse_action(output) == action


def test_bleu_is_nltk_sentence_bleu_with_method4():
    assert bleu("go to cabinet 1", "go to cabinet") == pytest.approx(0.41252, abs=1e-4)
    assert bleu("go to cabinet 1", "go to cabinet 1") == pytest.approx(1.0)
    assert bleu("look", "") == 0


def test_map_action():
    assert map_action("look", ADMISSIBLE) == "look"  # admissible: as it is
    assert map_action("go to cabinet", ADMISSIBLE) == "go to cabinet 1"  # best BLEU, first of equals
    assert map_action("take the spraybottle 2 from cabinet 2", ADMISSIBLE) == "take spraybottle 2 from cabinet 2"
    assert map_action("xyzzy", ADMISSIBLE) == "xyzzy"  # no BLEU above 0.01: sent raw
    assert map_action("", ADMISSIBLE) == ""
    assert map_action("dance", []) == "dance"  # no choices: as it is


def test_clean_observation():
    assert (
        clean_observation("You arrive at loc 13. On the cabinet 1, you see a bowl 1.")
        == "On the cabinet 1, you see a bowl 1."
    )
    assert clean_observation("You arrive at loc 7. The drawer 1 is closed.") == "The drawer 1 is closed."
    assert clean_observation("You arrive at cabinet 1. On the cabinet 1, you see nothing.").startswith(
        "You arrive at cabinet 1."
    )
    assert clean_observation("Nothing happens.") == "Nothing happens."


def test_intro_text_drops_the_title():
    ob = (
        "-= Welcome to TextWorld, ALFRED! =-\n\nYou are in the middle of a room.\n\nYour task is to: put a mug in desk."
    )
    assert intro_text(ob) == "You are in the middle of a room.\nYour task is to: put a mug in desk."


@pytest.mark.parametrize(
    ("folder", "key", "kind"),
    [
        ("pick_and_place_simple-Pencil-None-Shelf-308", "put", "pick"),
        ("pick_clean_then_place_in_recep-Bowl-None-Cabinet-10", "clean", "clean"),
        ("pick_heat_then_place_in_recep-Egg-None-GarbageCan-10", "heat", "heat"),
        ("pick_cool_then_place_in_recep-Pan-None-CounterTop-10", "cool", "cool"),
        ("look_at_obj_in_light-CD-None-DeskLamp-308", "examine", "examine"),
        ("pick_two_obj_and_place-CD-None-Safe-308", "puttwo", "pick_two"),
    ],
)
def test_task_type_by_folder_prefix(folder, key, kind):
    assert task_type(f"json_2.1.1/valid_unseen/{folder}/trial_T1/game.tw-pddl") == (key, kind)


def test_unknown_task_type():
    with pytest.raises(ValueError, match="unsupported"):
        task_type("json_2.1.1/valid_unseen/slice_and_place-Apple-None-Plate-1/trial_T1/game.tw-pddl")


def test_demangler_numbers_instances_backwards_in_sorted_order():
    ids = [
        "cabinet_bar__plus_00_dot_95_bar__plus_02_dot_44",
        "cabinet_bar__minus_01_dot_00_bar__plus_02_dot_44",
        "sink_bar__minus_00_dot_70_bar__plus_00_dot_93",
        "sink_bar__minus_00_dot_70_bar__plus_00_dot_93_bar_sinkbasin",
        "agent1",
        "mugtype",
        "loc_bar__minus_4_bar_5_bar_0_bar_30",
    ]
    names = alfred_names(ids)
    # sorted: cabinet_bar__minus... < cabinet_bar__plus...: the first gets the highest number
    assert names["cabinet_bar__minus_01_dot_00_bar__plus_02_dot_44"] == "cabinet 2"
    assert names["cabinet_bar__plus_00_dot_95_bar__plus_02_dot_44"] == "cabinet 1"
    assert names["sink_bar__minus_00_dot_70_bar__plus_00_dot_93"] == "sink 1"
    assert names["sink_bar__minus_00_dot_70_bar__plus_00_dot_93_bar_sinkbasin"] == "sinkbasin 1"
    assert names["loc_bar__minus_4_bar_5_bar_0_bar_30"] == "loc 1"
    assert names["agent1"] == "agent1 " and names["mugtype"] == "mugtype "


NEW_GRAMMAR = 'action PutObject {\n    template :: "move {o} to {r}";\n}\naction GotoLocation {\n    template :: "go to [{r.name | receptacleatlocation(r:receptacle, lend:location)}]";\n}\n'
OLD_GRAMMAR = 'action PutObject {\n    template :: "put {o} in/on {r}";\n}\naction GotoLocation {\n    template :: "go to [{r.name | receptacleatlocation(r:receptacle, lend:location)}]";\n}\n'


def test_walkthrough_translation_between_grammars():
    assert command_templates(OLD_GRAMMAR)["PutObject"] == "put {o} in/on {r}"
    walk = ["go to cabinet 1", "take bowl 1 from cabinet 1", "move bowl 1 to cabinet 4"]
    old = translate(walk, NEW_GRAMMAR, OLD_GRAMMAR)
    assert old == ["go to cabinet 1", "take bowl 1 from cabinet 1", "put bowl 1 in/on cabinet 4"]
    assert translate(old, OLD_GRAMMAR, NEW_GRAMMAR) == walk
    assert translate(walk, NEW_GRAMMAR, NEW_GRAMMAR) == walk


def test_aggregate_reports_each_task_type():
    def s(kind, score):
        return (None, SampleScore(score=score, metrics={"type": kind}))

    agg = ALFWorld(data={}).aggregate([s("pick", 1.0), s("pick", 0.0), s("clean", 1.0), s("pick_two", 0.0)])
    assert agg.value == 50.0 and agg.n == 4
    assert agg.metrics["pick"] == 50.0 and agg.metrics["pick_n"] == 2
    assert agg.metrics["clean"] == 100.0 and agg.metrics["pick_two"] == 0.0
    assert agg.metrics["heat"] is None and agg.metrics["heat_n"] == 0
