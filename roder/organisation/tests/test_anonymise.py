"""Anonymising a person who has left (issue 10, defect 12): nothing of their name or e-mail
address is left in any table, history keeps "borttagen person #<id>"."""

import json

import pytest
from django.apps import apps
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.urls import reverse

from roder.actions import services as action_services
from roder.core.models import HistoryEntry, RateLimit
from roder.core.services import ConcurrentEditError
from roder.economy import services as economy_services
from roder.economy.models import LedgerImport
from roder.economy.testing import ledger_csv
from roder.organisation import services
from roder.organisation.models import Role
from roder.organisation.tests.test_people_access import every_row
from roder.testing import PASSWORD, make_person, make_unit

pytestmark = pytest.mark.django_db

# Everything she was known by: user name and first name (also inside both addresses), both
# last names, her job title.
TRACES = ("zelmira", "Qvarnström", "Öhrn", "Kvalitetsfixare")


@pytest.fixture
def leaver(world, client):
    """Zelmira: added and invited, renamed, a new address; she made units and actions, was
    named in a ledger file and in the Django admin's log, and mistyped her password once (the
    log-in limits count by user name)."""
    person = services.person_create(
        organisation=world.organisation,
        username="zelmira",
        first_name="Zelmira",
        last_name="Qvarnström",
        email="zelmira.q@example.se",
        title="Kvalitetsfixare",
        invite_base_url="http://testserver/",
        by=world.admin,
    )
    services.role_grant(person=person, unit=world.unit_a, kind="administrator", by=world.admin)
    person.set_password(PASSWORD)
    person.save()
    values = {name: getattr(person, name) for name in services.PERSON_FIELDS}
    services.person_update(
        person=person,
        expected_version=person.version,
        by=world.admin,
        **{**values, "last_name": "Öhrn", "email": "zelmira.ohrn@example.se"},
    )
    make_unit(world.unit_a, "A-Z", "Grupp Z", by=person)
    action_services.action_create(
        unit=world.unit_a, title="Ring leverantören", responsible=person, by=person
    )
    economy_services.ledger_import_stage(
        unit=world.unit_a,
        file_name="huvudbok.csv",
        data=ledger_csv(["A;K5;14;2026-02-01;100;Utlägg Zelmira Öhrn, zelmira.q@example.se"]),
        by=person,
    )
    LogEntry.objects.create(
        user=world.admin,
        content_type=ContentType.objects.get_for_model(person),
        object_id=str(person.pk),
        object_repr="Zelmira Öhrn",
        action_flag=CHANGE,
        change_message="Zelmira Qvarnström → Zelmira Öhrn",
    )
    client.post(reverse("accounts:login"), {"username": "zelmira", "password": "wrong"})
    assert RateLimit.objects.filter(key__icontains="zelmira").exists()
    person.refresh_from_db()
    return person


def traces_left() -> list[str]:
    """(table.column: value) for every text or JSON value holding a trace, in every table."""
    found = []
    for model in apps.get_models():
        columns = [
            field.name
            for field in model._meta.concrete_fields
            if isinstance(field, models.CharField | models.TextField | models.JSONField)
        ]
        for row in model.objects.values_list(*columns) if columns else ():
            for column, value in zip(columns, row, strict=True):
                text = json.dumps(value, ensure_ascii=False) if value is not None else ""
                if any(trace.casefold() in text.casefold() for trace in TRACES):
                    found.append(f"{model._meta.db_table}.{column}: {text[:120]}")
    return found


def test_it_leaves_no_trace_of_the_name_or_email_in_any_table(world, leaver):
    assert len(traces_left()) > 10  # the search finds what is there
    services.person_anonymise(person=leaver, expected_version=leaver.version, by=world.admin)
    assert traces_left() == []
    label = f"borttagen person #{leaver.pk}"
    rows = json.dumps(LedgerImport.objects.get().rows, ensure_ascii=False)
    assert f"Utlägg {label}, {label}" in rows


def test_the_person_cannot_log_in_and_has_no_role_left(world, client_for, leaver):
    client = client_for(leaver)
    services.person_anonymise(person=leaver, expected_version=leaver.version, by=world.admin)
    leaver.refresh_from_db()
    assert (leaver.username, leaver.email, leaver.title) == (f"borttagen-{leaver.pk}", "", "")
    assert not leaver.is_active and not leaver.has_usable_password()
    page = client.get(reverse("organisation:tree", kwargs={"org": world.organisation.slug}))
    assert page.status_code == 302 and "/accounts/login/" in page["Location"]
    assert not client.login(username=leaver.username, password=PASSWORD)
    assert not Role.objects.filter(person=leaver).exists()
    revoked = HistoryEntry.objects.get(person=leaver, action="revoke")
    assert revoked.actor == world.admin
    assert HistoryEntry.objects.filter(person=leaver, action="anonymise").count() == 1


def test_history_shows_borttagen_person_as_actor_and_subject(world, client_for, leaver):
    services.person_anonymise(person=leaver, expected_version=leaver.version, by=world.admin)
    label = f"borttagen person #{leaver.pk}"
    client = client_for(world.admin)
    unit_page = client.get(
        reverse(
            "organisation:unit_detail",
            kwargs={"org": world.organisation.slug, "pk": world.unit_a.pk},
        )
    ).content.decode()
    person_page = client.get(
        reverse(
            "organisation:person_detail", kwargs={"org": world.organisation.slug, "pk": leaver.pk}
        )
    ).content.decode()
    assert label in unit_page and label in person_page
    made = HistoryEntry.objects.get(object_repr="Grupp Z")
    assert str(made.actor) == label
    granted = HistoryEntry.objects.get(person=leaver, action="grant")
    assert granted.object_repr.startswith(label)
    assert granted.changes["person"]["after"] == label


def test_it_refuses_a_stale_confirmation_and_changes_nothing(world, leaver):
    rows = every_row()
    with pytest.raises(ConcurrentEditError):
        services.person_anonymise(
            person=leaver, expected_version=leaver.version - 1, by=world.admin
        )
    assert every_row() == rows


@pytest.mark.parametrize("actor", ["leaf_admin", "controller", "manager", "reader", "outsider"])
def test_only_an_organisation_administrator_anonymises(world, leaver, actor):
    person = leaver if actor == "leaf_admin" else world.personas[actor]
    target = world.reporter if actor == "leaf_admin" else leaver
    rows = every_row()
    with pytest.raises(PermissionDenied):
        services.person_anonymise(person=target, expected_version=target.version, by=person)
    assert every_row() == rows


def test_nobody_anonymises_themselves_nor_a_superuser_unless_superuser(world):
    root = make_person(world.organisation, "root", is_superuser=True, is_staff=True)
    for target, by in ((world.admin, world.admin), (root, world.admin)):
        with pytest.raises(PermissionDenied):
            services.person_anonymise(person=target, expected_version=target.version, by=by)
    services.person_anonymise(person=world.admin, expected_version=world.admin.version, by=root)
    world.admin.refresh_from_db()
    assert world.admin.username == f"borttagen-{world.admin.pk}"


# --- the page ------------------------------------------------------------------------------


def url(name, world, pk):
    return reverse(f"organisation:{name}", kwargs={"org": world.organisation.slug, "pk": pk})


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("admin", 200),
        ("controller", 403),
        ("manager", 403),
        ("reporter", 403),
        ("reader", 403),
        ("outsider", 403),
    ],
)
def test_the_confirmation_page_is_for_organisation_administrators(
    world, client_for, persona, status
):
    leaf_admin = make_person(
        world.organisation, "leafadmin", role="administrator", unit=world.unit_a
    )
    client = client_for(world.personas[persona])
    assert client.get(url("person_anonymise", world, world.reporter.pk)).status_code == status
    rows = every_row()
    response = client.post(
        url("person_anonymise", world, world.reporter.pk), {"version": world.reporter.version}
    )
    if persona == "admin":
        assert response.status_code == 302
        return
    assert response.status_code == 403
    assert every_row() == rows
    client = client_for(leaf_admin)  # covers the reporter, but is no organisation administrator
    assert client.get(url("person_anonymise", world, world.reporter.pk)).status_code == 403


def test_the_button_leads_to_a_confirmation_that_anonymises(world, client_for):
    client = client_for(world.admin)
    detail = client.get(url("person_detail", world, world.reporter.pk)).content.decode()
    assert url("person_anonymise", world, world.reporter.pk) in detail
    confirm = client.get(url("person_anonymise", world, world.reporter.pk))
    assert confirm.status_code == 200
    world.reporter.refresh_from_db()
    assert world.reporter.is_active  # opening the page changes nothing
    client.post(
        url("person_anonymise", world, world.reporter.pk), {"version": world.reporter.version}
    )
    world.reporter.refresh_from_db()
    assert world.reporter.username == f"borttagen-{world.reporter.pk}"
    own = client.get(url("person_detail", world, world.admin.pk)).content.decode()
    assert url("person_anonymise", world, world.admin.pk) not in own


def test_an_anonymised_person_can_no_longer_be_changed_by_anyone(world, client_for, leaver):
    """Otherwise an administrator could give the emptied account an address and a log-in back."""
    root = make_person(world.organisation, "root", is_superuser=True, is_staff=True)
    services.person_anonymise(person=leaver, expected_version=leaver.version, by=world.admin)
    leaver.refresh_from_db()
    client = client_for(root)
    detail = client.get(url("person_detail", world, leaver.pk)).content.decode()
    assert url("person_edit", world, leaver.pk) not in detail
    assert url("person_anonymise", world, leaver.pk) not in detail
    assert "Anonymiserad den" in detail
    rows = every_row()
    for name in ("person_edit", "person_anonymise", "person_invite"):
        assert client.get(url(name, world, leaver.pk)).status_code in (403, 405)
    values = {name: getattr(leaver, name) for name in services.PERSON_FIELDS}
    response = client.post(
        url("person_edit", world, leaver.pk),
        {**values, "email": "tillbaka@example.se", "version": leaver.version},
    )
    assert response.status_code == 403
    with pytest.raises(PermissionDenied):
        services.person_update(
            person=leaver,
            expected_version=leaver.version,
            by=root,
            **{**values, "email": "tillbaka@example.se"},
        )
    assert every_row() == rows


def test_history_keeps_no_change_that_says_nothing(world, leaver):
    services.person_anonymise(person=leaver, expected_version=leaver.version, by=world.admin)
    for entry in HistoryEntry.objects.for_object(leaver):
        for name, change in entry.changes.items():
            if isinstance(change, dict) and {"before", "after"} <= change.keys():
                assert change["before"] != change["after"], (entry.action, name)


def test_an_anonymised_person_is_given_no_role(world, leaver):
    """The unit page lists only active people; a crafted request must not slip one through."""
    services.person_anonymise(person=leaver, expected_version=leaver.version, by=world.admin)
    leaver.refresh_from_db()
    rows = every_row()
    with pytest.raises(ValidationError):
        services.role_grant(person=leaver, unit=world.unit_a, kind="reader", by=world.admin)
    assert every_row() == rows
