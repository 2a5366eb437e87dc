"""Knowledge Graph task tests."""
