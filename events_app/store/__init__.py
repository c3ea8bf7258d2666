"""Persistence: SQLAlchemy 2 tables and repository functions; imports only the domain."""
