"""The tree and people pages cost the same number of queries however large the data."""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from roder.organisation.models import Role, Unit
from roder.testing import add_units

pytestmark = pytest.mark.django_db


def add_people(world, count: int) -> None:
    User = get_user_model()
    User.objects.bulk_create(
        User(username=f"p{n}", organisation=world.organisation, password="!") for n in range(count)
    )
    people = User.objects.filter(username__startswith="p")
    Role.objects.bulk_create(Role(person=p, unit=world.unit_a, kind="reader") for p in people)


def queries(client, path) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


def test_the_tree_page_costs_the_same_for_10_and_1000_units(world, client_for):
    client = client_for(world.admin)
    path = reverse("organisation:tree", kwargs={"org": "testkommun"})
    add_units(world.unit_a, 5)
    small = queries(client, path)
    add_units(world.unit_b, 995)
    assert Unit.objects.count() >= 1000
    large = queries(client, path)
    assert large == small, (small, large)


def test_the_people_page_costs_the_same_for_few_and_many_people(world, client_for):
    client = client_for(world.admin)
    path = reverse("organisation:people", kwargs={"org": "testkommun"})
    add_units(world.unit_b, 10)
    small = queries(client, path)
    add_people(world, 300)
    add_units(world.unit_a, 990)
    large = queries(client, path)
    assert large == small, (small, large)


def test_the_unit_page_costs_the_same_with_many_children_and_roles(world, client_for):
    client = client_for(world.admin)
    path = reverse("organisation:unit_detail", kwargs={"org": "testkommun", "pk": world.unit_a.pk})
    small = queries(client, path)
    add_units(world.unit_a, 200)
    add_people(world, 100)
    large = queries(client, path)
    assert large == small, (small, large)
