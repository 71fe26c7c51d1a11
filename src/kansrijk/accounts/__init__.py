"""Municipalities, schools, areas, users with roles per municipality, and the audit log."""
