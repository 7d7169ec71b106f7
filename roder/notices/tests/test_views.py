import pytest
from django.urls import reverse

from roder.notices import services
from roder.notices.models import MailChoice, Notification
from roder.notices.panels import START_COUNT
from roder.testing import PERSONAS

pytestmark = pytest.mark.django_db

LIST = reverse("notices:list")
READ = reverse("notices:mark_read")
MAIL = reverse("notices:mail_settings")


def _tell(person, n: int = 1, *, subject="Enhet A lämnade in rapporten"):
    for i in range(n):
        services.notify(
            kind="report_submitted",
            recipients=[person],
            subject=f"{subject} {i}",
            text="Rapporten väntar.",
            url="/o/testkommun/",
            key=f"test:{subject}:{i}",
        )


@pytest.mark.parametrize("url", [LIST, MAIL])
def test_it_sends_the_anonymous_to_log_in(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


@pytest.mark.parametrize("persona", PERSONAS)
def test_it_lists_only_the_persons_own_notifications(world, client_for, persona):
    _tell(world.controller, subject="Till controllern")
    _tell(world.outsider, subject="Till grannen")
    response = client_for(world.personas[persona]).get(LIST)
    assert response.status_code == 200
    text = response.content.decode()
    assert ("Till controllern" in text) == (persona == "controller")
    assert ("Till grannen" in text) == (persona == "outsider")


def test_it_marks_one_notification_read(world, client_for):
    _tell(world.controller, 2)
    first, second = Notification.objects.order_by("pk")
    response = client_for(world.controller).post(READ, {"notification": first.pk})
    assert response.status_code == 302
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.read_at is not None and second.read_at is None


def test_it_marks_all_read_but_never_anothers(world, client_for):
    _tell(world.controller, 2)
    _tell(world.outsider)
    theirs = Notification.objects.get(recipient=world.outsider)
    client_for(world.controller).post(READ, {"notification": theirs.pk})
    client_for(world.controller).post(READ)
    assert not Notification.objects.unread().filter(recipient=world.controller).exists()
    assert Notification.objects.get(pk=theirs.pk).read_at is None


def test_it_refuses_get_on_mark_read(world, client_for):
    assert client_for(world.controller).get(READ).status_code == 405


def test_the_start_page_shows_the_newest_notifications_first(world, client_for):
    _tell(world.controller, START_COUNT + 2)
    services.mark_read(
        person=world.controller,
        notification_ids=[Notification.objects.order_by("pk").last().pk],
    )
    text = client_for(world.controller).get(reverse("home:start")).content.decode()
    shown = [f"Enhet A lämnade in rapporten {i}" for i in range(START_COUNT + 2)]
    newest = shown[::-1][:START_COUNT]
    positions = [text.index(subject) for subject in newest]
    assert positions == sorted(positions)
    assert shown[0] not in text  # beyond the bound: on the notifications page only
    assert LIST in text
    assert text.index("notices-heading") < text.index('id="org-')  # before the organisations
    assert text.count('class="unread"') == START_COUNT - 1  # the newest one was read


def test_the_start_page_has_no_panel_without_notifications(world, client_for):
    text = client_for(world.reader).get(reverse("home:start")).content.decode()
    assert "notices-heading" not in text


def test_the_mail_settings_offer_one_checkbox_per_kind(world, client_for):
    response = client_for(world.reader).get(MAIL)
    form = response.context["form"]
    assert {"report_submitted", "report_reminder", "action_assigned"} <= set(form.fields)
    assert all(field.initial for field in form.fields.values())  # mail by default


def test_the_mail_settings_turn_kinds_off_and_on(world, client_for):
    client = client_for(world.reader)
    everything_but_reminders = {
        key: "on" for key in client.get(MAIL).context["form"].fields if key != "report_reminder"
    }
    response = client.post(MAIL, everything_but_reminders)
    assert response.status_code == 302
    choices = dict(MailChoice.objects.filter(person=world.reader).values_list("kind", "mail"))
    assert choices["report_reminder"] is False
    assert choices["report_submitted"] is True
    assert client.get(MAIL).context["form"].fields["report_reminder"].initial is False
    # Nothing of anyone else's changes.
    assert not MailChoice.objects.exclude(person=world.reader).exists()
    client.post(MAIL, {"report_reminder": "on"})
    choices = dict(MailChoice.objects.filter(person=world.reader).values_list("kind", "mail"))
    assert choices["report_reminder"] is True
    assert choices["report_submitted"] is False
