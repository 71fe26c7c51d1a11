"""URLs of the results app (mounted at the site root): ``gemeente/<code>/resultaten/…``."""

from django.urls import path

from . import factor_views, settings_views, views

app_name = "results"

P = "gemeente/<str:code>/resultaten/"

urlpatterns = [
    path(P, views.dashboard, name="dashboard"),
    path(P + "indicator/<slug:indicator>/", views.indicator, name="indicator"),
    path(P + "grafiek/<slug:kind>.json", views.chart_spec, name="chart"),
    path(P + "tabel.csv", views.table_csv, name="table_csv"),
    path(P + "kaart/", views.wijk_map, name="map"),
    path(P + "factoren/", factor_views.factors_page, name="factors"),
    path(P + "factoren/grafiek.json", factor_views.factors_chart, name="factors_chart"),
    path(P + "rapporten/", views.report_list, name="reports"),
    path(P + "rapporten/gemeente.<str:fmt>", views.council_report, name="council_report"),
    path(P + "rapporten/school/<str:school>.<str:fmt>", views.school_report, name="school_report"),
    path(
        P + "rapporten/factsheet-<str:audience>-<str:language>.<str:fmt>", views.factsheet, name="factsheet"
    ),
    path(P + "exports/", views.export_list, name="exports"),
    path(P + "exports/<slug:wave>/microdata.<str:fmt>", views.export_microdata, name="export_microdata"),
    path(P + "exports/<slug:wave>/codeboek.<str:fmt>", views.export_codebook, name="export_codebook"),
    path(P + "exports/<slug:wave>/resultaten.<str:fmt>", views.export_results, name="export_results"),
    path(P + "analyse/", views.analysis, name="analysis"),
    path(P + "analyse/<slug:wave>/starten/", views.start_analysis, name="start_analysis"),
    path(P + "analyse/run/<int:run_id>/", views.run_progress, name="run_progress"),
    path(P + "analyse/run/<int:run_id>/publiceren/", views.publish_run, name="publish"),
    path(P + "instellingen/", settings_views.disclosure_settings, name="disclosure_settings"),
]
