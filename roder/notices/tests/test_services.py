import pytest
from django.core import mail
from django.core.exceptions import ImproperlyConfigured

from roder.notices import kinds, services
from roder.notices.models import MailChoice, Notification

pytestmark = pytest.mark.django_db

# A kind of the follow-up, registered in FollowupConfig.ready().
KIND = "report_submitted"


def _notify(recipients, *, key="event:1", **extra):
    return services.notify(
        kind=extra.pop("kind", KIND),
        recipients=recipients,
        subject="Enhet A lämnade in rapporten",
        text="Rapporten väntar på dig.",
        url="/o/testkommun/",
        key=key,
        organisation=extra.pop("organisation", None),
    )


def test_it_stores_a_notification_and_mails_it_after_the_commit(
    world, django_capture_on_commit_callbacks, settings
):
    settings.RODER_BASE_URL = "https://roder.example.se"
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        made = _notify([world.controller], organisation=world.organisation)
        assert mail.outbox == []  # nothing leaves before the commit
    for callback in callbacks:
        callback()
    assert len(made) == 1
    stored = Notification.objects.get()
    assert (stored.recipient, stored.kind, stored.organisation) == (
        world.controller,
        KIND,
        world.organisation,
    )
    assert stored.read_at is None
    [message] = mail.outbox
    assert message.to == ["controller@example.se"]
    assert message.subject == "Enhet A lämnade in rapporten"
    assert "Rapporten väntar på dig." in message.body
    assert "https://roder.example.se/o/testkommun/" in message.body
    assert "https://roder.example.se/notifications/mail/" in message.body


def test_it_makes_each_notice_once_per_key(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _notify([world.controller, world.admin])
        again = _notify([world.controller, world.admin, world.reader])
    assert [n.recipient for n in again] == [world.reader]
    assert Notification.objects.count() == 3
    assert sorted(m.to[0] for m in mail.outbox) == [
        "admin@example.se",
        "controller@example.se",
        "reader@example.se",
    ]


def test_it_keeps_a_new_key_apart(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _notify([world.controller], key="event:1")
        _notify([world.controller], key="event:2")
    assert Notification.objects.filter(recipient=world.controller).count() == 2
    assert len(mail.outbox) == 2


def test_it_respects_the_persons_choice_of_mail(world, django_capture_on_commit_callbacks):
    services.mail_choices_save(person=world.controller, mail={KIND: False}, by=world.controller)
    with django_capture_on_commit_callbacks(execute=True):
        _notify([world.controller, world.admin])
    # Both are told on the start page; only the admin by mail.
    assert Notification.objects.count() == 2
    assert [m.to for m in mail.outbox] == [["admin@example.se"]]


def test_it_mails_nobody_without_an_address_or_log_in(world, django_capture_on_commit_callbacks):
    world.reader.email = ""
    world.reader.save()
    world.outsider.is_active = False
    world.outsider.save()
    with django_capture_on_commit_callbacks(execute=True):
        made = _notify([world.reader, world.outsider])
    assert [n.recipient for n in made] == [world.reader]
    assert mail.outbox == []


def test_it_refuses_an_unknown_kind(world):
    with pytest.raises(ImproperlyConfigured):
        _notify([world.controller], kind="no_such_kind")
    assert not Notification.objects.exists()


def test_it_knows_the_kinds_the_apps_registered():
    keys = {kind.key for kind in kinds.all_kinds()}
    assert {
        "report_submitted",
        "report_approved",
        "report_returned",
        "report_reminder",
        "action_assigned",
    } <= keys


def test_it_refuses_two_kinds_with_one_key():
    with pytest.raises(ImproperlyConfigured):
        kinds.register(kinds.Kind(KIND, "Något annat"))


def test_it_marks_only_the_persons_own_notifications_read(world):
    _notify([world.controller, world.admin])
    theirs = Notification.objects.get(recipient=world.admin)
    assert services.mark_read(person=world.controller, notification_ids=[theirs.pk]) == 0
    assert services.mark_read(person=world.controller) == 1
    assert Notification.objects.get(recipient=world.controller).read_at is not None
    assert Notification.objects.get(recipient=world.admin).read_at is None


def test_it_saves_the_choice_of_mail_with_history(world):
    services.mail_choices_save(person=world.reader, mail={KIND: False}, by=world.reader)
    services.mail_choices_save(person=world.reader, mail={KIND: False}, by=world.reader)
    assert MailChoice.objects.get(person=world.reader).mail is False
    entries = world.organisation.history.filter(person=world.reader, action="update")
    assert entries.count() == 1
    services.mail_choices_save(person=world.reader, mail={KIND: True}, by=world.reader)
    assert MailChoice.objects.get(person=world.reader).mail is True
    assert entries.count() == 2
