"""Ingestion: read articles from text, HTML and JSON Lines files, folders and stdin."""
from .readers import Article, ReadError, count_inputs, iter_articles

__all__ = ["Article", "ReadError", "count_inputs", "iter_articles"]
