"""The case list and a case's page cost the same number of queries for few and many cases."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from roder.complaints import services
from roder.complaints.models import Attachment
from roder.complaints.testing import make_case, make_service
from roder.testing import add_units

pytestmark = pytest.mark.django_db


def count(client, path) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


def test_the_list_costs_the_same_for_3_and_60_cases(world, client_for):
    units = add_units(world.unit_a, 5)
    service = make_service(world.organisation, "Bygglov", world.unit_a)
    for n in range(3):
        make_case(units[n % 5], service=service)
    client = client_for(world.manager)
    path = reverse("complaints:case_list", kwargs={"org": world.organisation.slug})
    few = count(client, path)
    for n in range(57):
        case = make_case(units[n % 5], service=service)
        services.case_assign(
            case=case, unit=case.unit, handler=world.reporter, expected_version=1, by=None
        )
    assert count(client, path) == few


def test_the_case_page_costs_the_same_with_many_notes_and_answers(world, client_for):
    case = make_case(world.unit_a, email="anna@example.se")
    client = client_for(world.manager)
    path = reverse("complaints:case_detail", kwargs={"org": world.organisation.slug, "pk": case.pk})
    count(client, path)  # the first request fills the content types' cache
    few = count(client, path)
    for n in range(20):
        services.case_add_note(case=case, text=f"Anteckning {n}", by=world.reporter)
        case.refresh_from_db()
        services.case_answer(
            case=case, text=f"Svar {n}", channel="phone", expected_version=case.version, by=None
        )
    assert count(client, path) == few


def test_the_public_form_costs_the_same_for_2_and_40_services(world, client):
    services.settings_save(
        organisation=world.organisation, expected_version=0, by=None, form_open=True
    )
    units = add_units(world.unit_a, 4)
    for n in range(2):
        make_service(world.organisation, f"Tjänst {n}", units[n % 4])
    path = reverse("complaints:public_form", kwargs={"organisation": world.organisation.slug})
    few = count(client, path)
    for n in range(2, 40):
        make_service(world.organisation, f"Tjänst {n}", units[n % 4])
    assert count(client, path) == few


def test_a_case_page_costs_the_same_with_1_and_3_attachments(world, client_for):
    case = make_case(world.unit_a)
    client = client_for(world.manager)
    path = reverse("complaints:case_detail", kwargs={"org": world.organisation.slug, "pk": case.pk})
    Attachment.objects.create(
        case=case, name="a.pdf", content_type="application/pdf", size=5, content=b"%PDF-"
    )
    count(client, path)
    few = count(client, path)
    for name in ("b.pdf", "c.pdf"):
        Attachment.objects.create(
            case=case, name=name, content_type="application/pdf", size=5, content=b"%PDF-"
        )
    assert count(client, path) == few
