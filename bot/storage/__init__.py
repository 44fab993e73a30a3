"""The decision log: SQLAlchemy models, Alembic migrations, and the functions that read and write it."""
