"""create_with_history and upsert_with_history: the writes most domain services share."""

import pytest

from roder.core.models import HistoryEntry
from roder.core.services import ConcurrentEditError, create_with_history, upsert_with_history
from roder.planning.models import PlanSection
from roder.planning.services import plan_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(world):
    return plan_create(unit=world.unit_a, year=2026, by=world.admin)


def upsert(world, plan, *, body, expected_version, title="Extra"):
    return upsert_with_history(
        PlanSection,
        key={"plan": plan, "key": "extra"},
        values={"title": title, "body": body},
        expected_version=expected_version,
        by=world.manager,
        organisation=world.organisation,
        unit=plan.unit,
    )


def history(obj):
    return list(
        HistoryEntry.objects.for_object(obj).order_by("pk").values_list("action", "changes")
    )


def test_it_creates_with_a_history_entry_of_the_stored_values(world, plan):
    section = create_with_history(
        PlanSection,
        values={"plan": plan, "key": "x", "title": "Omvärld", "body": "Text"},
        fields=("title", "body"),
        by=world.manager,
        organisation=world.organisation,
        unit=plan.unit,
    )
    entry = HistoryEntry.objects.for_object(section).get()
    assert (entry.action, entry.unit, entry.actor) == ("create", plan.unit, world.manager)
    assert entry.changes == {
        "body": {"before": None, "after": "Text"},
        "title": {"before": None, "after": "Omvärld"},
    }


def test_it_creates_changes_and_clears_one_keyed_row_with_history(world, plan):
    section = upsert(world, plan, body="Ett", expected_version=0)
    assert section.version == 1
    section = upsert(world, plan, body="Två", expected_version=1)
    assert (section.version, PlanSection.objects.get(pk=section.pk).body) == (2, "Två")
    assert upsert(world, plan, body="", title="", expected_version=2) is None
    assert not PlanSection.objects.filter(key="extra").exists()
    actions = [action for action, _changes in history(section)]
    assert actions == ["create", "update", "update"]


def test_it_leaves_an_unchanged_row_alone(world, plan):
    section = upsert(world, plan, body="Ett", expected_version=0)
    assert upsert(world, plan, body="Ett", expected_version=1).version == 1
    assert len(history(section)) == 1


@pytest.mark.parametrize("shown", [0, 1])
def test_it_refuses_a_row_changed_or_created_since_the_form_was_shown(world, plan, shown):
    upsert(world, plan, body="Ett", expected_version=0)
    upsert(world, plan, body="Två", expected_version=1)
    with pytest.raises(ConcurrentEditError):
        upsert(world, plan, body="Tre", expected_version=shown)
    assert PlanSection.objects.get(key="extra").body == "Två"


def test_it_refuses_a_row_removed_since_the_form_was_shown(world, plan):
    with pytest.raises(ConcurrentEditError):
        upsert(world, plan, body="Ett", expected_version=3)


def test_a_write_from_no_form_writes_over_what_is_stored(world, plan):
    upsert(world, plan, body="Ett", expected_version=0)
    assert upsert(world, plan, body="Import", expected_version=None).version == 2


def test_a_row_kept_when_empty_stays_with_its_empty_values(world, plan):
    section = upsert(world, plan, body="Ett", expected_version=0)
    kept = upsert_with_history(
        PlanSection,
        key={"plan": plan, "key": "extra"},
        values={"body": ""},
        expected_version=1,
        clear=False,
        by=world.manager,
        organisation=world.organisation,
    )
    assert (kept.pk, kept.body, kept.version) == (section.pk, "", 2)
