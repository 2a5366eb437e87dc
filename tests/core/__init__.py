"""tests.core package."""
