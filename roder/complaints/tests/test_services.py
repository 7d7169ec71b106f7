"""Registration with diary numbers, assignment, statuses, answers and notes."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import transaction

from roder.complaints import services
from roder.complaints.models import (
    Case,
    CaseAnswer,
    ComplaintSettings,
    NumberSeries,
    Service,
)
from roder.complaints.testing import make_case, make_service
from roder.core.models import HistoryEntry
from roder.organisation.models import Organisation, Unit
from roder.testing import make_organisation, parallel_database

pytestmark = pytest.mark.django_db
D = datetime.date


def test_it_numbers_cases_per_organisation_and_year_in_the_pattern(world):
    services.settings_save(
        organisation=world.organisation,
        expected_version=0,
        by=world.admin,
        number_pattern="KS {year}/{number}",
    )
    first = make_case(world.unit_a, received_on=D(2026, 3, 2))
    second = make_case(world.unit_b, received_on=D(2026, 12, 1))
    next_year = make_case(world.unit_a, received_on=D(2027, 1, 4))
    other = make_case(
        __import__("roder.testing", fromlist=["x"]).make_unit(
            Unit.objects.get(organisation=make_organisation("Annan", "annan"), parent=None),
            "X",
            "X",
        )
    )
    assert [first.diary_number, second.diary_number, next_year.diary_number] == [
        "KS 2026/1",
        "KS 2026/2",
        "KS 2027/1",
    ]
    assert other.diary_number == "2026/1"  # the default pattern, its own series


def test_a_failed_registration_gives_its_number_back(world):
    make_case(world.unit_a)
    with pytest.raises(RuntimeError), transaction.atomic():
        make_case(world.unit_a)
        raise RuntimeError("the request failed after the case was registered")
    assert make_case(world.unit_a).number == 2


@pytest.mark.django_db(transaction=True)
def test_parallel_submissions_get_one_number_each_without_gaps():
    """Twelve submissions at once, every third failing after taking its number: the others
    get 1–8, each once (on PostgreSQL the series row is locked with select_for_update)."""
    User = get_user_model()
    models = [ContentType, Organisation, Unit, User, HistoryEntry, ComplaintSettings]
    models += [Service, NumberSeries, Case]
    ContentType.objects.clear_cache()  # its cached ids are the test database's
    with parallel_database(models) as run:
        organisation = Organisation.objects.create(name="Parallellkommun", slug="parallell")
        root = Unit.objects.create(
            organisation=organisation,
            kind="municipality",
            code="P",
            name="P",
            valid_from=D(2020, 1, 1),
            depth=0,
        )
        Unit.objects.filter(pk=root.pk).update(path=f"/{root.pk}/")
        root.refresh_from_db()
        # Made before the threads: one made in a thread that then fails would stay in the
        # process's cache of content types while its row is rolled back.
        ContentType.objects.get_for_model(Case)

        def submit(index):
            with transaction.atomic():
                case = services.case_register(
                    organisation=organisation,
                    kind="complaint",
                    description=f"Synpunkt {index}",
                    by=None,
                    received_on=D(2026, 12, 1),
                )
                if index % 3 == 2:
                    raise RuntimeError("failed")
            return case.number

        results = run(submit, 12)
        numbers = sorted(r for r in results if isinstance(r, int))
        stored = sorted(Case.objects.values_list("number", flat=True))
    ContentType.objects.clear_cache()
    assert numbers == list(range(1, 9)), results
    assert stored == numbers


def test_it_takes_the_unit_from_the_service_and_keeps_anonymous_cases_anonymous(world):
    service = make_service(world.organisation, "Bygglov", world.unit_b)
    case = services.case_register(
        organisation=world.organisation,
        kind="suggestion",
        description="Öppna på lördagar",
        service=service,
        name="Anna Andersson",
        email="anna@example.se",
        anonymous=True,
        by=None,
        received_on=D(2026, 12, 4),
    )
    assert case.unit == world.unit_b
    assert (case.submitter_name, case.submitter_email, case.anonymous) == ("", "", True)
    assert (case.acknowledge_by, case.answer_by) == (D(2026, 12, 8), D(2026, 12, 18))


def test_a_case_without_a_service_goes_to_the_receiving_unit(world):
    case = services.case_register(
        organisation=world.organisation, kind="question", description="Hur?", by=None
    )
    assert case.unit == world.municipality
    services.settings_save(
        organisation=world.organisation,
        expected_version=0,
        by=None,
        receiving_unit=world.administration,
    )
    again = services.case_register(
        organisation=world.organisation, kind="question", description="Hur?", by=None
    )
    assert again.unit == world.administration


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        ({"kind": "rant"}, "kind", "Välj vilken sorts ärende det är."),
        ({"description": "  "}, "description", "Skriv vad ärendet gäller."),
        ({"channel": "fax"}, "channel", "Välj hur ärendet kom in."),
        ({"email": "inte-en-adress"}, "email", "Ange en giltig e-postadress."),
    ],
)
def test_it_refuses_bad_cases_and_writes_nothing(world, values, field, message):
    data = {"kind": "complaint", "description": "Synpunkt", **values}
    with pytest.raises(ValidationError) as refused:
        services.case_register(organisation=world.organisation, by=None, **data)
    assert refused.value.message_dict[field] == [message]
    assert not Case.objects.exists()
    assert not NumberSeries.objects.filter(last__gt=0).exists()


def test_it_refuses_a_pattern_without_year_or_number(world):
    with pytest.raises(ValidationError) as refused:
        services.settings_save(
            organisation=world.organisation, expected_version=0, by=None, number_pattern="KS"
        )
    assert "number_pattern" in refused.value.message_dict
    assert not ComplaintSettings.objects.exists()


def test_it_assigns_only_handlers_of_the_unit(world):
    case = make_case(world.unit_a)
    with pytest.raises(ValidationError) as refused:
        services.case_assign(
            case=case, unit=world.unit_a, handler=world.outsider, expected_version=1, by=None
        )
    assert "rapportörsroll" in refused.value.message_dict["handler"][0]
    services.case_assign(
        case=case, unit=world.unit_a, handler=world.reporter, expected_version=1, by=world.manager
    )
    case.refresh_from_db()
    assert case.handler == world.reporter
    moved = services.case_assign(
        case=case, unit=world.unit_b, handler=world.outsider, expected_version=2, by=world.manager
    )
    assert moved.unit == world.unit_b


def test_the_statuses_follow_the_routine_and_keep_their_history(world):
    case = make_case(world.unit_a)
    today = D(2026, 12, 2)
    case = services.case_set_status(
        case=case, status="acknowledged", expected_version=1, by=world.reporter, today=today
    )
    assert case.acknowledged_on == today
    with pytest.raises(ValidationError) as refused:
        services.case_set_status(case=case, status="answered", expected_version=2, by=None)
    assert refused.value.message_dict["status"] == [
        "Ett ärende som är kvitterat kan inte bli besvarat."
    ]
    case = services.case_set_status(case=case, status="investigating", expected_version=2, by=None)
    services.case_answer(
        case=case,
        text="Vi har ändrat rutinen.",
        channel="phone",
        expected_version=3,
        by=None,
        today=D(2026, 12, 10),
    )
    case.refresh_from_db()
    assert (case.status, case.answered_on) == ("answered", D(2026, 12, 10))
    case = services.case_set_status(case=case, status="closed", expected_version=4, by=None)
    assert case.closed_on is not None
    case = services.case_set_status(case=case, status="reopened", expected_version=5, by=None)
    assert case.closed_on is None
    statuses = [
        entry.changes["status"]["after"]
        for entry in HistoryEntry.objects.filter(object_id=case.pk).order_by("pk")
        if "status" in entry.changes
    ]
    assert statuses == [
        "Registrerat",
        "Kvitterat",
        "Under utredning",
        "Besvarat",
        "Avslutat",
        "Återöppnat",
    ]


def test_an_answer_by_mail_is_sent_and_kept(world):
    case = make_case(world.unit_a, email="anna@example.se", name="Anna")
    services.case_answer(
        case=case,
        text="Tack, vi ringer dig.",
        channel="mail",
        expected_version=1,
        by=world.reporter,
    )
    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert sent.to == ["anna@example.se"]
    assert sent.subject == f"Svar på ditt ärende {case.diary_number}"
    assert "Tack, vi ringer dig." in sent.body
    answer = CaseAnswer.objects.get(case=case)
    assert (answer.channel, answer.sent_to) == ("mail", "anna@example.se")


def test_it_refuses_a_mail_answer_without_an_address_and_a_closed_case(world):
    case = make_case(world.unit_a)
    with pytest.raises(ValidationError):
        services.case_answer(case=case, text="Svar", channel="mail", expected_version=1, by=None)
    case = services.case_set_status(case=case, status="closed", expected_version=1, by=None)
    with pytest.raises(ValidationError):
        services.case_answer(case=case, text="Svar", channel="phone", expected_version=2, by=None)
    assert not CaseAnswer.objects.exists()
    assert not mail.outbox


def test_a_stale_form_changes_nothing(world):
    case = make_case(world.unit_a)
    services.case_set_status(case=case, status="acknowledged", expected_version=1, by=None)
    stale = Case.objects.get(pk=case.pk)
    stale.status = "registered"
    with pytest.raises(ValidationError):
        services.case_set_status(case=stale, status="investigating", expected_version=1, by=None)
    assert Case.objects.get(pk=case.pk).status == "acknowledged"


def test_history_keeps_no_personal_data(world):
    case = make_case(world.unit_a, name="Anna Andersson", email="anna@example.se")
    services.case_add_note(case=case, text="Ringde Anna", by=world.reporter)
    text = str(list(HistoryEntry.objects.values_list("changes", "object_repr")))
    assert "Anna" not in text and "anna@" not in text
