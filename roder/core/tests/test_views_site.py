"""The site's own answers: the health check and the page for a missing object."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_it_answers_the_health_check(db, client):
    assert client.get(reverse("core:health")).content == b"ok"


def test_it_explains_a_missing_page_in_swedish(world, client_for):
    response = client_for(world.outsider).get(
        reverse("organisation:unit_detail", kwargs={"org": "testkommun", "pk": world.unit_a.pk})
    )
    assert response.status_code == 404
    assert "Sidan finns inte" in response.content.decode()
