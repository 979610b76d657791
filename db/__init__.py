"""Storage: SQLAlchemy models, engine setup, repositories and migrations. No Qt."""
