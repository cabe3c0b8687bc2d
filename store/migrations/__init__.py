"""Alembic migrations for the store; run them with `store.upgrade(engine)`."""
