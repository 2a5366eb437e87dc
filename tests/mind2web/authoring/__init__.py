"""Tests: mind2web.authoring."""
