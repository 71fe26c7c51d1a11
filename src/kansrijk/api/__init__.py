"""The open REST API (django-ninja, OpenAPI 3)."""
