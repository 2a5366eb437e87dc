"""Tests: mind2web."""
