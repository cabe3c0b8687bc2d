"""The web UI and JSON API. Only cli.py imports this package: `create_app(engine=None)`."""

from web.app import create_app

__all__ = ["create_app"]
