"""The gold policy's phrasing and stop-rule avoidance, on hand-made simulator views (no JVM)."""

from __future__ import annotations

from tasks.sciworld.actions import in_loop
from tasks.sciworld.gold import (
    NO_OP,
    GoldPolicy,
    OracleView,
    ValidEntry,
    answer_ambiguity,
    find_entry,
    phrase,
    splits,
)

# Object ids -> referents, as getAllObjectIdsTypesReferentsLUTJSON gives them.
REFERENTS = {
    1: ["recipe", "instructions to make sugar water", "recipe called instructions to make sugar water"],
    2: ["glass cup", "cup containing water", "cup"],
    3: ["ceramic cup", "cup containing sugar", "cup"],
    4: ["flower pot 7", "flower pot 7 containing peach tree and soil", "flower pot", "pot"],
    5: ["peach tree", "living thing", "organism"],
    6: ["flower pot 2", "flower pot 2 containing apple tree and soil", "flower pot", "pot"],
    7: ["apple tree", "living thing", "organism"],
    8: ["thermometer"],
    9: ["gallium", "liquid gallium", "substance"],
    10: ["agent", "self"],
}
NAMES = {
    1: "instructions to make sugar water",
    2: "cup containing water",
    3: "cup containing sugar",
    4: "flower pot 7",
    5: "peach tree",
    6: "flower pot 2",
    7: "apple tree",
    8: "thermometer",
    9: "liquid gallium",
    10: "agent",
}


def entry(action: str, *ids: int) -> ValidEntry:
    return ValidEntry(action=action, obj_ids=list(ids))


ENTRIES = [
    entry("pick up instructions to make sugar water", 1),
    entry("read instructions to make sugar water", 1),
    entry("pour cup containing water into cup containing sugar", 2, 3),
    entry("pour cup containing sugar into cup containing water", 3, 2),
    entry("focus on peach tree", 5),
    entry("focus on apple tree", 7),
    entry("look at liquid gallium", 9),
    entry("use thermometer on liquid gallium", 8, 9),
    entry("look at agent", 10),
    entry("close door to kitchen", 11),
    entry("look around"),
    entry("wait1"),
    entry("inventory"),
    entry("task"),
]


def view(valid: set[str] | None = None, recent: list[str] | None = None, observation: str = "") -> OracleView:
    return OracleView(
        valid=valid if valid is not None else {e.action for e in ENTRIES} - {"close door to kitchen"},
        entries=ENTRIES,
        names=NAMES | {11: "door to kitchen"},
        referents=REFERENTS | {11: ["door to kitchen", "door"]},
        recent=recent or [],
        last_observation=observation,
        failures=0,
        steps=len(recent or []),
    )


def test_splits_read_the_list_grammar():
    assert splits("pick up cup") == [("pick up ", ("cup",))]
    assert ("move ", ("instructions to make sugar water", "cup")) in splits(
        "move instructions to make sugar water to cup"
    )
    assert splits("pour a in b", lenient=True) == [("pour ", ("a", "b"))]
    assert splits("pour a in b") == []  # the list itself always says "into"
    assert splits("wait1") == []


def test_phrase_as_the_list_says_it():
    v = view()
    assert phrase("look around", v) == "look around"  # already in the list
    assert phrase("examine liquid gallium", v) == "look at liquid gallium"  # verb alias
    assert phrase("pick up recipe", v) == "pick up instructions to make sugar water"  # another referent
    assert phrase("read recipe in inventory", v) == "read instructions to make sugar water"
    assert phrase("use thermometer in inventory on liquid gallium", v) == "use thermometer on liquid gallium"
    assert phrase("use thermometer in inventory on gallium", v) == "use thermometer on liquid gallium"
    # "pour X in Y" (the parser's spelling) -> "pour X into Y"; the container-qualified referent wins
    assert phrase("pour cup containing water in cup containing sugar", v) == (
        "pour cup containing water into cup containing sugar"
    )


def test_container_qualified_phrase_picks_the_object_in_that_container():
    v = view()
    assert phrase("focus on living thing in flower pot 7", v) == "focus on peach tree"
    assert phrase("focus on living thing in flower pot 2", v) == "focus on apple tree"
    assert phrase("focus on living thing in flower pot 9", v) is not None  # unknown container: a referent match
    assert phrase("focus on peach tree in flower pot 2", v) is None  # contradicted by the pot's contents


def test_no_counterpart_and_withheld():
    v = view()
    assert phrase("pick up cup", v) is None  # the list has no such action (e.g. already held)
    assert phrase("close door to kitchen", v) is None  # withheld by the protocol's door filter ...
    assert find_entry("close door to kitchen", v, v.entries) == "close door to kitchen"  # ... but it exists


def test_ambiguity_answer_avoids_numbers_the_mapping_would_rewrite():
    prompt = "Ambiguous request: Please enter the number for the action you intended (or blank to cancel):\n0: a\n1: b"
    assert answer_ambiguity(prompt, view()) == "0"
    assert answer_ambiguity(prompt, view(valid={"mix bee 0", "look around"})) == "1"


class FakeEnv:
    """The parts of SciWorldEnv the policy reads."""

    def __init__(self, gold: list[str], v: OracleView):
        self.gold = gold
        self.view = v

    def oracle_view(self) -> OracleView:
        return self.view


def policy(gold: list[str], v: OracleView) -> tuple[GoldPolicy, FakeEnv]:
    env = FakeEnv(gold, v)
    return GoldPolicy(env), env  # type: ignore[arg-type]


def test_policy_skips_free_and_unprompted_steps_and_notes_progress():
    withheld_look = view(valid={e.action for e in ENTRIES} - {"look around", "close door to kitchen"})
    p, env = policy(["look around", "0", "pick up recipe", "close door to kitchen", "pick up cup"], withheld_look)
    assert p.act([]) == "Action: pick up instructions to make sugar water"
    assert p.act([]) == f"Action: {NO_OP}"  # withheld by the protocol: a one-move stand-in
    assert p.act([]) == f"Action: {NO_OP}"  # no such action at all
    assert p.act([]) == ""  # gold exhausted
    assert p.notes["withheld"] == ["close door to kitchen"]
    assert p.notes["no_counterpart"] == ["pick up cup"]
    assert p.notes["gold_left"] == 0 and p.notes["gold_actions"] == 5


def test_policy_answers_a_pending_ambiguity_and_consumes_the_gold_number():
    prompt = "Ambiguous request: Please enter the number for the action you intended:\n0: x\n1: y"
    p, env = policy(["pick up recipe", "0", "wait1"], view(observation=prompt))
    p.index = 1
    assert p.act([]) == "Action: 0"
    assert p.index == 2


def test_policy_inserts_free_actions_instead_of_tripping_the_loop_rule():
    wait = "(wait1, You decide to wait for 1 iterations.)"
    look = "(look around, This room is called the greenhouse.)"
    recent = [look, wait, wait, wait]
    p, env = policy(["wait1"] * 6, view(recent=recent))
    out = []
    for _ in range(12):
        action = p.act([])
        if not action:
            break
        command = action.removeprefix("Action: ")
        out.append(command)
        observation = {"wait1": "You decide to wait for 1 iterations.", "inventory": "In your inventory, you see:"}
        entry_text = f"({command}, {observation.get(command, 'This room is called the greenhouse.' if command == 'look around' else 'Task description')})"
        recent.append(entry_text)
        env.view = view(recent=list(recent))
        assert not in_loop(recent), out
    assert out.count("wait1") == 6  # every gold wait still happens, with free actions between
    assert set(out) - {"wait1"} <= {"look around", "inventory", "task"}


def test_identical_objects_are_told_apart_by_the_lists_own_qualifier():
    referents = {
        20: ["peach seed", "living thing", "seed"],
        21: ["peach seed", "living thing", "seed"],
        22: ["seed jar", "seed jar containing peach seed"],
        23: ["flower pot 1", "flower pot 1 containing peach seed and soil", "flower pot"],
    }
    names = {20: "peach seed in seed jar", 21: "living thing in flower pot 1", 22: "seed jar", 23: "flower pot 1"}
    entries = [entry("focus on peach seed in seed jar", 20), entry("focus on living thing in flower pot 1", 21)]
    v = OracleView(
        valid={e.action for e in entries},
        entries=entries,
        names=names,
        referents=referents,
        recent=[],
        last_observation="",
        failures=0,
        steps=0,
    )
    # Both seeds answer to "peach seed" and the pot's contents mention "peach seed": only the list's
    # own qualifier says which seed is in the pot.
    assert phrase("focus on peach seed in flower pot 1", v) == "focus on living thing in flower pot 1"
    assert phrase("focus on peach seed in seed jar", v) == "focus on peach seed in seed jar"
