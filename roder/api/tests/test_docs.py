import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db


def test_it_serves_the_openapi_schema(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    assert schema["info"]["title"] == "Roder API"


def test_it_serves_the_docs_page_from_roder_itself(client):
    response = client.get("/api/v1/docs/")
    assert response.status_code == 200
    page = response.content.decode()
    assert 'lang="sv"' in page
    assert "/static/ninja/swagger-ui-bundle.js" in page
    assert "/static/ninja/swagger-ui-init.js" in page
    assert "cdn" not in page.lower()
    assert "http://" not in page and "https://" not in page
    # The site's CSP (scripts from Roder only) holds on the page: nothing inline is run.
    csp = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "<script>" not in page


def test_it_lists_ninja_after_the_api_app():
    apps = settings.INSTALLED_APPS
    assert apps.index("roder.api") < apps.index("ninja")
