"""The web app and HTTP API (``storyline serve``): browse, check and correct timelines in a browser."""
from .app import create_app

__all__ = ["create_app"]
