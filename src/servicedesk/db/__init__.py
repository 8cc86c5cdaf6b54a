"""The desk's database: schema, engine set-up, migrations and the async runner."""

from .engine import Database, make_engine, normalise_url

__all__ = ["Database", "make_engine", "normalise_url"]
