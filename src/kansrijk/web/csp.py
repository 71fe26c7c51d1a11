"""django-csp's middleware, without the work for answers that will not carry a policy.

django-csp 4.0 builds the whole Content-Security-Policy header (and the report-only one) for every response
and only then looks whether the view was marked ``@csp_exempt``. The pupil's autosave answer is such a view —
JSON read by the page's script, never a document a browser renders — and runs up to a thousand times a second
in a class-hour peak; building a header it then throws away was 8 % of the server's CPU per save. This
subclass returns an exempt response untouched, and leaves every other response to django-csp as it is.
"""

from __future__ import annotations

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.http import HttpRequest
from django.http.response import HttpResponseBase


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    def process_response(self, request: HttpRequest, response: HttpResponseBase) -> HttpResponseBase:
        exempt = getattr(response, "_csp_exempt", False)
        report_only_exempt = getattr(response, "_csp_exempt_ro", False) or not getattr(
            settings, "CONTENT_SECURITY_POLICY_REPORT_ONLY", None
        )
        if exempt and report_only_exempt:
            return response
        return super().process_response(request, response)
