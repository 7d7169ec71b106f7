"""Security headers: no caching of a logged-in person's responses, the content security policy."""

import pytest
from django.urls import reverse

from roder.core.htmx import is_htmx, template_for

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


@pytest.mark.parametrize("headers", [{}, {"HX-Request": "true"}])
def test_it_says_every_response_varies_on_hx_request(world, client_for, client, headers):
    responses = [
        client_for(world.manager).get(reverse("home:start"), headers=headers),
        client.get(reverse("accounts:login"), headers=headers),
        client.get(reverse("core:health"), headers=headers),
    ]
    for response in responses:
        vary = {part.strip().lower() for part in response.get("Vary", "").split(",")}
        assert "hx-request" in vary, response.get("Vary")


def test_it_answers_a_history_restore_with_the_whole_page(rf):
    swap = rf.get("/", headers={"HX-Request": "true"})
    assert is_htmx(swap) and template_for(swap, "p.html", "part") == "p.html#part"
    for extra in ({"HX-History-Restore-Request": "true"}, {"HX-Boosted": "true"}):
        request = rf.get("/", headers={"HX-Request": "true", **extra})
        assert not is_htmx(request)
        assert template_for(request, "p.html", "part") == "p.html"
    assert not is_htmx(rf.get("/"))
