"""A lean middleware chain for the pupil's routes (``/start/`` and ``/k/…``).

Pupils never sign in: they carry a class code and a resume-token cookie, nothing else. The staff middleware —
sessions, authentication, the second factor, messages and django-axes' lockout — has nothing to do on their
pages, yet costs every request (autosaves run hundreds a second when many classes start the same hour).

:class:`PupilRouteMiddleware` sits near the top of ``MIDDLEWARE``. For a pupil route it hands the request to
a second chain built from the middleware *below* it minus :data:`STAFF_ONLY`; every other request goes down
the full chain. So the pupil path keeps everything that protects it — security headers, CSP, CSRF (a cookie,
not the session), locale, clickjacking — and the per-code rate limits, which live in the views and the cache.
``settings.MIDDLEWARE`` itself is unchanged, so Django's, django-axes' and Kansrijk's own checks still see the
staff middleware in place.

The autosave (``POST /k/<CODE>/opslaan/``, up to a thousand a second in a class-hour peak) goes down a third
chain that also leaves out :data:`DOCUMENT_ONLY`: its answer is JSON for the page's script, so there is no
document to give a Content-Security-Policy, no static file to serve, no language to pick from the request (the
pupil's language is stored with the response). Security headers, CSRF, the frame header and Django's common
middleware (which also sets ``Content-Length``) stay on it.

The second chain is built the way :meth:`django.core.handlers.base.BaseHandler.load_middleware` builds the
first (synchronous only, as the site runs under WSGI).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import MiddlewareNotUsed
from django.core.handlers.base import BaseHandler
from django.core.handlers.exception import convert_exception_to_response
from django.http import HttpRequest, HttpResponse
from django.utils.module_loading import import_string

from kansrijk.fieldwork import codes

#: Paths of the pupil's pages (see ``kansrijk.fieldwork.urls``).
PUPIL_PREFIXES = ("/k/", "/start/")

#: Middleware a pupil's request skips: everything that serves signed-in staff.
STAFF_ONLY = frozenset(
    {
        "django.contrib.sessions.middleware.SessionMiddleware",
        "django.contrib.auth.middleware.AuthenticationMiddleware",
        "django_otp.middleware.OTPMiddleware",
        "django.contrib.messages.middleware.MessageMiddleware",
        "axes.middleware.AxesMiddleware",
    }
)

#: Middleware the autosave's JSON answer skips as well (see the module docstring).
DOCUMENT_ONLY = frozenset(
    {
        "whitenoise.middleware.WhiteNoiseMiddleware",
        "kansrijk.web.csp.ContentSecurityPolicyMiddleware",
        "django.middleware.locale.LocaleMiddleware",
        "django_htmx.middleware.HtmxMiddleware",
        "kansrijk.api.adr.ApiVersionMiddleware",
    }
)

#: The autosave route (``kansrijk.fieldwork.urls``: ``k/<kcode:code>/opslaan/``).
AUTOSAVE_PATH = re.compile(rf"/k/{codes.URL_PATTERN}/opslaan/")

_ANONYMOUS = AnonymousUser()


def is_pupil_path(path: str) -> bool:
    return path.startswith(PUPIL_PREFIXES)


def is_autosave_path(path: str) -> bool:
    return AUTOSAVE_PATH.fullmatch(path) is not None


class _LeanHandler(BaseHandler):
    """A handler whose middleware chain is the given list (views, URL resolution: Django's own)."""

    def __init__(self, middleware: list[str]) -> None:
        super().__init__()
        self.names: list[str] = []  # the middleware this chain runs, outermost first
        self._view_middleware: list[Callable[..., Any]] = []
        self._template_response_middleware: list[Callable[..., Any]] = []
        self._exception_middleware: list[Callable[..., Any]] = []
        handler: Callable[[HttpRequest], Any] = convert_exception_to_response(
            self._get_response  # type: ignore[attr-defined]
        )
        for path in reversed(middleware):
            try:
                instance = import_string(path)(handler)
            except MiddlewareNotUsed:
                continue
            if hasattr(instance, "process_view"):
                self._view_middleware.insert(0, instance.process_view)
            if hasattr(instance, "process_template_response"):
                self._template_response_middleware.append(instance.process_template_response)
            if hasattr(instance, "process_exception"):
                self._exception_middleware.append(instance.process_exception)
            handler = convert_exception_to_response(instance)
            self.names.insert(0, path)
        self._middleware_chain = handler


class PupilRouteMiddleware:
    """Pupil routes go down the lean chain (see the module docstring); all others down the full one."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        own = f"{type(self).__module__}.{type(self).__qualname__}"
        below = list(settings.MIDDLEWARE)
        below = below[below.index(own) + 1 :] if own in below else below
        self.lean = _LeanHandler([m for m in below if m not in STAFF_ONLY])
        self.autosave = _LeanHandler([m for m in self.lean.names if m not in DOCUMENT_ONLY])

    def __call__(self, request: HttpRequest) -> HttpResponse:
        path = request.path_info
        if not is_pupil_path(path):
            return self.get_response(request)
        # Templates and context processors ask for a user; a pupil is anonymous, without a session lookup.
        request.user = _ANONYMOUS
        chain = self.autosave if is_autosave_path(path) else self.lean
        response: HttpResponse = chain._middleware_chain(request)
        return response
