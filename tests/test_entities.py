"""Entity resolution across documents: keys, surnames, acronyms; and the sample's entities."""
from __future__ import annotations

from storyline import Storyline
from storyline.events import name_key
from storyline.resolve import resolve_entities


def _groups(stats):
    return {name: set(aliases.values()) for name, _, _, aliases in resolve_entities(stats)}


def test_name_key_ignores_initial_dots_quotes_and_possessives():
    assert name_key("B.C. Jean") == name_key("BC Jean") == "bc jean"
    assert name_key("D’Amelio") == name_key("D'Amelio")
    assert name_key("Mark Ballas’") == name_key("Mark Ballas") == "mark ballas"


def test_surname_and_acronym_join_the_full_name():
    stats = [("Mark Ballas", "mark ballas", "PERSON", 5), ("Ballas", "ballas", "PERSON", 20),
             ("Dancing With the Stars", "dancing with the stars", "ORG", 3), ("DWTS", "dwts", "ORG", 6)]
    groups = _groups(stats)
    assert groups["Mark Ballas"] == {"Mark Ballas", "Ballas"}
    assert groups["Dancing With the Stars"] == {"Dancing With the Stars", "DWTS"}


def test_ambiguous_surname_stays_apart():
    stats = [("Mark Ballas", "mark ballas", "PERSON", 5), ("Corky Ballas", "corky ballas", "PERSON", 2),
             ("Ballas", "ballas", "PERSON", 9)]
    groups = _groups(stats)
    assert groups["Ballas"] == {"Ballas"}


def test_sample_entities_with_aliases_and_counts(ballas_db):
    with Storyline(ballas_db) as sl:
        entities = {e.name: e for e in sl.entities()}
        ballas = sl.entity("Ballas")
        assert ballas.name == "Mark Ballas" and ballas.mentions >= 40
        assert sl.entity("B.C. Jean").name == sl.entity("BC Jean").name
        assert sl.entity("D'Amelio").name in ("Charli D'Amelio", "Charli D’Amelio")
    assert "Ballas" in ballas.aliases
    assert list(entities)[0] == "Mark Ballas"  # most mentioned first
