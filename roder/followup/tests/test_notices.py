"""Who the follow-up tells, and the reminders of `manage.py send_reminders` (fixed clock)."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command

from roder.followup import services
from roder.followup.notices import reminder_step, send_reminders
from roder.notices.models import Notification
from roder.notices.services import mail_choices_save
from roder.periods import services as period_services
from roder.periods.testing import make_period
from roder.planning.testing import make_plan

pytestmark = pytest.mark.django_db

DUE = datetime.date(2026, 5, 15)


def _told(kind):
    return {n.recipient.username for n in Notification.objects.filter(kind=kind)}


@pytest.fixture
def period(world):
    make_plan(world.unit_a)
    make_plan(world.unit_b)
    return make_period(world.organisation, deadline=DUE)


def test_it_tells_the_approvers_of_a_submitted_report(
    world, period, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.report_submit(unit=world.unit_a, period=period, by=world.manager)
    # Controllers and administrators on the unit or above it; never the sibling's manager.
    assert _told("report_submitted") == {"admin", "controller"}
    assert sorted(m.to[0] for m in mail.outbox) == ["admin@example.se", "controller@example.se"]
    notice = Notification.objects.get(recipient=world.controller)
    assert "Enhet A" in notice.subject
    assert notice.url == f"/o/testkommun/units/{world.unit_a.pk}/periods/{period.pk}/"


def test_it_tells_the_unit_an_approved_report(world, period, django_capture_on_commit_callbacks):
    report = services.report_submit(unit=world.unit_a, period=period, by=world.manager)
    with django_capture_on_commit_callbacks(execute=True):
        services.report_approve(report=report, by=world.controller)
    assert _told("report_approved") == {"manager", "reporter"}
    assert sorted(m.to[0] for m in mail.outbox) == ["manager@example.se", "reporter@example.se"]


def test_it_tells_the_unit_a_returned_report_with_the_comment(world, period):
    report = services.report_submit(unit=world.unit_a, period=period, by=world.reporter)
    services.report_return(report=report, comment="Analysen saknas.", by=world.controller)
    # The reporter who submitted it is told too: the return is not their own doing.
    assert _told("report_returned") == {"manager", "reporter"}
    notice = Notification.objects.get(kind="report_returned", recipient=world.manager)
    assert "Analysen saknas." in notice.text


def test_it_tells_the_unit_a_reopened_report_with_the_reason(world, period):
    report = services.report_submit(unit=world.unit_a, period=period, by=world.manager)
    report = services.report_approve(report=report, by=world.controller)
    services.report_reopen(report=report, reason="Fel utfall i mars.", by=world.controller)
    assert _told("report_reopened") == {"manager", "reporter"}
    notice = Notification.objects.get(kind="report_reopened", recipient=world.reporter)
    assert "Fel utfall i mars." in notice.text


def test_it_tells_again_when_a_report_is_submitted_again(world, period):
    report = services.report_submit(unit=world.unit_a, period=period, by=world.manager)
    services.report_return(report=report, comment="Fyll i utfallen.", by=world.controller)
    services.report_submit(unit=world.unit_a, period=period, by=world.manager)
    assert (
        Notification.objects.filter(kind="report_submitted", recipient=world.controller).count()
        == 2
    )


def test_it_does_not_tell_people_what_they_did_themselves(world, period):
    report = services.report_submit(unit=world.unit_a, period=period, by=world.admin)
    assert _told("report_submitted") == {"controller"}
    services.report_approve(report=report, by=world.manager)  # would be refused by the view
    assert _told("report_approved") == {"reporter"}


@pytest.mark.parametrize(
    ("today", "step"),
    [
        (datetime.date(2026, 5, 9), None),
        (datetime.date(2026, 5, 10), "before"),
        (DUE, "before"),
        (datetime.date(2026, 5, 16), "after-1"),
        (datetime.date(2026, 5, 21), "after-1"),
        (datetime.date(2026, 5, 22), "after-7"),
        (datetime.date(2026, 5, 29), "after-14"),
        (datetime.date(2026, 6, 4), "after-14"),
    ],
)
def test_it_knows_the_reminder_of_each_day(today, step, settings):
    settings.RODER_REMINDER_DAYS_BEFORE = 5
    found = reminder_step(DUE, today)
    assert (found.name if found else None) == step


def test_it_reminds_units_that_have_not_submitted_once(
    world, period, django_capture_on_commit_callbacks
):
    services.report_submit(unit=world.unit_b, period=period, by=world.outsider)
    Notification.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        assert send_reminders(today=datetime.date(2026, 5, 8)) == 0  # too early
        assert send_reminders(today=datetime.date(2026, 5, 11)) == 2
        assert send_reminders(today=datetime.date(2026, 5, 12)) == 0  # sent: nothing new
    # Enhet A's reporter and manager; Enhet B submitted and is left alone.
    assert _told("report_reminder") == {"manager", "reporter"}
    assert sorted(m.to[0] for m in mail.outbox) == ["manager@example.se", "reporter@example.se"]
    assert "2026-05-15" in mail.outbox[0].subject
    with django_capture_on_commit_callbacks(execute=True):
        assert send_reminders(today=datetime.date(2026, 5, 16)) == 2  # the day after
        assert send_reminders(today=datetime.date(2026, 5, 16)) == 0
    assert len(mail.outbox) == 4


def test_it_reminds_a_returned_report_but_not_an_approved_one(world, period):
    report = services.report_submit(unit=world.unit_a, period=period, by=world.manager)
    services.report_return(report=report, comment="Mer text.", by=world.controller)
    services.report_approve(
        report=services.report_submit(unit=world.unit_b, period=period, by=world.outsider),
        by=world.controller,
    )
    send_reminders(today=datetime.date(2026, 5, 16))
    assert _told("report_reminder") == {"manager", "reporter"}


def test_it_reminds_nobody_in_a_closed_period(world, period):
    period_services.period_set_status(
        period=period, status="closed", expected_version=period.version, by=None
    )
    assert send_reminders(today=datetime.date(2026, 5, 16)) == 0
    assert not Notification.objects.exists()


def test_it_reminds_without_mail_those_who_turned_it_off(
    world, period, django_capture_on_commit_callbacks
):
    mail_choices_save(person=world.reporter, mail={"report_reminder": False}, by=world.reporter)
    with django_capture_on_commit_callbacks(execute=True):
        send_reminders(today=DUE)
    assert _told("report_reminder") == {"manager", "reporter", "outsider"}
    assert sorted(m.to[0] for m in mail.outbox) == ["manager@example.se", "outsider@example.se"]


def test_the_command_takes_a_day(world, period, capsys):
    call_command("send_reminders", "--today", "2026-05-16")
    call_command("send_reminders", "--today", "2026-05-16")
    out = capsys.readouterr().out
    assert "3 reminder(s) made for 2026-05-16." in out
    assert "0 reminder(s) made for 2026-05-16." in out
    assert _told("report_reminder") == {"manager", "reporter", "outsider"}
