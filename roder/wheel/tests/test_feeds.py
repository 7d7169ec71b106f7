"""The calendar feeds: a person's private feed behind a renewable token, a unit's public feed
behind its setting, both parsed back with `icalendar` (VTIMEZONE, refresh interval)."""

import datetime
import io
import zoneinfo

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from icalendar import Calendar, vDuration

from roder.notices.models import MailChoice, Notification
from roder.periods.testing import make_period
from roder.wheel import reminders
from roder.wheel.models import FeedToken, PublicFeed
from roder.wheel.testing import YEAR, make_event

pytestmark = pytest.mark.django_db

TODAY = datetime.date(YEAR, 3, 1)


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a: TODAY)


def parsed(response) -> Calendar:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


def summaries(calendar: Calendar) -> list[str]:
    return [str(event["SUMMARY"]) for event in calendar.walk("VEVENT")]


def test_a_person_subscribes_to_their_own_feed_and_renews_it(world, client_for):
    make_event(world.committee, "KS sammanträde")
    make_event(world.unit_b, "APT Enhet B", kind="apt")
    make_period(world.organisation, deadline=datetime.date(YEAR, 5, 15))
    client = client_for(world.reporter)
    assert not FeedToken.objects.exists()
    assert client.post(reverse("wheel:my_feed_renew")).status_code == 302
    page = client.get(reverse("wheel:my_feed"))
    assert page.status_code == 200
    token = FeedToken.objects.get(person=world.reporter).token
    feed_url = reverse("wheel:person_feed", kwargs={"token": token})
    assert feed_url in page.content.decode()
    client.logout()
    calendar = parsed(client.get(feed_url))
    names = summaries(calendar)
    assert "KS sammanträde (Kommunstyrelsen)" in names
    assert not any("Enhet B" in name for name in names)
    assert any("Tertial 1" in name for name in names)
    # The organisation's meetings: 13.00 Stockholm time, winter and summer alike.
    meetings = [e for e in calendar.walk("VEVENT") if "KS" in str(e["SUMMARY"])]
    starts = [e.decoded("DTSTART") for e in meetings]
    assert {s.hour for s in starts} == {13}
    assert {s.utcoffset() for s in starts} == {
        datetime.timedelta(hours=1),
        datetime.timedelta(hours=2),
    }
    assert all(s.tzinfo.key == "Europe/Stockholm" for s in starts if hasattr(s.tzinfo, "key"))
    # A wrong token, and the old one once renewed, answer 404.
    assert client.get(reverse("wheel:person_feed", kwargs={"token": "wrong"})).status_code == 404
    client.force_login(world.reporter)
    assert client.post(reverse("wheel:my_feed_renew")).status_code == 302
    client.logout()
    assert client.get(feed_url).status_code == 404
    renewed = FeedToken.objects.get(person=world.reporter).token
    assert renewed != token
    assert client.get(reverse("wheel:person_feed", kwargs={"token": renewed})).status_code == 200


def test_the_feed_is_rfc_5545_with_a_stockholm_timezone_and_a_refresh_interval(world, client_for):
    make_event(world.committee, "KS sammanträde", exceptions=[datetime.date(YEAR, 4, 21)])
    make_event(
        world.committee,
        "Budgetdag",
        rrule="",
        start_time=None,
        end_time=None,
        starts_on=datetime.date(YEAR, 6, 2),
    )
    client = client_for(world.reporter)
    client.post(reverse("wheel:my_feed_renew"))
    token = FeedToken.objects.get(person=world.reporter).token
    calendar = parsed(client.get(reverse("wheel:person_feed", kwargs={"token": token})))
    assert str(calendar["VERSION"]) == "2.0" and "PRODID" in calendar
    zones = calendar.walk("VTIMEZONE")
    assert [str(z["TZID"]) for z in zones] == ["Europe/Stockholm"]
    refresh = calendar["REFRESH-INTERVAL"]
    assert refresh.params["VALUE"] == "DURATION"
    assert vDuration.from_ical(refresh.to_ical().decode()) == datetime.timedelta(hours=6)
    assert "X-PUBLISHED-TTL" in calendar
    events = calendar.walk("VEVENT")
    assert all("UID" in e and "DTSTAMP" in e for e in events)
    assert len({str(e["UID"]) for e in events}) == len(events)
    days = {e.decoded("DTSTART") for e in events}
    # The exception is left out; the all-day event is a DATE.
    assert datetime.datetime(YEAR, 4, 21, 13, tzinfo=zoneinfo.ZoneInfo("Europe/Stockholm")) not in {
        d for d in days if isinstance(d, datetime.datetime)
    }
    assert datetime.date(YEAR, 6, 2) in days


def test_a_units_public_feed_needs_its_setting_and_holds_only_public_events(world, client_for):
    make_event(world.committee, "KS sammanträde", public=True)
    make_event(world.unit_a, "APT Enhet A", kind="apt")
    feed = reverse(
        "wheel:unit_feed", kwargs={"organisation": "testkommun", "unit_pk": world.unit_a.pk}
    )
    assert client_for(world.reporter).get(feed).status_code == 404
    setting = reverse(
        "wheel:public_feed_set", kwargs={"org": "testkommun", "unit_pk": world.unit_a.pk}
    )
    assert client_for(world.outsider).post(setting, {"public": "on"}).status_code == 404
    assert client_for(world.manager).post(setting, {"public": "on"}).status_code == 403
    assert client_for(world.controller).post(setting, {"public": "on"}).status_code == 302
    assert PublicFeed.objects.get(unit=world.unit_a).public
    client = client_for(world.reporter)
    client.logout()
    names = summaries(parsed(client.get(feed)))
    assert names and all(name == "KS sammanträde (Kommunstyrelsen)" for name in names)


def test_reminders_tell_the_units_people_by_their_choice(
    world, settings, django_capture_on_commit_callbacks
):
    settings.RODER_WHEEL_REMINDER_DAYS = 2
    make_event(world.unit_a, "APT Enhet A", kind="apt", remind=True)
    make_event(world.unit_b, "APT Enhet B", kind="apt")  # asks for no reminders
    MailChoice.objects.create(person=world.manager, kind=reminders.KIND.key, mail=False)
    # The third Tuesday of March 2026 is the 17th: reminded on the 15th.
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_reminders", today="2026-03-15", stdout=io.StringIO())
    told = set(
        Notification.objects.filter(kind=reminders.KIND.key).values_list(
            "recipient__username", flat=True
        )
    )
    assert told == {"manager", "reporter"}
    assert [m.to for m in mail.outbox] == [["reporter@example.se"]]
    assert "APT Enhet A" in mail.outbox[0].subject
    call_command("send_reminders", today="2026-03-15", stdout=io.StringIO())
    assert Notification.objects.filter(kind=reminders.KIND.key).count() == 2
