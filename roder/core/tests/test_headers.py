"""Security headers: no caching of a logged-in person's responses, the content security policy."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def cache_control(response) -> set[str]:
    return {part.strip() for part in response.get("Cache-Control", "").split(",") if part.strip()}


def test_it_keeps_a_logged_in_persons_pages_and_downloads_out_of_every_cache(world, client_for):
    client = client_for(world.manager)
    page = client.get(reverse("home:start"))
    download = client.get(reverse("actions:action_export", args=[world.organisation.slug]))
    assert download.status_code == 200
    assert download["Content-Type"].startswith("application/vnd.openxmlformats")
    for response in (page, download):
        assert {"private", "no-store"} <= cache_control(response)


def test_it_leaves_anonymous_responses_without_cookies_cacheable(client):
    response = client.get(reverse("core:health"))
    assert response.status_code == 200
    assert "no-store" not in cache_control(response)


def test_it_keeps_an_anonymous_response_that_sets_a_cookie_private(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert "django_language" in response.cookies
    assert {"private", "no-store"} <= cache_control(response)


def test_it_lets_forms_post_only_to_roder_itself(client):
    policy = client.get(reverse("accounts:login"))["Content-Security-Policy"]
    assert "form-action 'self'" in [part.strip() for part in policy.split(";")]
