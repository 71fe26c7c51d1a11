"""URLs of the api app (mounted at ``/api/`` by kansrijk.web.urls): the REST API and the API keys page."""

from django.http import HttpResponsePermanentRedirect
from django.urls import path, re_path

from . import views
from .adr import API_BASE, OPENAPI_PATH
from .api import api, not_found

app_name = "api"

urlpatterns = [
    path("gemeente/<str:code>/sleutels/", views.tokens, name="tokens"),
    path("gemeente/<str:code>/sleutels/<int:token_id>/intrekken/", views.revoke, name="token_revoke"),
    path("gemeente/<str:code>/openbaar/", views.public_switch, name="public_switch"),
    path("gemeente/<str:code>/privacy/<slug:document>.md", views.privacy_documents, name="privacy_document"),
    # The document's versioned home is /api/v1/openapi.json; the old unversioned address answers 308.
    path(
        "openapi.json",
        lambda request: HttpResponsePermanentRedirect(API_BASE + OPENAPI_PATH, preserve_request=True),
        name="openapi_moved",
    ),
    path(
        "docs",
        lambda request: HttpResponsePermanentRedirect(API_BASE + "/docs", preserve_request=True),
        name="docs_moved",
    ),
    *api.urls[0],
    re_path(r"^(?P<path>.*)$", not_found, name="not_found"),
]
