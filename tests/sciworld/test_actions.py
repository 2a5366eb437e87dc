"""Output parsing, valid-action mapping and the stop rules (no JVM)."""

from tasks.sciworld.actions import choose_action, in_loop, is_action_failed, parse_output, valid_actions


def test_parse_think_action_and_tgi_tail():
    assert parse_output("Think: I need water.").think
    p = parse_output(" Action: open door to kitchen [INST] junk")
    assert (p.think, p.text, p.command) == (False, "Action: open door to kitchen", "open door to kitchen")
    assert parse_output("go to kitchen<|end_of_turn|>more").command == "go to kitchen"
    assert not parse_output("think: lowercase is an action").think  # the original is case-sensitive
    assert parse_output("").command == ""


def test_valid_action_filters():
    combos = [
        "focus on water",
        "focus on apple",
        "focus on air",
        "close door to kitchen",
        "go to kitchen",
        "look around",
    ]
    valid = valid_actions(combos, look="a substance called water", inventory="", recent_actions=["look around"])
    assert "focus on water" in valid and "go to kitchen" in valid
    assert "focus on apple" not in valid  # not seen in look/inventory
    assert "focus on air" not in valid and "close door to kitchen" not in valid
    assert "look around" not in valid  # withheld while it is among the last 3 recent actions
    assert "open door to art studio" in valid
    later = valid_actions(combos, "water", "", ["look around", "(a, b)", "(c, d)", "(e, f)"])
    assert "look around" in later


def test_choose_exact_nearest_and_malformed():
    valid = {"open door to kitchen", "go to kitchen", "pick up thermometer", "focus on greenhouse plant"}
    assert choose_action("go to kitchen", valid) == ("go to kitchen", True)
    assert choose_action("focus on green house plant", valid) == ("focus on greenhouse plant", True)
    assert choose_action("pick up the thermometer please", valid) == ("pick up thermometer", False)
    # ties (2 shared tokens) go to the shorter, then alphabetical action
    assert choose_action("to kitchen now", valid) == ("go to kitchen", False)
    # nothing shared: the prediction itself, stripped of non-alphanumerics -> the simulator rejects it
    assert choose_action("¡¿???", valid) == ("", False)
    assert choose_action("", valid) == ("", False)


def test_failure_rule_and_loop_rule():
    assert is_action_failed("No known action matches that input.")
    assert is_action_failed("There is nothing here.")  # substring "not", as the original
    assert not is_action_failed("You move to the kitchen.")
    assert in_loop(["(a, 1)", "(b, 2)", "(a, 1)", "(b, 2)", "(a, 1)"])
    assert not in_loop(["x", "(a, 1)", "(b, 2)", "(a, 1)", "(b, 2)"])
    assert not in_loop(["(a, 1)", "(b, 2)", "(a, 1)", "(b, 2)"])
    assert not in_loop(["(a, 1)", "(b, 2)", "(c, 3)", "(a, 1)", "(b, 2)"])
