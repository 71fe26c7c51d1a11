"""WSGI entry point for gunicorn (``kansrijk serve --prod``)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kansrijk.web.settings")
application = get_wsgi_application()
