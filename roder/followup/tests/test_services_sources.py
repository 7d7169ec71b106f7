"""outcome_write, the one way every indicator source writes outcomes: provenance, versions,
locks, history, and the pending revisions a controller accepts or rejects."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from roder.core.models import HistoryEntry
from roder.core.services import ConcurrentEditError, GridRow
from roder.followup import services
from roder.followup.models import Outcome, OutcomeRevision, RevisionStatus
from roder.followup.testing import approve, make_indicator
from roder.indicators import sources
from roder.periods import services as period_services
from roder.periods.testing import make_period

pytestmark = pytest.mark.django_db

PUBLISHED = datetime.date(2026, 5, 2)


@pytest.fixture(autouse=True)
def english():
    """The new messages are asserted in English: their Swedish is merged into the catalogue
    separately."""
    with translation.override("en"):
        yield


@pytest.fixture
def survey(monkeypatch):
    """A connected survey source (the survey app is not there yet)."""
    source = sources.IndicatorSource(key="survey", label="Enkät")
    monkeypatch.setitem(sources._registry, "survey", source)
    return source


@pytest.fixture
def setup(world):
    return {
        "indicator": make_indicator(world.unit_a, "Nöjd kund-index"),
        "period": make_period(world.organisation),
    }


def write(setup, unit, value, **extra):
    return services.outcome_write(
        indicator=setup["indicator"],
        unit=unit,
        period=setup["period"],
        value=None if value is None else Decimal(value),
        by=extra.pop("by", None),
        **extra,
    )


def close(period):
    period_services.period_set_status(
        period=period, status="closed", expected_version=period.version, by=None
    )
    period.refresh_from_db()


def history(model="outcome"):
    return HistoryEntry.objects.filter(content_type__model=model).order_by("pk")


def test_it_writes_an_outcome_with_its_source_vintage_and_count(world, setup, survey):
    outcome = write(
        setup, world.unit_a, "67", source="survey", vintage=PUBLISHED, count=134, by=None
    )
    assert (outcome.value, outcome.source, outcome.vintage, outcome.count) == (
        Decimal("67"),
        "survey",
        PUBLISHED,
        134,
    )
    changes = history().get().changes
    assert changes["source"] == {"before": None, "after": "Enkät"}
    assert changes["vintage"]["after"] == "2026-05-02"
    assert changes["count"]["after"] == 134
    assert outcome.provenance == "Source: Enkät, figure dated 2026-05-02, 134 answers or cases"


def test_entry_by_hand_is_the_default_source(world, setup):
    outcome = write(setup, world.unit_a, "80", by=world.reporter)
    assert (outcome.source, outcome.vintage, outcome.count) == ("manual", None, None)
    assert outcome.entered_by == world.reporter


def test_a_stale_version_is_refused_and_an_unchanged_value_not_written(world, setup):
    outcome = write(setup, world.unit_a, "80", expected_version=0)
    with pytest.raises(ConcurrentEditError):
        write(setup, world.unit_a, "81", expected_version=0)
    assert write(setup, world.unit_a, "80", expected_version=0) == outcome  # same: left alone
    write(setup, world.unit_a, "82", expected_version=1)
    assert Outcome.objects.get().value == 82
    assert history().count() == 2
    with pytest.raises(ConcurrentEditError):  # cleared by someone else meanwhile
        write(setup, world.unit_b, "1", expected_version=3)


def test_a_source_that_rereads_the_same_value_updates_only_its_vintage(world, setup, survey):
    write(setup, world.unit_a, "67", source="survey", vintage=PUBLISHED)
    later = PUBLISHED + datetime.timedelta(days=30)
    outcome = write(setup, world.unit_a, "67", source="survey", vintage=later)
    assert outcome.vintage == later
    assert history().last().changes == {
        "vintage": {"before": "2026-05-02", "after": later.isoformat()}
    }


def test_entry_by_hand_is_refused_in_a_closed_period_and_an_approved_report(world, setup):
    write(setup, world.unit_a, "80")
    write(setup, world.unit_b, "70")
    approve(world.unit_a, setup["period"])
    with pytest.raises(ValidationError, match="approved"):
        write(setup, world.unit_a, "81")
    write(setup, world.unit_b, "71")  # B's report is not approved
    close(setup["period"])
    with pytest.raises(ValidationError, match="not open"):
        write(setup, world.unit_b, "72")
    assert sorted(Outcome.objects.values_list("value", flat=True)) == [71, 80]
    assert not OutcomeRevision.objects.exists()


def test_the_grid_is_refused_for_an_approved_report(world, setup):
    write(setup, world.unit_a, "80")
    approve(world.unit_a, setup["period"])
    row = GridRow(key=setup["indicator"], values={"value": Decimal(90)}, version=1)
    with pytest.raises(ValidationError, match="approved"):
        services.outcomes_save(unit=world.unit_a, period=setup["period"], rows=[row], by=None)
    assert Outcome.objects.get().value == 80


def test_a_planned_period_refuses_every_source(world, setup, survey):
    planned = make_period(
        world.organisation, status="planned", ends=datetime.date(2026, 8, 31), kind="interim"
    )
    with pytest.raises(ValidationError, match="not open"):
        write(setup | {"period": planned}, world.unit_a, "67", source="survey")
    assert not Outcome.objects.exists() and not OutcomeRevision.objects.exists()


def test_a_source_that_cannot_fill_the_indicator_is_refused(world, setup):
    with pytest.raises(ValidationError, match="cannot fill"):
        write(setup, world.unit_a, "100", source="economy")  # a percentage is no amount
    with pytest.raises(ValidationError, match="Unknown source"):
        write(setup, world.unit_a, "100", source="horoscope")


@pytest.mark.parametrize("lock", ["approved", "closed"])
def test_a_sources_new_value_for_a_locked_outcome_waits_as_a_revision(world, setup, survey, lock):
    write(setup, world.unit_a, "67", source="survey", vintage=PUBLISHED, count=100)
    approve(world.unit_a, setup["period"]) if lock == "approved" else close(setup["period"])
    revision = write(setup, world.unit_a, "69", source="survey", vintage=PUBLISHED, count=120)
    assert isinstance(revision, OutcomeRevision)
    assert (revision.value, revision.count, revision.status) == (Decimal(69), 120, "pending")
    assert Outcome.objects.get().value == 67  # unchanged until a controller accepts
    again = write(setup, world.unit_a, "70", source="survey", vintage=PUBLISHED, count=125)
    assert again.pk == revision.pk and again.version == 2 and again.value == 70
    assert OutcomeRevision.objects.count() == 1
    assert [e.action for e in history("outcomerevision")] == ["create", "update"]


def test_a_sources_value_equal_to_the_locked_outcome_is_no_revision(world, setup, survey):
    write(setup, world.unit_a, "67", source="survey")
    close(setup["period"])
    assert write(setup, world.unit_a, "67", source="survey", vintage=PUBLISHED) is None
    assert not OutcomeRevision.objects.exists()


def pending(world, setup, survey_value="69"):
    write(setup, world.unit_a, "67", by=world.reporter)
    approve(world.unit_a, setup["period"])
    return write(setup, world.unit_a, survey_value, source="survey", vintage=PUBLISHED, count=9)


def test_accepting_a_revision_changes_the_outcome_with_history(world, setup, survey):
    revision = pending(world, setup)
    outcome = services.revision_accept(
        revision=revision, expected_version=1, outcome_version=1, by=world.controller
    )
    assert (outcome.value, outcome.source, outcome.vintage, outcome.count) == (
        Decimal(69),
        "survey",
        PUBLISHED,
        9,
    )
    revision.refresh_from_db()
    assert (revision.status, revision.decided_by) == ("accepted", world.controller)
    entry = history().last()
    assert (entry.actor, entry.unit) == (world.controller, world.unit_a)
    assert entry.changes["value"] == {"before": "67", "after": "69"}
    assert history("outcomerevision").last().changes["status"]["after"] == "Accepted"


def test_rejecting_a_revision_needs_a_reason_and_keeps_the_outcome(world, setup, survey):
    revision = pending(world, setup)
    with pytest.raises(ValidationError):
        services.revision_reject(revision=revision, expected_version=1, reason=" ", by=None)
    services.revision_reject(
        revision=revision, expected_version=1, reason="Fel urval", by=world.controller
    )
    revision.refresh_from_db()
    assert (revision.status, revision.reason) == (RevisionStatus.REJECTED, "Fel urval")
    assert Outcome.objects.get().value == 67
    with pytest.raises(ValidationError, match="already"):
        services.revision_accept(revision=revision, expected_version=2, by=world.controller)


def test_a_stale_revision_or_outcome_refuses_the_decision(world, setup, survey):
    revision = pending(world, setup)
    write(setup, world.unit_a, "70", source="survey")  # the source read again: version 2
    with pytest.raises(ConcurrentEditError):
        services.revision_accept(revision=revision, expected_version=1, by=world.controller)
    revision.refresh_from_db()
    with pytest.raises(ConcurrentEditError):  # the controller saw no outcome; there is one
        services.revision_accept(
            revision=revision, expected_version=2, outcome_version=0, by=world.controller
        )
    revision.refresh_from_db()
    assert revision.status == "pending"
    assert Outcome.objects.get().value == 67
