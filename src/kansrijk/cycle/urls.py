"""URLs of the cycle app (mounted at the site root by kansrijk.web.urls): ``gemeente/<code>/cyclus/…``."""

from django.urls import path

from . import riskgroup_survey, views

app_name = "cycle"

P = "gemeente/<str:code>/cyclus/"

urlpatterns = [
    path(P, views.overview, name="overview"),
    path(P + "actiepunt/<int:number>/", views.action_point, name="action_point"),
    path(
        P + "actiepunt/<int:number>/grafiek/<str:indicator>.json",
        views.action_point_chart,
        name="action_point_chart",
    ),
    path(P + "actiepunt/<int:number>/bewerken/", views.action_point_edit, name="action_point_edit"),
    path(P + "actiepunt/<int:number>/voortgang/", views.action_point_note, name="action_point_note"),
    path(P + "risicogroep/<slug:group>/", views.risk_group, name="risk_group"),
    path(
        P + "risicogroep/<slug:group>/vragenlijst/",
        riskgroup_survey.edit_definition,
        name="risk_group_survey",
    ),
    path(P + "risicokaart/", views.risk_map, name="risk_map"),
    path(P + "risicokaart/kaart.json", views.risk_map_chart, name="risk_map_chart"),
    path(P + "aanbod/", views.provision, name="provision"),
    path(P + "dialoog/", views.dialogue, name="dialogue"),
    path(P + "wat-bewoog/", views.moved, name="moved"),
    path(P + "voortgang/", views.progress_report, name="progress"),
    path(P + "voortgang.pdf", views.progress_report_pdf, name="progress_pdf"),
    path(P + "importeren/", views.import_file, name="import"),
    path(P + "planning/", views.schedule, name="schedule"),
    path(P + "voorbeeld-maastricht-2018/", views.example, name="example"),
]
