"""Tests: card_game."""
