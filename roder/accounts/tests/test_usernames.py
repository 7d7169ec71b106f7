"""User names are stored and compared normalised (NFKC, case-folded)."""

import importlib

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import CommandError

from roder.organisation.services import person_create

pytestmark = pytest.mark.django_db
User = get_user_model()


def test_it_normalises_a_user_name_when_a_person_is_created(world):
    assert User.objects.create_user(username="ＬＡＳＡＲＥ").username == "lasare"
    person = person_create(
        organisation=world.organisation,
        username="Ｋalle",
        first_name="Kalle",
        last_name="Testsson",
        email="",
        by=world.admin,
    )
    assert person.username == "kalle"
    with pytest.raises(ValidationError):
        person_create(
            organisation=world.organisation,
            username="KALLE",
            first_name="Kalle",
            last_name="Andersson",
            email="",
            by=world.admin,
        )


def test_the_migration_reports_names_that_collide_and_changes_nothing(world):
    migration = importlib.import_module("roder.accounts.migrations.0004_normalise_usernames")
    User.objects.filter(pk=world.reader.pk).update(username="Anna")
    User.objects.filter(pk=world.reporter.pk).update(username="ａnna")
    User.objects.filter(pk=world.manager.pk).update(username="Bertil")
    before = sorted(User.objects.values_list("username", flat=True))
    with pytest.raises(CommandError) as refused:
        migration.normalise_usernames(apps, None)
    assert "'Anna'" in str(refused.value) and "'ａnna'" in str(refused.value)
    assert sorted(User.objects.values_list("username", flat=True)) == before

    User.objects.filter(pk=world.reporter.pk).update(username="reporter")
    migration.normalise_usernames(apps, None)
    assert User.objects.get(pk=world.reader.pk).username == "anna"
    assert User.objects.get(pk=world.manager.pk).username == "bertil"
