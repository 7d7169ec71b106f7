import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from roder.core.models import HistoryEntry
from roder.core.services import ConcurrentEditError
from roder.organisation import services
from roder.organisation.models import Role, Unit
from roder.testing import make_organisation, make_person, make_unit

pytestmark = pytest.mark.django_db
DAY = datetime.date(2026, 6, 30)


def test_it_keeps_the_path_from_the_root(world):
    assert world.unit_a.path == f"{world.administration.path}{world.unit_a.pk}/"
    assert world.unit_a.depth == 3
    assert world.unit_a.ancestor_ids == [
        world.municipality.pk,
        world.committee.pk,
        world.administration.pk,
    ]


def test_it_records_who_created_a_unit(world):
    unit = make_unit(world.unit_a, "A1", "Grupp 1", by=world.admin)
    entry = HistoryEntry.objects.get(unit=unit)
    assert entry.action == "create"
    assert entry.actor == world.admin
    assert entry.changes["name"] == {"before": None, "after": "Grupp 1"}
    assert entry.changes["parent"]["after"] == "Enhet A"


def test_it_refuses_a_code_already_used_in_the_organisation(world):
    before = Unit.objects.count()
    with pytest.raises(ValidationError) as error:
        make_unit(world.unit_a, "b", "Enhet B igen")
    assert "code" in error.value.error_dict
    assert Unit.objects.count() == before


def test_it_allows_the_same_code_in_another_organisation(world):
    other = make_organisation("Grannkommun", "grannkommun")
    root = Unit.objects.get(organisation=other, parent=None)
    assert make_unit(root, "A", "Enhet A i grannkommunen").code == "A"


def test_it_refuses_a_unit_that_starts_before_its_parent(world):
    with pytest.raises(ValidationError) as error:
        make_unit(world.unit_a, "X", "Tidig", valid_from=datetime.date(2010, 1, 1))
    assert "valid_from" in error.value.error_dict


def test_it_refuses_an_end_before_the_start(world):
    with pytest.raises(ValidationError):
        make_unit(world.unit_a, "X", "Baklänges", valid_to=datetime.date(2019, 1, 1))
    assert not Unit.objects.filter(code="X").exists()


def test_it_refuses_a_unit_that_outlives_its_ended_parent(world):
    services.unit_deactivate(unit=world.unit_a, last_day=DAY, expected_version=1, by=None)
    world.unit_a.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        make_unit(world.unit_a, "X", "För länge")
    assert "valid_to" in error.value.error_dict


def test_it_updates_a_unit_and_records_before_and_after(world):
    services.unit_update(
        unit=world.unit_a,
        expected_version=world.unit_a.version,
        kind="unit",
        code="A",
        name="Enhet Alfa",
        valid_from=world.unit_a.valid_from,
        valid_to=None,
        by=world.admin,
    )
    entry = HistoryEntry.objects.filter(unit=world.unit_a, action="update").get()
    assert entry.changes == {"name": {"before": "Enhet A", "after": "Enhet Alfa"}}


def test_it_refuses_to_overwrite_a_concurrent_edit(world):
    stale = world.unit_a.version
    services.unit_update(
        unit=Unit.objects.get(pk=world.unit_a.pk),
        expected_version=stale,
        kind="unit",
        code="A",
        name="Först",
        valid_from=world.unit_a.valid_from,
        valid_to=None,
        by=world.admin,
    )
    with pytest.raises(ConcurrentEditError):
        services.unit_update(
            unit=Unit.objects.get(pk=world.unit_a.pk),
            expected_version=stale,
            kind="unit",
            code="A",
            name="Sedan",
            valid_from=world.unit_a.valid_from,
            valid_to=None,
            by=world.admin,
        )
    assert Unit.objects.get(pk=world.unit_a.pk).name == "Först"


def test_it_refuses_to_end_a_unit_before_its_children_end(world):
    with pytest.raises(ValidationError) as error:
        services.unit_update(
            unit=world.administration,
            expected_version=world.administration.version,
            kind="administration",
            code="FV",
            name="Förvaltningen",
            valid_from=world.administration.valid_from,
            valid_to=DAY,
            by=None,
        )
    assert "valid_to" in error.value.error_dict


def test_it_moves_a_unit_with_its_branch(world):
    child = make_unit(world.unit_b, "B1", "Grupp B1")
    services.unit_move(
        unit=world.unit_b, new_parent=world.unit_a, expected_version=world.unit_b.version, by=None
    )
    child.refresh_from_db()
    assert child.path == f"{world.unit_a.path}{world.unit_b.pk}/{child.pk}/"
    assert child.depth == 5
    entry = HistoryEntry.objects.get(unit=world.unit_b, action="move")
    assert entry.changes["parent"] == {"before": "Förvaltningen", "after": "Enhet A"}


def test_it_refuses_to_move_a_unit_under_its_own_branch(world):
    path_before = world.committee.path
    with pytest.raises(ValidationError):
        services.unit_move(
            unit=world.committee,
            new_parent=world.unit_a,
            expected_version=world.committee.version,
            by=None,
        )
    with pytest.raises(ValidationError):
        services.unit_move(
            unit=world.committee,
            new_parent=world.committee,
            expected_version=world.committee.version,
            by=None,
        )
    world.committee.refresh_from_db()
    assert world.committee.path == path_before
    assert world.committee.parent == world.municipality


def test_it_refuses_to_move_a_unit_into_another_organisation(world):
    other = make_organisation("Grannkommun", "grannkommun")
    with pytest.raises(ValidationError):
        services.unit_move(
            unit=world.unit_a,
            new_parent=Unit.objects.get(organisation=other, parent=None),
            expected_version=world.unit_a.version,
            by=None,
        )


def test_it_deactivates_the_whole_branch_and_keeps_the_old_tree(world):
    ended = services.unit_deactivate(
        unit=world.administration, last_day=DAY, expected_version=1, by=world.admin
    )
    assert ended == 3
    assert set(
        Unit.objects.valid_on(DAY + datetime.timedelta(days=1)).values_list("code", flat=True)
    ) == {"K", "KS"}
    assert Unit.objects.valid_on(DAY).count() == 5
    assert HistoryEntry.objects.filter(action="deactivate").count() == 3


def test_it_refuses_to_deactivate_the_top_unit(world):
    with pytest.raises(ValidationError):
        services.unit_deactivate(unit=world.municipality, last_day=DAY, expected_version=1, by=None)


def test_it_refuses_a_role_on_a_unit_of_another_organisation(world):
    other = make_organisation("Grannkommun", "grannkommun")
    stranger = make_person(other, "stranger")
    with pytest.raises(ValidationError) as error:
        services.role_grant(person=stranger, unit=world.unit_a, kind="reader", by=world.admin)
    assert "annan organisation" in str(error.value) or "another organisation" in str(error.value)
    assert not Role.objects.filter(person=stranger).exists()


def test_it_refuses_the_same_role_twice(world):
    with pytest.raises(ValidationError):
        services.role_grant(person=world.manager, unit=world.unit_a, kind="unit_manager", by=None)
    assert Role.objects.filter(person=world.manager).count() == 1


def test_it_records_granting_and_revoking_a_role(world):
    role = services.role_grant(
        person=world.reader, unit=world.unit_b, kind="reporter", by=world.admin
    )
    services.role_revoke(role=role, by=world.admin)
    actions = list(
        HistoryEntry.objects.filter(unit=world.unit_b, person=world.reader)
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == ["grant", "revoke"]
    assert not Role.objects.filter(pk=role.pk).exists()


def test_it_invites_a_new_person_by_email(world):
    person = services.person_create(
        organisation=world.organisation,
        username="nyanstalld",
        first_name="Nina",
        last_name="Ny",
        email="nina@example.se",
        invite_base_url="https://roder.example.se/",
        by=world.admin,
    )
    assert not person.has_usable_password()
    assert len(mail.outbox) == 1
    assert "https://roder.example.se/accounts/reset/" in mail.outbox[0].body
    assert list(HistoryEntry.objects.filter(person=person).values_list("action", flat=True)) == [
        "create",
        "invite",
    ]


def test_it_refuses_an_invitation_without_email(world):
    with pytest.raises(ValidationError):
        services.person_create(
            organisation=world.organisation,
            username="utanepost",
            first_name="Utan",
            last_name="Epost",
            email="",
            invite_base_url="https://roder.example.se/",
            by=world.admin,
        )
    assert not world.organisation.people.filter(username="utanepost").exists()


def test_it_refuses_to_deactivate_ones_own_account(world):
    with pytest.raises(ValidationError):
        services.person_update(
            person=world.admin,
            expected_version=world.admin.version,
            by=world.admin,
            username="admin",
            first_name="A",
            last_name="B",
            email="",
            title="",
            is_active=False,
        )


def test_it_records_settings_changes(world):
    services.organisation_update(
        organisation=world.organisation,
        expected_version=world.organisation.version,
        by=world.admin,
        name="Testkommun",
        slug="testkommun",
        municipality_code="0114",
        fiscal_year_start_month=1,
    )
    entry = HistoryEntry.objects.for_object(world.organisation).get(action="update")
    assert entry.changes == {"municipality_code": {"before": "", "after": "0114"}}
