"""The referee against the compiled original (only where a reader has built it: see DIFFERENTIAL.md)."""

from __future__ import annotations

import os

import pytest

from tasks.card_game.differential import play_both

LOGIC = os.environ.get("CARD_GAME_REFERENCE_LOGIC")

pytestmark = pytest.mark.skipif(
    not LOGIC or not os.access(LOGIC, os.X_OK),
    reason="CARD_GAME_REFERENCE_LOGIC is not set to a build of AgentBench.old's card_game logic "
    "(tasks/card_game/DIFFERENTIAL.md says how to build one; this repository ships none)",
)


@pytest.mark.parametrize("players", ["random", "baselines"])
def test_same_messages_replay_and_result_as_the_original(players, tmp_path):
    endings = set()
    for seed in range(100):
        endings.add(play_both(LOGIC, seed, tmp_path, players=players)["reason"])
    assert "eliminated" in endings
