"""URLs of the regional dashboard (included by the project's URL conf)."""

from django.urls import path

from . import regional_views

app_name = "region"

urlpatterns = [
    path("regio/<slug:region>/", regional_views.region_dashboard, name="dashboard"),
    path("regio/<slug:region>/kaart.json", regional_views.region_map_spec, name="map_spec"),
]
