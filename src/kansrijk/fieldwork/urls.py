"""URLs of the fieldwork app (mounted at the site root by kansrijk.web.urls).

Pupils: ``/start/`` and ``/k/<CODE>/…`` (short to type). Staff: ``/gemeente/<code>/metingen/…``.
"""

from django.urls import path, register_converter

from . import codes, pupil_views, views


class SessionCodeConverter:
    regex = codes.URL_PATTERN

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(SessionCodeConverter, "kcode")

app_name = "fieldwork"

staff = "gemeente/<str:code>/metingen/"

urlpatterns = [
    path("start/", pupil_views.start, name="pupil_start"),
    path("k/<kcode:code>/", pupil_views.intro, name="pupil_intro"),
    path("k/<kcode:code>/p/<int:index>/", pupil_views.page, name="pupil_page"),
    path("k/<kcode:code>/opslaan/", pupil_views.autosave, name="pupil_autosave"),
    path("k/<kcode:code>/taal/", pupil_views.change_language, name="pupil_language"),
    path("k/<kcode:code>/nieuw/", pupil_views.new_pupil, name="pupil_new"),
    path("k/<kcode:code>/klaar/", pupil_views.thanks, name="pupil_thanks"),
    path("k/<kcode:code>/niet-mee/", pupil_views.refused, name="pupil_refused"),
    path(staff, views.wave_list, name="wave_list"),
    path(staff + "nieuw/", views.wave_create, name="wave_create"),
    path(staff + "scholen/", views.schools_import, name="schools_import"),
    path(staff + "<slug:wave_code>/", views.wave_detail, name="wave_detail"),
    path(staff + "<slug:wave_code>/status/", views.wave_transition, name="wave_transition"),
    path(staff + "<slug:wave_code>/import/<str:kind>/", views.wave_import, name="wave_import"),
    path(staff + "<slug:wave_code>/klassen/", views.class_add, name="class_add"),
    path(staff + "<slug:wave_code>/sessies/", views.sessions_create, name="sessions_create"),
    path(
        staff + "<slug:wave_code>/sessies/<kcode:session_code>/blad/",
        views.session_sheet,
        name="session_sheet",
    ),
    path(staff + "<slug:wave_code>/toestemmingsbrief/", views.consent_letter, name="consent_letter"),
    path(staff + "<slug:wave_code>/monitor/", views.monitor, name="monitor"),
    path(staff + "<slug:wave_code>/monitor/tabel/", views.monitor_table, name="monitor_table"),
]

# Instrument versions (vragenlijsten): list, upload, compare, one version with preview, the XLSForm.
from . import instrument_views  # noqa: E402

instruments = "gemeente/<str:code>/vragenlijsten/"
urlpatterns += [
    path(instruments, instrument_views.instrument_list, name="instrument_list"),
    path(instruments + "nieuw/", instrument_views.instrument_upload, name="instrument_upload"),
    path(instruments + "vergelijk/", instrument_views.instrument_compare, name="instrument_compare"),
    path(instruments + "<int:pk>/", instrument_views.instrument_detail, name="instrument_detail"),
    path(instruments + "<int:pk>/xlsform/", instrument_views.instrument_download, name="instrument_download"),
]
