"""Template context shared by every page."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest


def site(request: HttpRequest) -> dict[str, Any]:
    # Not "site_name": Django's auth views put the request host under that name.
    return {"brand_name": settings.KANSRIJK["SITE_NAME"], "demo_mode": settings.KANSRIJK["DEMO"]}
