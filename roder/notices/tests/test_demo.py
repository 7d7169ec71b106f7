"""The demo's notifications: a newcomer finds some on the start page."""

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from roder.notices.models import Notification


def _notices(username: str):
    return Notification.objects.filter(recipient__username=username)


@pytest.mark.usefixtures("demo")
def test_the_controller_is_told_of_vasby_direkts_submitted_report():
    submitted = _notices("controller").filter(kind="report_submitted")
    assert any("Väsby Direkt" in n.subject for n in submitted)
    assert mail.outbox == []  # the demo stores its notifications without mailing them


@pytest.mark.usefixtures("demo")
def test_vasby_direkts_people_are_told_and_the_neighbour_is_not():
    for username in ("enhetschef", "rapportor"):
        approved = _notices(username).filter(kind="report_approved")
        assert any("Väsby Direkt" in n.subject for n in approved), username
    assert not any("Väsby Direkt" in n.subject for n in _notices("grannchef"))
    assert not _notices("lasare").exists()


@pytest.mark.usefixtures("demo")
def test_the_controllers_start_page_lists_them(client):
    client.force_login(get_user_model().objects.get(username="controller"))
    page = client.get(reverse("home:start")).content.decode()
    assert "notices-heading" in page and "skickade in rapporten för Delårsrapport 2026" in page


@pytest.mark.usefixtures("demo")
def test_vasby_direkts_interim_report_is_told_to_its_approvers_only(
    django_capture_on_commit_callbacks,
):
    from roder.followup import services
    from roder.organisation.models import Unit
    from roder.periods.models import ReportingPeriod

    User = get_user_model()
    direkt = Unit.objects.get(name="Väsby Direkt")
    period = ReportingPeriod.objects.filter(organisation=direkt.organisation, status="open").get(
        kind="interim"
    )
    Notification.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        report = services.report_submit(
            unit=direkt, period=period, by=User.objects.get(username="enhetschef")
        )
    told = {n.recipient.username for n in Notification.objects.all()}
    assert "controller" in told
    assert not told & {"grannchef", "enhetschef", "rapportor", "lasare"}
    assert {m.to[0] for m in mail.outbox} == {
        p.email for p in User.objects.filter(username__in=told) if p.email
    }
    Notification.objects.all().delete()
    services.report_return(
        report=report, comment="Mer analys.", by=User.objects.get(username="controller")
    )
    told = {n.recipient.username for n in Notification.objects.all()}
    assert {"enhetschef", "rapportor"} <= told
    assert not told & {"grannchef", "controller", "lasare"}
