"""Storyline: from a pile of news articles to a sourced, deduplicated timeline of anyone in them."""
from .api import EntityNotFound, IngestReport, Storyline
from .corrections import CorrectionError
from .model import Timeline

__version__ = "0.1.0"
__all__ = ["CorrectionError", "EntityNotFound", "IngestReport", "Storyline", "Timeline", "__version__"]
