"""URLs of the api app (mounted by kansrijk.web.urls)."""

from django.urls import path  # noqa: F401

app_name = "api"

urlpatterns: list = []
