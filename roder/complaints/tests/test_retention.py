"""Personal data goes away: retention per type after closing (with a fixed clock), the
handler's mark, the command run twice, registerutdrag and erasure on request."""

import datetime
import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from roder.complaints import services, statistics
from roder.complaints.models import (
    Attachment,
    Case,
    CaseAnswer,
    CaseNote,
    ComplaintSettings,
    RemovalLog,
)
from roder.complaints.testing import make_case
from roder.testing import PERSONAS

pytestmark = pytest.mark.django_db

RECEIVED = datetime.date(2024, 3, 4)
CLOSED = datetime.date(2024, 3, 15)


def closed_case(unit, kind="complaint", *, free=False, email="anna@example.se"):
    case = make_case(
        unit,
        "Anna Andersson klagar på bemötandet",
        kind=kind,
        received_on=RECEIVED,
        name="Anna Andersson",
        email=email,
        phone="070-123 45 67",
    )
    Attachment.objects.create(
        case=case, name="bild.png", content_type="image/png", size=3, content=b"png"
    )
    services.case_add_note(case=case, text="Ringde Anna", by=None)
    services.case_answer(
        case=case,
        text="Hej Anna, tack.",
        channel="phone",
        expected_version=case.version,
        by=None,
        today=RECEIVED + datetime.timedelta(days=2),
    )
    case.refresh_from_db()
    if free:
        case = services.case_mark_free_of_personal_data(
            case=case, free=True, expected_version=case.version, by=None
        )
    case = services.case_set_status(
        case=case, status="closed", expected_version=case.version, by=None, today=CLOSED
    )
    return case


def run(today: str) -> str:
    out = StringIO()
    call_command("complaints_retention", today=today, stdout=out)
    return out.getvalue()


def figures(world):
    units = [world.unit_a]
    stats = statistics.branch_statistics(
        unit=world.unit_a,
        units=units,
        starts=datetime.date(2024, 1, 1),
        ends=datetime.date(2024, 12, 31),
        minimum=1,
        service_names={},
    )
    return stats.total


def test_the_command_removes_old_personal_data_once_and_keeps_the_statistics(world):
    old = closed_case(world.unit_a)
    kept = closed_case(world.unit_a, free=True, email="bo@example.se")
    before = figures(world)
    assert "0 cases" in run("2026-03-14")  # a day before two years have passed
    assert Case.objects.get(pk=old.pk).submitter_name == "Anna Andersson"
    output = run("2026-03-15")
    assert "2 cases" in output and "Anna" not in output
    old = Case.objects.get(pk=old.pk)
    assert (old.submitter_name, old.submitter_email, old.submitter_phone) == ("", "", "")
    assert old.description == "" and old.personal_data_removed_at is not None
    assert not Attachment.objects.filter(case=old).exists()
    assert CaseAnswer.objects.get(case=old).text == ""
    assert CaseNote.objects.get(case=old).text == ""
    kept = Case.objects.get(pk=kept.pk)
    assert kept.description.startswith("Anna Andersson klagar")  # marked free: kept
    assert kept.submitter_email == "" and CaseAnswer.objects.get(case=kept).text
    log = RemovalLog.objects.get(case=old)
    assert log.reason == "retention" and "Anna" not in log.removed
    assert "namn" in log.removed and "beskrivningen" in log.removed
    assert figures(world) == before
    # Running it again changes nothing more.
    snapshot = list(Case.objects.values())
    assert "0 cases" in run("2026-03-15")
    assert list(Case.objects.values()) == snapshot
    assert RemovalLog.objects.count() == 2


def test_each_type_keeps_its_own_period(world):
    ComplaintSettings.objects.create(
        organisation=world.organisation, retention_months=24, retention_praise=6
    )
    praise = closed_case(world.unit_a, kind="praise")
    complaint = closed_case(world.unit_a, email="bo@example.se")
    run("2024-09-16")
    assert Case.objects.get(pk=praise.pk).personal_data_removed_at is not None
    assert Case.objects.get(pk=complaint.pk).personal_data_removed_at is None


def test_an_open_case_is_not_touched(world):
    case = make_case(world.unit_a, received_on=RECEIVED, name="Anna Andersson")
    run("2030-01-01")
    assert Case.objects.get(pk=case.pk).submitter_name == "Anna Andersson"


def test_a_bad_date_is_refused():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("complaints_retention", today="15 mars")


def test_the_log_is_on_the_settings_page(world, client_for):
    closed_case(world.unit_a)
    run("2026-06-01")
    page = client_for(world.admin).get(
        reverse("complaints:settings", kwargs={"org": world.organisation.slug})
    )
    text = page.content.decode()
    assert "Gallringstiden gick ut" in text and "Anna" not in text


ADMIN_ONLY = dict.fromkeys(PERSONAS, 403) | {"admin": 200}


def personal(world, **query):
    return reverse("complaints:personal_data", kwargs={"org": world.organisation.slug}), query


@pytest.mark.parametrize("persona", PERSONAS)
def test_registerutdrag_is_for_administrators(world, client_for, persona):
    closed_case(world.unit_a)
    path, query = personal(world, q="ANNA@example.se")
    response = client_for(world.personas[persona]).get(path, query)
    assert response.status_code == ADMIN_ONLY[persona]
    if persona == "admin":
        text = response.content.decode()
        assert "Anna Andersson" in text and "bild.png" in text and "Hej Anna" in text


def test_registerutdrag_by_phone_and_as_a_file(world, client_for):
    case = closed_case(world.unit_a)
    client = client_for(world.admin)
    path, _query = personal(world)
    response = client.get(path, {"q": "0701234567"})
    assert [c.pk for c in response.context["cases"]] == [case.pk]
    download = client.get(path, {"q": "anna@example.se", "format": "json"})
    assert download["Content-Disposition"].startswith("attachment")
    data = json.loads(download.content)
    assert data["cases"][0]["name"] == "Anna Andersson"
    assert data["cases"][0]["attachments"][0]["name"] == "bild.png"
    assert client.get(path, {"q": "12"}).context["cases"] == []  # too short: nothing


@pytest.mark.parametrize("persona", PERSONAS)
def test_erasure_on_request_is_for_administrators(world, client_for, persona):
    case = make_case(world.unit_a, received_on=RECEIVED, name="Anna", email="anna@example.se")
    path = reverse("complaints:personal_data_erase", kwargs={"org": world.organisation.slug})
    response = client_for(world.personas[persona]).post(
        path, {"q": "anna@example.se", "confirm": "on"}
    )
    erased = Case.objects.get(pk=case.pk).submitter_email == ""
    if persona == "admin":
        assert response.status_code == 302 and erased
        assert RemovalLog.objects.get(case=case).reason == "request"
    else:
        assert response.status_code == 403 and not erased
        assert not RemovalLog.objects.exists()


def test_erasure_without_the_confirmation_erases_nothing(world, client_for):
    case = make_case(world.unit_a, received_on=RECEIVED, name="Anna", email="anna@example.se")
    path = reverse("complaints:personal_data_erase", kwargs={"org": world.organisation.slug})
    response = client_for(world.admin).post(path, {"q": "anna@example.se"})
    assert response.status_code == 302
    assert Case.objects.get(pk=case.pk).submitter_email == "anna@example.se"
    assert not RemovalLog.objects.exists()


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_handlers_mark_the_texts_free_of_personal_data(world, client_for, persona):
    case = make_case(world.unit_a, received_on=RECEIVED)
    path = reverse(
        "complaints:case_free_mark", kwargs={"org": world.organisation.slug, "pk": case.pk}
    )
    response = client_for(world.personas[persona]).post(
        path, {"free": "on", "version": case.version}
    )
    allowed = persona in ("admin", "controller", "manager", "reporter")
    assert response.status_code == (302 if allowed else {"reader": 403, "outsider": 404}[persona])
    assert Case.objects.get(pk=case.pk).free_of_personal_data is allowed


def test_a_stale_mark_writes_nothing(world, client_for):
    case = make_case(world.unit_a, received_on=RECEIVED)
    path = reverse(
        "complaints:case_free_mark", kwargs={"org": world.organisation.slug, "pk": case.pk}
    )
    client_for(world.admin).post(path, {"free": "on", "version": case.version + 5})
    assert Case.objects.get(pk=case.pk).free_of_personal_data is False


def test_per_type_months_out_of_range_are_refused_and_nothing_is_written(world, client_for):
    response = client_for(world.admin).post(
        reverse("complaints:settings", kwargs={"org": world.organisation.slug}),
        {
            "number_pattern": "{year}/{number}",
            "acknowledge_days": 2,
            "answer_days": 10,
            "retention_months": 24,
            "retention_praise": 0,
            "statistics_minimum": 5,
        },
    )
    assert response.status_code == 200
    assert not ComplaintSettings.objects.exists()
