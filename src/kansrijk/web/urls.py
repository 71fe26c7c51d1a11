"""URL configuration: one include per app, so the role matrix test can walk every staff URL."""

from django.urls import include, path
from django.views.i18n import set_language

from . import views

app_name = "web"

web_patterns = [
    path("", views.home, name="home"),
    path("overzicht/", views.dashboard, name="dashboard"),
    path("toegankelijkheid/", views.accessibility, name="accessibility"),
    path("privacy/", views.privacy, name="privacy"),
    path("over/", views.about, name="about"),
    path("healthz", views.healthz, name="healthz"),
    path("readyz", views.readyz, name="readyz"),
]

urlpatterns = [
    path("", include((web_patterns, "web"))),
    path("account/", include("kansrijk.accounts.urls")),
    path("", include("kansrijk.fieldwork.urls")),
    path("", include("kansrijk.results.urls")),
    path("", include("kansrijk.results.regional_urls")),
    path("", include("kansrijk.cycle.urls")),
    path("api/", include("kansrijk.api.urls")),
    path("i18n/setlang/", set_language, name="set_language"),
]
