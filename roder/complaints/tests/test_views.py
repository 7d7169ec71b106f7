"""Every complaint page and write, tried by each persona of the test world."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.urls import reverse

from roder.complaints.models import Case, CaseAnswer, CaseNote, CaseOpening, Service
from roder.complaints.testing import make_case, make_service
from roder.testing import PERSONAS, READ_A

pytestmark = pytest.mark.django_db

# Cases of Enhet A: handlers are reporters and up; readers never see contents.
HANDLE_A = READ_A | {"reader": 403}
ASSIGN_A = HANDLE_A | {"reporter": 403}
SETTINGS = dict.fromkeys(PERSONAS, 403) | {"admin": 200}


def url(name, world, **kwargs):
    return reverse(f"complaints:{name}", kwargs={"org": world.organisation.slug, **kwargs})


@pytest.fixture
def case(world):
    return make_case(world.unit_a, name="Anna Andersson", email="anna@example.se")


def texts(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_list_shows_each_handler_the_cases_of_their_units(world, client_for, persona):
    make_case(world.unit_a, "A:s ärende")
    make_case(world.unit_b, "B:s ärende")
    response = client_for(world.personas[persona]).get(url("case_list", world))
    if persona == "reader":
        assert response.status_code == 403
        return
    assert response.status_code == 200
    listed = {case.description for case, _ack, _ans in response.context["cases"]}
    expected = {
        "admin": {"A:s ärende", "B:s ärende"},
        "controller": {"A:s ärende", "B:s ärende"},
        "manager": {"A:s ärende"},
        "reporter": {"A:s ärende"},
        "outsider": {"B:s ärende"},
    }[persona]
    assert listed == expected


def test_the_list_filters_by_unit_and_status_and_marks_overdue_in_words(world, client_for):
    make_case(world.unit_a, "Gammalt", received_on=datetime.date(2026, 11, 2))  # long overdue
    closed = make_case(world.unit_b, "Stängt")
    Case.objects.filter(pk=closed.pk).update(status="closed")
    client = client_for(world.admin)
    response = client.get(url("case_list", world), {"unit": world.unit_a.pk})
    assert [c.description for c, _a, _b in response.context["cases"]] == ["Gammalt"]
    response = client.get(url("case_list", world), {"status": "open"})
    assert [c.description for c, _a, _b in response.context["cases"]] == ["Gammalt"]
    page = response.content.decode()
    assert "Försenad: skulle vara klar" in page
    assert "1 är försenad" in page
    assert (
        client_for(world.outsider)
        .get(url("case_list", world), {"unit": world.unit_a.pk})
        .status_code
        == 404
    )


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_case_page_is_for_the_units_handlers(world, client_for, persona, case):
    response = client_for(world.personas[persona]).get(url("case_detail", world, pk=case.pk))
    assert response.status_code == HANDLE_A[persona]
    if response.status_code == 200:
        page = response.content.decode()
        assert "Lång väntan i telefon" in page and "anna@example.se" in page
        assert CaseOpening.objects.filter(case=case, person=world.personas[persona]).exists()
        assert ("Vem som har öppnat ärendet" in page) is (ASSIGN_A[persona] == 200)
    else:
        assert not CaseOpening.objects.filter(person=world.personas[persona]).exists()


def test_a_secret_case_is_seen_by_its_handler_and_the_units_managers_only(world, client_for):
    case = make_case(world.unit_a)
    Case.objects.filter(pk=case.pk).update(secret=True)
    statuses = {
        name: client_for(person).get(url("case_detail", world, pk=case.pk)).status_code
        for name, person in world.personas.items()
    }
    assert statuses == HANDLE_A | {"reporter": 404, "reader": 404}
    listed = client_for(world.reporter).get(url("case_list", world)).context["cases"]
    assert listed == []
    Case.objects.filter(pk=case.pk).update(handler=world.reporter)
    assert client_for(world.reporter).get(url("case_detail", world, pk=case.pk)).status_code == 200


def test_the_other_organisation_sees_nothing(world, client_for, case):
    from roder.testing import make_organisation, make_person

    other = make_organisation("Annan kommun", "annan")
    stranger = make_person(other, "stranger", role="administrator", unit=other.units.get())
    client = client_for(stranger)
    assert client.get(url("case_detail", world, pk=case.pk)).status_code == 404
    path = reverse("complaints:case_detail", kwargs={"org": "annan", "pk": case.pk})
    assert client.get(path).status_code == 404


@pytest.mark.parametrize("persona", PERSONAS)
def test_handlers_change_the_status(world, client_for, persona, case):
    response = client_for(world.personas[persona]).post(
        url("case_status", world, pk=case.pk), {"status": "acknowledged", "version": 1}
    )
    assert response.status_code == (302 if HANDLE_A[persona] == 200 else HANDLE_A[persona])
    case.refresh_from_db()
    assert (case.status == "acknowledged") is (HANDLE_A[persona] == 200)


def test_a_refused_status_says_why_and_changes_nothing(world, client_for, case):
    response = client_for(world.reporter).post(
        url("case_status", world, pk=case.pk), {"status": "reopened", "version": 1}
    )
    assert texts(response) == ["Ett ärende som är registrerat kan inte bli återöppnat."]
    case.refresh_from_db()
    assert case.status == "registered"


@pytest.mark.parametrize("persona", PERSONAS)
def test_managers_assign_and_mark_secrecy(world, client_for, persona, case):
    client = client_for(world.personas[persona])
    response = client.post(
        url("case_assign", world, pk=case.pk),
        {"unit": world.unit_a.pk, "handler": world.reporter.pk, "version": 1},
    )
    assert response.status_code == (302 if ASSIGN_A[persona] == 200 else ASSIGN_A[persona])
    case.refresh_from_db()
    assert (case.handler == world.reporter) is (ASSIGN_A[persona] == 200)
    response = client.post(
        url("case_secrecy", world, pk=case.pk), {"secret": "on", "version": case.version}
    )
    case.refresh_from_db()
    assert case.secret is (ASSIGN_A[persona] == 200)


def test_assigning_a_handler_without_a_role_on_the_unit_is_refused(world, client_for, case):
    response = client_for(world.manager).post(
        url("case_assign", world, pk=case.pk),
        {"unit": world.unit_a.pk, "handler": world.outsider.pk, "version": 1},
    )
    assert "rapportörsroll" in texts(response)[0]
    case.refresh_from_db()
    assert case.handler is None


@pytest.mark.parametrize("persona", PERSONAS)
def test_handlers_write_notes_and_answers(world, client_for, persona, case):
    client = client_for(world.personas[persona])
    client.post(url("case_note", world, pk=case.pk), {"text": "Ringt upp"})
    client.post(
        url("case_answer", world, pk=case.pk),
        {"text": "Tack för din synpunkt.", "channel": "mail", "version": 1},
    )
    allowed = HANDLE_A[persona] == 200
    assert CaseNote.objects.filter(case=case).exists() is allowed
    assert CaseAnswer.objects.filter(case=case).exists() is allowed
    assert len(mail.outbox) == (1 if allowed else 0)


def test_an_empty_answer_is_refused_with_a_message(world, client_for, case):
    response = client_for(world.reporter).post(
        url("case_answer", world, pk=case.pk), {"text": "", "channel": "mail", "version": 1}
    )
    assert texts(response) == ["Detta fält måste fyllas i."]
    assert not CaseAnswer.objects.exists()


@pytest.mark.parametrize("persona", PERSONAS)
def test_handlers_register_cases_on_their_units(world, client_for, persona):
    client = client_for(world.personas[persona])
    assert client.get(url("case_create", world)).status_code == (
        403 if persona == "reader" else 200
    )
    response = client.post(
        url("case_create", world),
        {
            "channel": "phone",
            "kind": "complaint",
            "unit": world.unit_a.pk,
            "description": "Ringde om snöröjningen",
            "received_on": "2026-12-01",
            "name": "Bo",
            "phone": "070-1234567",
        },
    )
    allowed = HANDLE_A[persona] == 200
    if not allowed:  # the reader handles nowhere; Enhet A is hidden from the outsider
        assert response.status_code == {"reader": 403, "outsider": 404}[persona]
    else:
        assert response.status_code == 302
    assert Case.objects.filter(channel="phone").exists() is allowed


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_settings_and_services_are_the_administrators(world, client_for, persona):
    client = client_for(world.personas[persona])
    assert client.get(url("settings", world)).status_code == SETTINGS[persona]
    client.post(
        url("settings", world),
        {
            "form_title": "Synpunkt Testkommun",
            "form_open": "on",
            "number_pattern": "KS {year}/{number}",
            "acknowledge_days": 2,
            "answer_days": 10,
            "retention_months": 24,
            "statistics_minimum": 5,
        },
    )
    client.post(
        url("service_create", world), {"name": "Bygglov", "unit": world.unit_a.pk, "order": 1}
    )
    allowed = SETTINGS[persona] == 200
    assert Service.objects.filter(name="Bygglov").exists() is allowed
    if allowed:
        assert world.organisation.complaint_settings.form_title == "Synpunkt Testkommun"


def test_a_service_is_edited_and_its_name_kept_unique(world, client_for):
    service = make_service(world.organisation, "Bygglov", world.unit_a)
    make_service(world.organisation, "Skolskjuts", world.unit_b)
    client = client_for(world.admin)
    path = url("service_edit", world, pk=service.pk)
    assert client.get(path).status_code == 200
    response = client.post(
        path, {"name": "skolskjuts", "unit": world.unit_a.pk, "order": 0, "version": 1}
    )
    assert "Organisationen har redan en tjänst med det namnet." in response.content.decode()
    response = client.post(
        path, {"name": "Bygglov och kart", "unit": world.unit_b.pk, "order": 0, "version": 1}
    )
    assert response.status_code == 302
    service.refresh_from_db()
    assert (service.name, service.unit) == ("Bygglov och kart", world.unit_b)


def test_the_wrong_method_is_refused(world, client_for, case):
    client = client_for(world.admin)
    assert client.post(url("case_list", world)).status_code == 405
    assert client.get(url("case_status", world, pk=case.pk)).status_code == 405
    assert client.get(url("service_create", world)).status_code == 405


def test_anonymous_people_are_sent_to_log_in(world, client, case):
    response = client.get(url("case_detail", world, pk=case.pk))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
