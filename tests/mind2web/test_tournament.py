"""The tournament of AgentBench.old's ``predict_single``, round by round."""

from __future__ import annotations

from tasks.mind2web.tournament import RoundRecord, Tournament


def play(pool: list[str], answers: list[tuple[str, str]], page_order: list[str] | None = None):
    """Run a tournament; ``answers`` are (letter, action) per round; choices follow ``page_order``."""
    order = page_order or sorted(pool)
    t = Tournament(pool=pool)
    groups = []
    for letter, action in answers:
        assert not t.finished
        group = t.take_group()
        groups.append(group)
        choices = sorted(group, key=order.index)
        t.answer(RoundRecord(group=group, choices=choices, letter=letter, action=action))
    return t, groups


def test_ten_candidates_two_groups_then_the_winners():
    pool = [f"c{i}" for i in range(10)]
    t, groups = play(pool, [("C", "CLICK "), ("B", "TYPE y"), ("B", "TYPE x")])
    assert groups == [["c0", "c1", "c2", "c3", "c4"], ["c5", "c6", "c7", "c8", "c9"], ["c1", "c5"]]
    assert t.finished and t.prediction() == ("c1", "TYPE x")


def test_a_none_that_leaves_the_first_winner_alone_ends_the_step_with_it():
    t, groups = play([f"c{i}" for i in range(10)], [("C", "CLICK "), ("A", " ")])
    assert len(groups) == 2 and t.finished and t.pool == ["c1"]
    assert t.prediction() == ("c1", "CLICK ")


def test_letters_follow_page_order_not_the_shuffle():
    t, _ = play(["c3", "c0", "c4", "c1", "c2"], [("B", "CLICK ")], page_order=["c0", "c1", "c2", "c3", "c4"])
    assert t.rounds[0].choices == ["c0", "c1", "c2", "c3", "c4"]
    assert t.prediction() == ("c0", "CLICK ")  # B is the first element on the page, not the first drawn


def test_the_prediction_is_the_last_pick():
    t, groups = play([f"c{i}" for i in range(10)], [("B", "CLICK "), ("D", "TYPE a"), ("C", "TYPE b")])
    assert groups[2] == ["c0", "c7"]
    assert t.prediction() == ("c7", "TYPE b")


def test_none_in_the_last_round_empties_the_pool_and_loses_earlier_picks():
    t, _ = play([f"c{i}" for i in range(10)], [("B", "CLICK "), ("D", "CLICK "), ("A", " ")])
    assert t.final == ("c7", "CLICK ") and t.pool == []
    assert t.prediction() == ("", "")


def test_none_leaving_one_candidate_ends_the_step_unseen():
    t, _ = play([f"c{i}" for i in range(6)], [("A", " ")])
    assert t.finished and t.pool == ["c5"] and t.prediction() == ("", "")


def test_a_pool_of_one_is_never_shown():
    t = Tournament(pool=["only"])
    assert t.finished and t.rounds == [] and t.prediction() == ("", "")


def test_a_letter_past_the_choices_picks_nothing():
    t, _ = play(["a", "b", "c"], [("E", "CLICK ")])
    assert t.rounds[0].picked is None and t.pool == [] and t.prediction() == ("", "")


def test_seven_candidates():
    t, groups = play([f"c{i}" for i in range(7)], [("F", "CLICK "), ("B", "CLICK ")])
    assert groups == [["c0", "c1", "c2", "c3", "c4"], ["c5", "c6", "c4"]]
    assert t.prediction() == ("c4", "CLICK ")
