"""tests.scoring package."""
