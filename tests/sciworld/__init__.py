"""tests.sciworld package."""
