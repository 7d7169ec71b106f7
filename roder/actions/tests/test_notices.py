"""The responsible person of an action is told (roder/notices)."""

import pytest
from django.core import mail

from roder.actions import services
from roder.notices.models import Notification

pytestmark = pytest.mark.django_db


def _told():
    return [n.recipient.username for n in Notification.objects.filter(kind="action_assigned")]


def test_it_tells_the_person_made_responsible(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        action = services.action_create(
            unit=world.unit_a, title="Ny rutin", responsible=world.reporter, by=world.manager
        )
    assert _told() == ["reporter"]
    notice = Notification.objects.get()
    assert "Ny rutin" in notice.subject
    assert notice.url == f"/o/testkommun/actions/{action.pk}/"
    assert [m.to for m in mail.outbox] == [["reporter@example.se"]]


def test_it_tells_a_new_responsible_person_only(world):
    action = services.action_create(unit=world.unit_a, title="Ny rutin", by=world.manager)
    assert _told() == []
    action = services.action_update(
        action=action, expected_version=action.version, by=world.manager, title="Ny rutin 2"
    )
    assert _told() == []
    action = services.action_update(
        action=action,
        expected_version=action.version,
        by=world.manager,
        responsible=world.reporter,
    )
    action = services.action_update(
        action=action, expected_version=action.version, by=world.manager, title="Rutin"
    )
    assert _told() == ["reporter"]


def test_it_does_not_tell_people_they_took_an_action_themselves(world):
    services.action_create(
        unit=world.unit_a, title="Ny rutin", responsible=world.manager, by=world.manager
    )
    assert _told() == []
