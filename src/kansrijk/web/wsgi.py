"""WSGI entry point of the production server (``kansrijk serve --prod``: Granian, one import per worker)."""

import gc
import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kansrijk.web.settings")
application = get_wsgi_application()

from kansrijk.fieldwork import intake  # noqa: E402 - needs the apps loaded by get_wsgi_application()

# Import the URL modules (and the views and libraries they import) now, not during the first request: each
# server process runs this before it takes requests, so a class that starts right after a restart does not
# wait for imports.
get_resolver().url_patterns  # noqa: B018
# The same for the packaged questionnaire: parsed once here, not by each worker's first pupil.
intake.warm_up()
# Everything imported so far lives as long as the process. Frozen, it is left out of every later garbage
# collection, which then only walks what requests create: a full collection no longer walks Django, Polars
# and the parsed questionnaire, a pause that landed on a random page save.
gc.collect()
gc.freeze()
