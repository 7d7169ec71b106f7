"""A generated large municipality and timings of the follow-up pages against their bare SQL.

Used by `manage.py benchmark_followup`; never by tests (speed is measured, not asserted).
"""

import datetime
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import connection
from django.http import HttpResponse
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from roder.core.db import analyse
from roder.followup import map_views, views
from roder.followup.models import Outcome
from roder.indicators.models import GoalIndicator, Indicator, Target
from roder.organisation import services as org_services
from roder.organisation.models import Unit
from roder.periods.models import PeriodKind, PeriodStatus, ReportingPeriod
from roder.planning.models import Goal, GoalLink, Plan

BATCH = 5000


@dataclass
class Size:
    units: int = 1000
    goals_per_unit: int = 10
    series_per_unit: int = 30
    years: int = 5


def build(size: Size, *, slug: str, progress=print) -> dict:
    """Organisation `slug` with ~size.units units in four levels, plans and goals for every year,
    indicator series per unit and monthly outcomes for every year. Bulk inserts throughout."""
    organisation = org_services.organisation_create(
        name=f"Benchmark {slug}", slug=slug, root_code="B", by=None
    )
    root = Unit.objects.get(organisation=organisation, parent=None)
    units = _tree(root, size.units)
    progress(f"units: {len(units)}")
    first_year = datetime.date.today().year - size.years + 1
    years = list(range(first_year, first_year + size.years))
    periods = _periods(organisation, years)
    progress(f"periods: {len(periods)}")
    indicators = Indicator.objects.bulk_create(
        Indicator(
            organisation=organisation,
            owner=root,
            name=f"Nyckeltal {n}",
            measure="percent",
            periodicity="month",
            aggregation="mean",
        )
        for n in range(size.series_per_unit)
    )
    goals_total = 0
    for year in years:
        goals_total += _plans_and_goals(units, year, size, indicators)
    progress(f"goals: {goals_total}")
    outcomes = _outcomes(units, indicators, periods)
    progress(f"outcomes: {outcomes}")
    analyse()  # as autovacuum would before anyone reads the pages
    return {
        "organisation": organisation,
        "units": len(units),
        "goals": goals_total,
        "series": len(units) * len(indicators),
        "outcomes": outcomes,
        "period": periods[-1],
    }


def _tree(root: Unit, count: int) -> list[Unit]:
    """Root → 10 committees → 10 administrations each → units under them, until `count`."""
    levels, made = [[root]], [root]
    fanout = [10, 10, max(1, (count - 111) // 100 + 1)]
    for depth, per_parent in enumerate(fanout, start=1):
        children: list[Unit] = []
        for parent in levels[-1]:
            for n in range(per_parent):
                if len(made) + len(children) >= count:
                    break
                children.append(
                    Unit(
                        organisation=root.organisation,
                        parent=parent,
                        kind="unit",
                        code=f"{parent.code}.{n}",
                        name=f"Enhet {parent.code}.{n}",
                        valid_from=root.valid_from,
                        depth=depth,
                    )
                )
        Unit.objects.bulk_create(children, batch_size=BATCH)
        children = list(Unit.objects.filter(organisation=root.organisation, depth=depth))
        by_pk = {u.pk: u for u in levels[-1]}
        for child in children:
            assert child.parent_id is not None  # every unit below the root has a parent
            child.path = f"{by_pk[child.parent_id].path}{child.pk}/"
        Unit.objects.bulk_update(children, ["path"], batch_size=BATCH)
        levels.append(children)
        made += children
    return made


def _periods(organisation, years) -> list[ReportingPeriod]:
    periods = [
        ReportingPeriod(
            organisation=organisation,
            year=year,
            kind=PeriodKind.MONTH,
            name=f"{year}-{month:02d}",
            starts=datetime.date(year, month, 1),
            ends=datetime.date(year, month, 28),
            status=PeriodStatus.CLOSED,
        )
        for year in years
        for month in range(1, 13)
    ]
    ReportingPeriod.objects.bulk_create(periods)
    return list(ReportingPeriod.objects.filter(organisation=organisation).order_by("ends"))


def _plans_and_goals(units, year, size: Size, indicators) -> int:
    Plan.objects.bulk_create(
        (Plan(unit=u, year=year, title=f"Plan {year}") for u in units), batch_size=BATCH
    )
    plans = {p.unit_id: p for p in Plan.objects.filter(unit__in=units, year=year)}
    Goal.objects.bulk_create(
        (
            Goal(plan=plans[u.pk], kind="goal", title=f"Mål {n}", order=n)
            for u in units
            for n in range(size.goals_per_unit)
        ),
        batch_size=BATCH,
    )
    goals = list(Goal.objects.filter(plan__year=year, plan__unit__in=units).select_related("plan"))
    first_goal: dict[int, Goal] = {}
    for goal in goals:
        first_goal.setdefault(goal.plan.unit_id, goal)
    parent_of = {u.pk: u.parent_id for u in units}
    GoalLink.objects.bulk_create(
        (
            GoalLink(goal=g, target=first_goal[parent_of[g.plan.unit_id]])
            for g in goals
            if parent_of[g.plan.unit_id] in first_goal
        ),
        batch_size=BATCH,
    )
    per_goal = max(1, len(indicators) // size.goals_per_unit)
    GoalIndicator.objects.bulk_create(
        (
            GoalIndicator(goal=g, indicator=indicators[(g.order * per_goal + k) % len(indicators)])
            for g in goals
            for k in range(per_goal)
        ),
        batch_size=BATCH,
        ignore_conflicts=True,
    )
    Target.objects.bulk_create(
        (
            Target(indicator=i, unit=u, year=year, value=Decimal(80), yellow_limit=Decimal(70))
            for u in units
            for i in indicators
        ),
        batch_size=BATCH,
    )
    return len(goals)


def _outcomes(units, indicators, periods) -> int:
    total = 0
    for period in periods:
        rows = [
            Outcome(
                indicator=i,
                unit=u,
                period=period,
                value=Decimal(50 + (u.pk * 7 + i.pk * 3 + period.pk) % 50),
            )
            for u in units
            for i in indicators
        ]
        Outcome.objects.bulk_create(rows, batch_size=BATCH)
        total += len(rows)
    return total


def time_pages(organisation, period, *, runs: int = 5) -> list[dict]:
    """Median time of each page (view and template) and of replaying its SQL alone."""
    user, _created = get_user_model().objects.get_or_create(
        username="benchmark-superuser", defaults={"is_superuser": True, "is_active": False}
    )
    administration = Unit.objects.filter(organisation=organisation, depth=2).first()
    leaf = Unit.objects.filter(organisation=organisation).order_by("-depth", "pk").first()
    assert administration is not None and leaf is not None  # make_tree built them
    cases: list[tuple[str, Callable[..., HttpResponse], dict[str, int]]] = [
        ("scorecard (leaf unit)", views.scorecard, {"unit_pk": leaf.pk}),
        ("scorecard (administration)", views.scorecard, {"unit_pk": administration.pk}),
        ("strategy map (whole municipality)", map_views.strategy_map_page, {}),
    ]
    goal = Goal.objects.filter(plan__unit=administration, plan__year=period.year).first()
    assert goal is not None  # every unit has goals
    cases.append(("roll-up (administration goal)", views.goal_rollup, {"goal_pk": goal.pk}))
    factory = RequestFactory()
    results = []
    for label, view, kwargs in cases:
        page, sql, queries = [], [], 0
        for _ in range(runs):
            request = factory.get("/", {"period": period.pk})
            request.user, request.session, request._messages = user, {}, []  # type: ignore[assignment,attr-defined]  # stand-ins: no session or messages middleware runs
            with CaptureQueriesContext(connection) as captured:
                start = time.perf_counter()
                response = view(request, org=organisation.slug, **kwargs)
                page.append(time.perf_counter() - start)
            assert response.status_code == 200, (label, response.status_code)
            queries = len(captured)
            sql.append(_replay(captured.captured_queries))
        results.append(
            {
                "page": label,
                "queries": queries,
                "page_ms": statistics.median(page) * 1000,
                "sql_ms": statistics.median(sql) * 1000,
                "bytes": len(response.content),
            }
        )
    return results


def _replay(queries) -> float:
    start = time.perf_counter()
    with connection.cursor() as cursor:
        for query in queries:
            cursor.execute(query["sql"])
            cursor.fetchall()
    return time.perf_counter() - start
