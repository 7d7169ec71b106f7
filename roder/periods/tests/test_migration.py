"""Moving ReportingPeriod from followup to periods keeps every row and every link.

The test migrates back to the migrations before the move, writes a period, a target, an outcome
and a history entry about the period with the historical models, migrates forward again and
reads them back through today's models.
"""

import datetime
from decimal import Decimal

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from roder.core.models import HistoryEntry
from roder.followup.models import Outcome
from roder.indicators.models import Target
from roder.periods.models import ReportingPeriod

# Each app's last migration before the move (main before periods existed).
BEFORE = [
    ("followup", "0004_outcome_provenance_revisions"),
    ("indicators", "0003_source_choices_from_registry"),
    ("control", "0001_initial"),
    ("economy", "0002_ledgerimport_tasks"),
    ("selfassessment", "0001_initial"),
    ("documents", "0002_run_language"),
    ("periods", None),
]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    return executor.migrate(targets).apps  # the state of every applied migration


def _latest():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def _write_before_the_move(apps) -> dict:
    organisation = apps.get_model("organisation", "Organisation").objects.create(
        name="Flyttkommun", slug="flyttkommun"
    )
    unit = apps.get_model("organisation", "Unit").objects.create(
        organisation=organisation, kind="council", code="KF", name="Fullmäktige", path="/"
    )
    period = apps.get_model("followup", "ReportingPeriod").objects.create(
        organisation=organisation,
        year=2026,
        kind="tertial",
        name="Tertial 1 2026",
        starts=datetime.date(2026, 1, 1),
        ends=datetime.date(2026, 4, 30),
        status="open",
    )
    indicator = apps.get_model("indicators", "Indicator").objects.create(
        organisation=organisation, owner=unit, name="Nöjda invånare", measure="percent"
    )
    target = apps.get_model("indicators", "Target").objects.create(
        indicator=indicator, unit=unit, year=2026, period=period, value=Decimal("80")
    )
    outcome = apps.get_model("followup", "Outcome").objects.create(
        indicator=indicator, unit=unit, period=period, value=Decimal("75")
    )
    content_type = apps.get_model("contenttypes", "ContentType").objects.get(
        app_label="followup", model="reportingperiod"
    )
    entry = apps.get_model("core", "HistoryEntry").objects.create(
        organisation=organisation,
        content_type=content_type,
        object_id=period.pk,
        object_repr=period.name,
        action="create",
        changes={"name": {"after": period.name}},
    )
    return {"period": period.pk, "target": target.pk, "outcome": outcome.pk, "entry": entry.pk}


@pytest.mark.django_db(transaction=True)
def test_it_moves_periods_without_losing_rows_or_links():
    latest = _latest()
    try:
        ContentType.objects.get_for_model(ReportingPeriod)  # as after any migrate
        written = _write_before_the_move(_migrate(BEFORE))
        _migrate(latest)
    finally:
        _migrate(latest)  # whatever happened, the database is today's again
        ContentType.objects.clear_cache()

    period = ReportingPeriod.objects.get(pk=written["period"])
    assert (period.name, period.status, period.organisation.slug) == (
        "Tertial 1 2026",
        "open",
        "flyttkommun",
    )
    assert Target.objects.get(pk=written["target"]).period == period
    assert Outcome.objects.get(pk=written["outcome"]).period == period
    assert period.outcomes.count() == 1 and period.targets.count() == 1
    # The period's history still shows on it: its content type moved with the model.
    assert list(HistoryEntry.objects.for_object(period).values_list("pk", flat=True)) == [
        written["entry"]
    ]
    assert not ContentType.objects.filter(app_label="followup", model="reportingperiod").exists()
