"""tests.general package."""
