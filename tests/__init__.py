"""Storyline tests (a package, so that `tests.conftest` cannot be shadowed by an installed `tests`)."""
