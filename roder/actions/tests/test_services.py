import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from roder.actions import selectors, services
from roder.actions.models import Action, ActionNote, ActionStatus
from roder.actions.testing import days, make_action
from roder.core.models import HistoryEntry
from roder.core.services import ConcurrentEditError
from roder.organisation.access import grants_for
from roder.planning.testing import make_goal, make_plan
from roder.testing import make_organisation, make_person, make_unit

pytestmark = pytest.mark.django_db


def action_entries():
    """History about actions and notes (the world's own set-up leaves entries too)."""
    return HistoryEntry.objects.filter(content_type__app_label="actions")


@pytest.fixture
def goals(world):
    """A goal of unit A, one of the committee above it, and one of the sibling unit B."""
    return {
        "own": make_goal(make_plan(world.unit_a), "Svar inom 8 timmar"),
        "above": make_goal(make_plan(world.committee), "Nöjda kunder"),
        "sibling": make_goal(make_plan(world.unit_b), "Enhet B:s mål"),
    }


def test_it_creates_an_action_with_goals_and_history(world, goals):
    action = services.action_create(
        unit=world.unit_a,
        title="  Ny rutin för klagomål ",
        responsible=world.reporter,
        starts=datetime.date(2026, 1, 1),
        due=datetime.date(2026, 6, 30),
        goals=[goals["own"], goals["above"]],
        by=world.manager,
    )
    assert action.title == "Ny rutin för klagomål"
    assert set(action.goals.all()) == {goals["own"], goals["above"]}
    entry = HistoryEntry.objects.for_object(action).get()
    assert (entry.action, entry.unit, entry.actor) == ("create", world.unit_a, world.manager)
    assert entry.changes["due"]["after"] == "2026-06-30"
    assert "Nöjda kunder" in entry.changes["goals"]["after"]


def test_it_refuses_a_due_date_before_the_start_and_writes_nothing(world):
    with pytest.raises(ValidationError) as error:
        make_action(
            world.unit_a,
            "Baklänges",
            starts=datetime.date(2026, 5, 1),
            due=datetime.date(2026, 4, 1),
        )
    assert "due" in error.value.error_dict
    assert not Action.objects.exists()
    assert not action_entries().exists()


def test_the_database_refuses_a_due_date_before_the_start(world):
    with pytest.raises(IntegrityError), transaction.atomic():
        Action.objects.create(
            unit=world.unit_a,
            title="Förbi tjänsten",
            starts=datetime.date(2026, 5, 1),
            due=datetime.date(2026, 4, 1),
        )


def test_it_allows_start_and_due_on_the_same_day_or_missing(world):
    make_action(world.unit_a, "Samma dag", starts=days(0), due=days(0))
    make_action(world.unit_a, "Bara slutdatum", due=days(3))
    make_action(world.unit_a, "Inga datum")
    assert Action.objects.count() == 3


def test_it_refuses_a_responsible_person_from_another_organisation(world):
    stranger = make_person(make_organisation("Grannkommun", "grannkommun"), "stranger")
    with pytest.raises(ValidationError) as error:
        make_action(world.unit_a, "Främmande", responsible=stranger)
    assert "responsible" in error.value.error_dict
    assert not Action.objects.exists()


def test_it_refuses_a_goal_of_another_organisation(world):
    other = make_organisation("Grannkommun", "grannkommun")
    foreign = make_goal(make_plan(make_unit(other.units.get(), "X", "Grannenhet")), "Deras mål")
    with pytest.raises(ValidationError) as error:
        make_action(world.unit_a, "Lånat mål", goals=[foreign])
    assert "goals" in error.value.error_dict
    assert not Action.objects.exists()


def test_it_refuses_a_goal_of_a_unit_that_is_not_above_the_action(world, goals):
    with pytest.raises(ValidationError) as error:
        make_action(world.unit_a, "Syskonets mål", goals=[goals["sibling"]])
    assert "goals" in error.value.error_dict
    assert not Action.objects.exists()
    assert not action_entries().exists()


def test_it_refuses_an_empty_title_and_an_unknown_status(world):
    with pytest.raises(ValidationError):
        make_action(world.unit_a, "   ")
    with pytest.raises(ValidationError):
        make_action(world.unit_a, "Okänd status", status="finished")
    assert not Action.objects.exists()


def test_it_updates_and_records_only_the_changed_fields(world, goals):
    action = make_action(world.unit_a, "Rutin", goals=[goals["own"]])
    services.action_update(
        action=action,
        expected_version=action.version,
        by=world.manager,
        title="Ny rutin",
        due=days(30),
        goals=[goals["above"]],
    )
    action.refresh_from_db()
    assert (action.title, action.due, action.version) == ("Ny rutin", days(30), 2)
    assert list(action.goals.all()) == [goals["above"]]
    entry = HistoryEntry.objects.for_object(action).filter(action="update").get()
    assert set(entry.changes) == {"title", "due", "goals"}
    assert entry.changes["goals"] == {"before": str(goals["own"]), "after": str(goals["above"])}
    assert entry.unit == world.unit_a


def test_it_refuses_a_stale_version_and_changes_nothing(world):
    action = make_action(world.unit_a, "Rutin")
    services.action_update(action=action, expected_version=1, by=None, title="Först")
    stale = Action.objects.get(pk=action.pk)
    with pytest.raises(ConcurrentEditError):
        services.action_update(action=stale, expected_version=1, by=None, title="Sist")
    assert Action.objects.get(pk=action.pk).title == "Först"


def test_an_update_with_bad_dates_writes_nothing(world):
    action = make_action(world.unit_a, "Rutin", starts=days(10), due=days(20))
    with pytest.raises(ValidationError):
        services.action_update(action=action, expected_version=1, by=None, due=days(5))
    action.refresh_from_db()
    assert (action.due, action.version) == (days(20), 1)
    assert HistoryEntry.objects.for_object(action).count() == 1  # the creation only


def test_it_moves_an_action_within_the_organisation_only(world):
    action = make_action(world.unit_a, "Flyttas")
    services.action_update(action=action, expected_version=1, by=None, unit=world.unit_b)
    assert Action.objects.get(pk=action.pk).unit == world.unit_b
    other = make_organisation("Grannkommun", "grannkommun")
    with pytest.raises(ValidationError) as error:
        services.action_update(action=action, expected_version=2, by=None, unit=other.units.get())
    assert "unit" in error.value.error_dict
    assert Action.objects.get(pk=action.pk).unit == world.unit_b


def test_a_move_keeps_only_goals_above_the_new_unit(world, goals):
    action = make_action(world.unit_a, "Flyttas", goals=[goals["own"]])
    with pytest.raises(ValidationError):
        services.action_update(
            action=action, expected_version=1, by=None, unit=world.unit_b, goals=[goals["own"]]
        )
    assert Action.objects.get(pk=action.pk).unit == world.unit_a


def test_it_sets_the_status_with_history(world):
    action = make_action(world.unit_a, "Rutin")
    services.action_set_status(
        action=action, status=ActionStatus.ONGOING, expected_version=1, by=world.reporter
    )
    assert Action.objects.get(pk=action.pk).status == "ongoing"
    entry = HistoryEntry.objects.for_object(action).filter(action="update").get()
    labels = str(ActionStatus.NOT_STARTED.label), str(ActionStatus.ONGOING.label)
    assert entry.changes == {"status": {"before": labels[0], "after": labels[1]}}
    assert (entry.actor, entry.unit) == (world.reporter, world.unit_a)


def test_the_same_status_again_writes_nothing(world):
    action = make_action(world.unit_a, "Rutin")
    services.action_set_status(action=action, status="not_started", expected_version=1, by=None)
    action.refresh_from_db()
    assert action.version == 1
    assert HistoryEntry.objects.for_object(action).count() == 1


def test_a_status_change_refuses_a_stale_version_and_an_unknown_status(world):
    action = make_action(world.unit_a, "Rutin")
    services.action_update(action=action, expected_version=1, by=None, title="Ändrad")
    stale = Action.objects.get(pk=action.pk)
    with pytest.raises(ConcurrentEditError):
        services.action_set_status(action=stale, status="done", expected_version=1, by=None)
    with pytest.raises(ValidationError):
        services.action_set_status(action=stale, status="finished", expected_version=2, by=None)
    assert Action.objects.get(pk=action.pk).status == "not_started"


def test_it_adds_a_dated_note_with_history_on_the_unit(world):
    action = make_action(world.unit_a, "Rutin")
    note = services.action_add_note(action=action, text=" Diskuterat på APT. ", by=world.reporter)
    assert (note.text, note.written_by) == ("Diskuterat på APT.", world.reporter)
    assert note.written_at is not None
    entry = HistoryEntry.objects.for_object(note).get()
    assert (entry.action, entry.unit) == ("create", world.unit_a)
    assert entry in list(selectors.action_history(action))


def test_it_refuses_an_empty_note(world):
    action = make_action(world.unit_a, "Rutin")
    with pytest.raises(ValidationError) as error:
        services.action_add_note(action=action, text="  \n ", by=world.reporter)
    assert "text" in error.value.error_dict
    assert not ActionNote.objects.exists()


@pytest.mark.parametrize(
    ("due", "status", "overdue"),
    [
        (-1, "ongoing", True),
        (-30, "not_started", True),
        (-1, "postponed", True),
        (0, "ongoing", False),
        (5, "ongoing", False),
        (-1, "done", False),
        (-1, "cancelled", False),
        (None, "ongoing", False),
    ],
)
def test_it_knows_when_an_action_is_overdue(world, due, status, overdue):
    action = make_action(
        world.unit_a, "Rutin", due=None if due is None else days(due), status=status
    )
    assert action.is_overdue is overdue
    assert Action.objects.overdue().filter(pk=action.pk).exists() is overdue


# --- selectors -----------------------------------------------------------------------------


@pytest.fixture
def spread(world):
    return {
        "a_late": make_action(world.unit_a, "A sen", due=days(-3), responsible=world.reporter),
        "a_soon": make_action(world.unit_a, "A snart", due=days(7), status="ongoing"),
        "a_done": make_action(world.unit_a, "A klar", due=days(-10), status="done"),
        "b": make_action(world.unit_b, "B", due=days(1), responsible=world.outsider),
        "top": make_action(world.committee, "Nämndens", due=days(60)),
    }


def titles(actions) -> set[str]:
    return {action.title for action in actions}


def test_it_lists_only_the_units_a_person_may_see(world, spread):
    def visible(person):
        return titles(selectors.actions_for(grants_for(person, world.organisation)))

    assert visible(world.admin) == titles(spread.values())
    assert visible(world.manager) == {"A sen", "A snart", "A klar"}
    assert visible(world.outsider) == {"B"}


def test_it_filters_by_unit_person_status_and_due_date(world, spread):
    grants = grants_for(world.admin, world.organisation)

    def pick(**filters):
        return titles(selectors.actions_for(grants, **filters))

    assert pick(unit=world.administration) == {"A sen", "A snart", "A klar", "B"}
    assert pick(unit=world.unit_b) == {"B"}
    assert pick(responsible=world.reporter) == {"A sen"}
    assert pick(responsible=world.outsider.pk) == {"B"}
    assert pick(status="ongoing") == {"A snart"}
    assert pick(status="open") == {"A sen", "A snart", "B", "Nämndens"}
    assert pick(due_before=days(1)) == {"A sen", "A klar", "B"}
    assert pick(overdue_only=True) == {"A sen"}
    assert pick(open_only=True, unit=world.unit_a) == {"A sen", "A snart"}


def test_it_lists_by_due_date_with_undated_actions_last(world):
    make_action(world.unit_a, "Odaterad")
    make_action(world.unit_a, "Senare", due=days(9))
    make_action(world.unit_a, "Tidigare", due=days(2))
    grants = grants_for(world.admin, world.organisation)
    order = [action.title for action in selectors.actions_for(grants)]
    assert order == ["Tidigare", "Senare", "Odaterad"]


def test_it_gives_the_latest_note_and_the_latest_notes(world):
    action = make_action(world.unit_a, "Rutin")
    for text in ["Första", "Andra", "Tredje", "Fjärde"]:
        services.action_add_note(action=action, text=text, by=world.reporter)
    grants = grants_for(world.admin, world.organisation)
    listed = selectors.with_latest_notes(selectors.actions_for(grants)).get()
    assert listed.latest_note == "Fjärde"
    assert [note.text for note in listed.latest_notes] == ["Fjärde", "Tredje", "Andra"]


def test_it_finds_the_actions_serving_a_goal(world, goals):
    serving = make_action(world.unit_a, "Tjänar", goals=[goals["above"]])
    make_action(world.unit_a, "Annat")
    assert list(selectors.actions_for_goal(goals["above"])) == [serving]
    outsider = grants_for(world.outsider, world.organisation)
    assert list(selectors.actions_for_goal(goals["above"], grants=outsider)) == []


def test_it_offers_goals_of_the_unit_and_above_only(world, goals):
    offered = set(selectors.goal_candidates(world.unit_a))
    assert offered == {goals["own"], goals["above"]}
