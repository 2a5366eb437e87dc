"""The embedded SmolLM2 model for tests that need a real (small) model."""

from __future__ import annotations

import pytest


def embedded_model():
    """A fresh in-process SmolLM2; skips the test when the adapter cannot be imported."""
    try:
        from adapters.embedded import EmbeddedModel
    except ImportError as exc:
        pytest.skip(f"adapters.embedded is not available: {exc}")
    return EmbeddedModel.from_config("smollm2", {"adapter": "smollm2"})
