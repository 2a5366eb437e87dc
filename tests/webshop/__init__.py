"""Tests: webshop."""
