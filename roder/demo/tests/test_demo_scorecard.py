import html
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from roder.demo.personas import DEMO_PASSWORD
from roder.demo.scorecard import (
    COUNTY_SOURCE,
    G_CONDUCT,
    G_FEEDBACK,
    NYCKELTAL,
    SP_INTERIM,
    SP_TERTIAL1,
    UNIT_OUTCOMES,
)
from roder.followup.models import Assessment, Outcome, ReportStatus, UnitReport
from roder.followup.selectors import rollup, scorecard, todo_for
from roder.followup.visibility import Seen
from roder.indicators.models import ComparisonValue, Indicator, Light, Target
from roder.organisation.access import grants_for
from roder.organisation.models import Organisation, Unit
from roder.periods.models import PeriodKind, PeriodStatus, ReportingPeriod
from roder.planning.models import Goal

pytestmark = pytest.mark.django_db

VASBY = "upplands-vasby"
FEEDBACK = (
    "Kunden ska få återkoppling inom åtta timmar inom kontorstid via någon av våra digitala kanaler"
)
PHONE = "Servicegrad på telefon (andel inkommande samtal som besvaras inom 120 sek)"


def unit(code: str) -> Unit:
    return Unit.objects.get(organisation__slug=VASBY, code=code)


def period(kind: str, year: int = 2026) -> ReportingPeriod:
    return ReportingPeriod.objects.get(organisation__slug=VASBY, year=year, kind=kind)


def indicator(name: str) -> Indicator:
    return Indicator.objects.get(organisation__slug=VASBY, name=name)


def sp_rows(kind: str) -> list:
    _plan, _groups, statuses = scorecard(unit("SP"), period(kind), seen=Seen.everything())
    return [row for status in statuses.values() for row in status.rows]


def test_it_creates_every_seed_nyckeltal_owned_by_stod_och_process(demo):
    indicators = Indicator.objects.filter(organisation__slug=VASBY)
    assert indicators.count() == len(NYCKELTAL) == 21
    assert {i.owner.code for i in indicators} == {"SP"}
    names = set(indicators.values_list("name", flat=True))
    assert {
        "Servicegrad på telefon (andel inkommande samtal som besvaras inom 120 sek)",
        "Felanmälan via e-tjänst och app",
        "NKI",
        "Hållbart medarbetarindex (HME)",
        "Nöjd medarbetarindex (NMI)",
        "Kompetensutvecklingsplan per enhet",
        "Påskrivna överenskommelser",
        "Andel ärenden som avslutas i Väsby Direkt",
    } <= names
    servicegrad = indicator(PHONE)
    assert (servicegrad.measure, servicegrad.periodicity, servicegrad.aggregation) == (
        "percent",
        "tertial",
        "mean",
    )
    nmi = indicator("Nöjd medarbetarindex (NMI)")
    assert (nmi.measure, nmi.periodicity) == ("index", "year")
    resultat = indicator("Resultat")
    assert (resultat.measure, resultat.decimals, resultat.aggregation) == ("msek", 1, "sum")


def test_it_sets_the_seeds_2026_targets_for_stod_och_process(demo):
    expected = {
        PHONE: ("85", "82"),
        "Andel ärenden som avslutas i Väsby Direkt": ("72", "70"),
        "NKI": ("87", "84"),
        "Nöjd medarbetarindex (NMI)": ("82", "80"),
        "Andelen kunder som är nöjda med kvaliteten": ("70", "65"),
        "Påskrivna överenskommelser": ("100", "90"),
        "Bemötandeutbildning": ("85", "80"),
        "Lönekartläggning": ("1", None),
        "Resultat": ("0", "-0.5"),
    }
    for name, (value, yellow) in expected.items():
        target = Target.objects.get(indicator=indicator(name), unit=unit("SP"), year=2026)
        assert target.value == Decimal(value)
        assert target.yellow_limit == (Decimal(yellow) if yellow else None)
    for nyckeltal in NYCKELTAL:
        targets = Target.objects.filter(indicator__name=nyckeltal.name, unit=unit("SP"))
        assert {t.year: t.value for t in targets} == {
            year: Decimal(value) for year, value in nyckeltal.targets.items()
        }


def test_it_attaches_each_indicator_to_the_sp_goal_and_the_matching_au_goal(demo):
    for nyckeltal in NYCKELTAL:
        goals = {
            link.goal.plan.unit.code: link.goal
            for link in indicator(nyckeltal.name).goal_links.select_related("goal__plan__unit")
        }
        assert {"SP", "AU"} <= set(goals)
        assert goals["SP"].title == goals["AU"].title == nyckeltal.goal
        assert goals["AU"] in goals["SP"].contributes_to.all()


def test_it_keeps_the_county_averages_the_seed_gives(demo):
    comparisons = ComparisonValue.objects.filter(
        indicator__organisation__slug=VASBY, source=COUNTY_SOURCE
    )  # the others come from the demo's Kolada (roder/demo/kolada.py)
    assert {(c.indicator.name[:20], c.year, c.kind, c.value) for c in comparisons} == {
        ("Servicegrad på telef", 2025, "county", Decimal("85")),
        ("SKL webbmätning ”Inf", 2025, "county", Decimal("86")),
    }
    assert {c.source for c in comparisons} == {COUNTY_SOURCE}


def test_it_records_the_seeds_earlier_values_in_closed_year_end_periods(demo):
    for year in (2023, 2024, 2025):
        assert period(PeriodKind.YEAR_END, year).status == PeriodStatus.CLOSED
    nmi = Outcome.objects.filter(indicator=indicator("Nöjd medarbetarindex (NMI)"), unit=unit("SP"))
    assert {o.period.year: o.value for o in nmi} == {2024: Decimal("82"), 2025: Decimal("81")}
    rows = {row.indicator.name: row for row in sp_rows(PeriodKind.YEAR_END)}
    trend = rows[FEEDBACK].trend
    # The year-ends 2023–2025, then this year's periods up to the one shown (Tertial 1, Delår).
    assert [value for _name, value in trend] == [
        Decimal("98"),
        Decimal("94"),
        Decimal("94"),
        Decimal("96"),
        Decimal("93"),
    ]


def test_it_shows_on_the_sp_delar_scorecard_green_yellow_and_red_and_a_missing_outcome(demo):
    assert period(PeriodKind.INTERIM).status == PeriodStatus.OPEN
    rows = {row.indicator.name: row for row in sp_rows(PeriodKind.INTERIM)}
    assert len(rows) == 21
    lights = [row.light for row in rows.values()]
    assert {Light.GREEN, Light.YELLOW, Light.RED} <= set(lights)
    assert [lights.count(light) for light in ("green", "yellow", "red", "none")] == [4, 5, 1, 11]
    assert rows[PHONE].light == Light.RED
    missing = rows["Bemötandeutbildning"]
    assert missing.target is not None and missing.value is None and missing.light == Light.NONE
    assert missing.outcome.comment.startswith("Sammanställs")
    tertial_missing = [
        row for row in rows.values() if row.indicator.periodicity == "tertial" and row.value is None
    ]
    assert tertial_missing == [missing]


def test_it_closes_tertial_1_with_the_sp_report_approved(demo):
    tertial1 = period(PeriodKind.TERTIAL)
    assert tertial1.status == PeriodStatus.CLOSED
    reports = UnitReport.objects.filter(period=tertial1)
    assert {(r.unit.code, r.status) for r in reports} == {
        ("SP", ReportStatus.APPROVED),
        ("SP-VD", ReportStatus.APPROVED),
        ("SP-KOM", ReportStatus.APPROVED),
        ("SP-IT", ReportStatus.APPROVED),
    }
    assessed = Assessment.objects.filter(period=tertial1, goal__plan__unit__code="SP")
    assert assessed.count() == len(SP_TERTIAL1) == 12  # most of the 14 goals
    overridden = [a for a in assessed if a.overrides_proposal]
    assert [a.goal.title for a in overridden] == [G_CONDUCT]
    (override,) = overridden
    assert (override.proposed_level, override.level) == ("not_fulfilled", "partly")
    assert "Målvärdet avser helåret" in override.analysis
    assert all(a.analysis for a in assessed)


def test_it_leaves_the_delar_with_work_to_do(demo):
    interim = period(PeriodKind.INTERIM)
    assessed = Assessment.objects.filter(period=interim, goal__plan__unit__code="SP")
    assert 0 < assessed.count() == len(SP_INTERIM) < 14
    reports = UnitReport.objects.filter(period=interim)
    assert {(r.unit.code, r.status) for r in reports} == {
        ("SP", ReportStatus.SUBMITTED),  # readers see its figures, marked "inskickad"
        ("SP-VD", ReportStatus.DRAFT),
        ("SP-KOM", ReportStatus.SUBMITTED),
        ("SP-IT", ReportStatus.DRAFT),
    }
    rapportor = get_user_model().objects.get(username="rapportor")
    assert ("report", "SP-VD", interim.pk) in {
        (todo.kind, todo.unit.code, todo.period.pk) for todo in todo_for(rapportor)
    }


def test_it_rolls_up_the_au_goal_taking_the_offices_own_figure(demo):
    goal = Goal.objects.get(plan__unit__code="AU", plan__year=2026, title=G_FEEDBACK)
    admin = get_user_model().objects.get(username="admin")
    grants = grants_for(admin, Organisation.objects.get(slug=VASBY))
    contributors, aggregates = rollup(goal, period(PeriodKind.INTERIM), grants)
    assert {status.goal.plan.unit.code for status in contributors} == {"SP", "SP-VD"}
    feedback = {a.indicator.name: a for a in aggregates}[FEEDBACK]
    # Stöd & process reported its own figure, which stands for its units: none counted twice.
    assert [u.code for u, _value in feedback.contributing] == ["SP"]
    assert {u.code for u, why in feedback.excluded} == {"SP-VD", "SP-KOM", "SP-IT"}


def test_it_rolls_up_to_the_office_over_its_units_with_one_missing(demo):
    goal = Goal.objects.get(plan__unit__code="SP", plan__year=2026, title=G_FEEDBACK)
    admin = get_user_model().objects.get(username="admin")
    grants = grants_for(admin, Organisation.objects.get(slug=VASBY))
    _contributors, aggregates = rollup(goal, period(PeriodKind.INTERIM), grants)
    feedback = {a.indicator.name: a for a in aggregates}[FEEDBACK]
    assert {u.code for u, _value in feedback.contributing} == {"SP-KOM", "SP-IT"}
    assert [u.code for u in feedback.missing] == ["SP-VD"]
    assert feedback.value == (Decimal("90") + Decimal("95")) / 2
    assert UNIT_OUTCOMES["SP-VD"]["aterkoppling"][1] is None


def test_it_shows_the_sp_scorecard_to_the_controller(demo, client):
    assert client.login(username="controller", password=DEMO_PASSWORD)
    response = client.get(
        reverse("followup:scorecard", kwargs={"org": VASBY, "unit_pk": unit("SP").pk})
    )
    assert response.status_code == 200
    page = html.unescape(response.content.decode())
    for nyckeltal in NYCKELTAL:
        assert nyckeltal.name in page
    assert "Delårsrapport 2026" in page
