"""Tests: agentflan."""
