"""SQLAlchemy implementations of the commplan ports, and the database schema's migrations."""
