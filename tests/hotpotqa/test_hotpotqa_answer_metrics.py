"""SQuAD/HotpotQA normalisation, token F1 and EM."""

from __future__ import annotations

import pytest

from tasks.services.wikicorpus import exact_match, f1_precision_recall, f1_score, normalize_answer


def test_normalisation_drops_case_punctuation_articles_and_extra_space():
    assert normalize_answer("  The  Quick, brown FOX!  ") == "quick brown fox"
    assert normalize_answer("An apple a day") == "apple day"
    assert normalize_answer("theatre") == "theatre"  # articles only as whole words


def test_f1_counts_overlapping_tokens():
    f1, p, r = f1_precision_recall("Richard Nixon president", "Richard Nixon")
    assert p == pytest.approx(2 / 3) and r == 1.0
    assert f1 == pytest.approx(0.8)
    assert f1_score("the Richard Nixon.", "Richard Nixon") == 1.0
    assert f1_score("Gerald Ford", "Richard Nixon") == 0.0
    assert f1_score("", "Richard Nixon") == 0.0


def test_yes_no_answers_score_only_when_equal():
    assert f1_score("yes", "yes") == 1.0
    assert f1_score("yes it is", "yes") == 0.0  # the gold is yes/no: only an exact yes counts
    assert f1_score("no", "no way") == 0.0


def test_exact_match_after_normalisation():
    assert exact_match("The Saimaa Gesture.", "Saimaa Gesture")
    assert not exact_match("Saimaa", "Saimaa Gesture")
