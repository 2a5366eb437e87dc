"""Tests: webarena."""
