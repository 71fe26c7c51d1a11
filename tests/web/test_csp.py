"""The CSP middleware skips only answers that would carry no policy (see kansrijk.web.csp)."""

from __future__ import annotations

from csp.decorators import csp_exempt
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.test import RequestFactory

from kansrijk.web.csp import ContentSecurityPolicyMiddleware

REPORT_ONLY = {"DIRECTIVES": {"default-src": ["'self'"], "report-uri": "/csp-rapport/"}}


def _page(request: HttpRequest) -> HttpResponse:
    return HttpResponse("<p>pagina</p>")


@csp_exempt()
def _json(request: HttpRequest) -> HttpResponse:
    return JsonResponse({"ok": True})


def _through(view, path: str = "/k/ABCD-EFGH/opslaan/") -> HttpResponse:  # type: ignore[no-untyped-def]
    request = RequestFactory().post(path)
    middleware = ContentSecurityPolicyMiddleware(view)
    middleware.process_request(request)
    return middleware.process_response(request, view(request))  # type: ignore[return-value]


def test_a_page_gets_the_site_policy() -> None:
    policy = _through(_page)["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "script-src 'self'" in policy


def test_an_exempt_answer_gets_no_policy_header() -> None:
    answer = _through(_json)
    assert "Content-Security-Policy" not in answer
    assert "Content-Security-Policy-Report-Only" not in answer


def test_an_exempt_answer_still_gets_a_report_only_policy_that_is_not_exempted(settings) -> None:  # type: ignore[no-untyped-def]
    settings.CONTENT_SECURITY_POLICY_REPORT_ONLY = REPORT_ONLY
    answer = _through(_json)
    assert "Content-Security-Policy" not in answer
    assert "report-uri /csp-rapport/" in answer["Content-Security-Policy-Report-Only"]
    # exempt from both policies (``_json`` is exempt from the main one, the outer decorator from the other)
    fully_exempt = _through(csp_exempt(REPORT_ONLY=True)(_json))
    assert "Content-Security-Policy" not in fully_exempt
    assert "Content-Security-Policy-Report-Only" not in fully_exempt
