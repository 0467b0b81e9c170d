"""The REST API and web UI (`hodo serve`)."""

from hodo.api.app import create_app

__all__ = ["create_app"]
