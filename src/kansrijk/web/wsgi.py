"""WSGI entry point for gunicorn (``kansrijk serve --prod``)."""

import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kansrijk.web.settings")
application = get_wsgi_application()

from kansrijk.fieldwork import intake  # noqa: E402 - needs the apps loaded by get_wsgi_application()

# Import the URL modules (and the views and libraries they import) now, not during the first request: with
# gunicorn's --preload this runs once, before the workers fork, so a class that starts right after a restart
# does not wait for imports.
get_resolver().url_patterns  # noqa: B018
# The same for the packaged questionnaire: parsed once here, not by each worker's first pupil.
intake.warm_up()
