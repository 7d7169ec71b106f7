"""The API's interactive docs page works from Roder's own files under the site's CSP."""

import pytest
from playwright.sync_api import expect

from tests.browser import conftest

pytestmark = pytest.mark.browser


def test_it_shows_the_api_docs_without_a_cdn_or_csp_violations(page, world, live_server):
    refused: list[str] = []
    outside: list[str] = []
    page.on(
        "console",
        lambda message: (
            refused.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.on(
        "request",
        lambda request: (
            None
            if request.url.startswith(live_server.url) or request.url.startswith("data:")
            else outside.append(request.url)
        ),
    )
    page.goto("/api/v1/docs/")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("Roder API")
    expect(page.locator(".swagger-ui .opblock").first).to_be_visible()
    assert refused == []
    assert outside == []
    # Swagger UI's markup is django-ninja's, not Roder's: left out of the axe sweep on purpose
    # (test_every_page.py says why).
    conftest._unchecked[id(page)] = []
