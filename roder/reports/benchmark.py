"""Timings of document production: Stöd & process of the demo, and a generated administration
of 200 units. Used by `manage.py benchmark_documents` (in roder/demo, which loads the demo
first); never by tests."""

import datetime
import statistics
import time

from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

from roder.documents import kinds
from roder.documents.models import Format
from roder.documents.services import build_document, render
from roder.followup import benchmark as followup_benchmark
from roder.followup.models import Outcome
from roder.organisation.access import Grants
from roder.organisation.models import Organisation, Unit
from roder.periods.models import PeriodKind, PeriodStatus, ReportingPeriod


def generated_administration(units: int, *, slug: str, progress=print):
    """An organisation of `units` units with plans, goals and indicator series (the follow-up
    benchmark's generator), plus a closed tertial holding every unit's outcomes."""
    organisation = Organisation.objects.filter(slug=slug).first()
    if organisation is None:
        size = followup_benchmark.Size(units=units, goals_per_unit=10, series_per_unit=10, years=2)
        followup_benchmark.build(size, slug=slug, progress=progress)
        organisation = Organisation.objects.get(slug=slug)
        _tertial(organisation)
    root = Unit.objects.get(organisation=organisation, parent=None)
    period = ReportingPeriod.objects.get(organisation=organisation, kind=PeriodKind.TERTIAL)
    return root, period


def _tertial(organisation) -> None:
    last = ReportingPeriod.objects.filter(organisation=organisation).order_by("-ends").first()
    assert last is not None  # the demo has periods
    year = last.year
    tertial = ReportingPeriod.objects.create(
        organisation=organisation,
        year=year,
        kind=PeriodKind.TERTIAL,
        name=f"Tertial 1 {year}",
        starts=datetime.date(year, 1, 1),
        ends=datetime.date(year, 4, 30),
        status=PeriodStatus.CLOSED,
    )
    april = ReportingPeriod.objects.get(organisation=organisation, name=f"{year}-04")
    Outcome.objects.bulk_create(
        Outcome(indicator_id=o.indicator_id, unit_id=o.unit_id, period=tertial, value=o.value)
        for o in Outcome.objects.filter(period=april).only("indicator_id", "unit_id", "value")
    )


def installation_administrator(organisation) -> Grants:
    """Whom the benchmark builds for: an installation administrator, who reads everything
    (an unsaved person: the benchmark writes nothing about them)."""
    person = get_user_model()(username="benchmark", first_name="Benchmark", is_superuser=True)
    return Grants(user=person, organisation=organisation)


def time_document(*, kind, unit, year, period, runs: int) -> list[dict]:
    """Median build and render times per format, with the build's query count."""
    builds: list[float] = []
    renders: dict[str, list[float]] = {fmt: [] for fmt in Format.values}
    sizes, queries = {}, 0
    grants = installation_administrator(unit.organisation)
    for _ in range(runs):
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as captured:
            document = build_document(kind=kind, unit=unit, year=year, period=period, grants=grants)
        builds.append(time.perf_counter() - started)
        queries = len(captured)
        for fmt in Format.values:
            started = time.perf_counter()
            content = render(document, fmt)
            renders[fmt].append(time.perf_counter() - started)
            sizes[fmt] = len(content)
    build_ms = statistics.median(builds) * 1000
    return [
        {
            "document": kinds.label(kind),
            "unit": unit.name,
            "format": fmt,
            "queries": queries,
            "build_ms": build_ms,
            "render_ms": statistics.median(renders[fmt]) * 1000,
            "kb": sizes[fmt] / 1024,
        }
        for fmt in Format.values
    ]
