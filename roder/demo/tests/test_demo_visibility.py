"""Who sees what in the demo, per persona: the reader `lasare` (reader on KF) sees approved and
submitted figures only; Väsby Direkt's reporter and manager see its drafts; the controller of
KS sees the drafts below it; a sibling unit's manager does not see Väsby Direkt's drafts."""

import html

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import translation

from roder.demo.personas import DEMO_PASSWORD
from roder.demo.scorecard import G_FEEDBACK
from roder.documents.services import build_document
from roder.followup.models import Outcome, ReportStatus
from roder.followup.selectors import rollup, scorecard
from roder.followup.visibility import Seen, mark_label
from roder.organisation import services as organisation_services
from roder.organisation.access import grants_for
from roder.organisation.models import Organisation, Unit
from roder.periods.models import PeriodKind, ReportingPeriod
from roder.planning.models import Goal
from roder.testing import make_person

pytestmark = pytest.mark.django_db

VASBY = "upplands-vasby"


def unit(code: str) -> Unit:
    return Unit.objects.get(organisation__slug=VASBY, code=code)


def period(kind: str) -> ReportingPeriod:
    return ReportingPeriod.objects.get(organisation__slug=VASBY, year=2026, kind=kind)


def grants(username: str):
    person = get_user_model().objects.get(username=username)
    return grants_for(person, Organisation.objects.get(slug=VASBY))


def values(code: str, kind: str, username: str) -> dict:
    """{indicator name: (value, mark)} on the unit's scorecard as the person sees it."""
    _plan, _groups, statuses = scorecard(
        unit(code), period(kind), seen=Seen.for_grants(grants(username))
    )
    return {
        row.indicator.name: (row.value, row.mark)
        for status in statuses.values()
        for row in status.rows
        if row.outcome is not None
    }


@pytest.fixture
def grannchef(demo):
    """The manager of Kommunikationsenheten, a sibling of Väsby Direkt, who reads the whole
    municipality as every employee does."""
    organisation = Organisation.objects.get(slug=VASBY)
    person = make_person(organisation, "grannchef", role="unit_manager", unit=unit("SP-KOM"))
    organisation_services.role_grant(person=person, unit=unit("KF"), kind="reader", by=None)
    return person


def test_the_reader_sees_no_draft_of_the_open_delar(demo):
    assert values("SP-VD", PeriodKind.INTERIM, "lasare") == {}


def test_the_reader_sees_the_submitted_delar_of_the_office_marked(demo):
    seen = values("SP", PeriodKind.INTERIM, "lasare")
    assert len(seen) > 10
    assert all(mark == ReportStatus.SUBMITTED for _value, mark in seen.values())


def test_the_reader_sees_the_approved_tertial_1_unmarked(demo):
    seen = values("SP-VD", PeriodKind.TERTIAL, "lasare")
    assert seen and all(mark == "" for _value, mark in seen.values())
    assert len(values("SP", PeriodKind.TERTIAL, "lasare")) > 10


def test_the_reader_keeps_the_trend_of_the_approved_year_ends(demo):
    year_ends = Outcome.objects.filter(
        unit__organisation__slug=VASBY, period__kind=PeriodKind.YEAR_END, period__year__lt=2026
    )
    seen = Seen.for_grants(grants("lasare")).outcomes(year_ends)
    assert year_ends.count() > 0 and seen.count() == year_ends.count()


def test_the_readers_rollup_counts_the_submitted_unit_only(demo):
    goal = Goal.objects.get(plan__unit__code="SP", plan__year=2026, title=G_FEEDBACK)
    _contributors, aggregates = rollup(goal, period(PeriodKind.INTERIM), grants("lasare"))
    (feedback,) = [a for a in aggregates if a.indicator.name.startswith("Kunden ska få")]
    assert [(u.code, mark) for u, _value, mark in feedback.figures] == [
        ("SP-KOM", mark_label(ReportStatus.SUBMITTED))
    ]
    # Väsby Direkt follows the indicator up and has not submitted; IT-enheten, without a plan,
    # is not listed: its draft figure is not there for the reader.
    assert [u.code for u in feedback.missing] == ["SP-VD"]


@pytest.mark.parametrize("username", ["rapportor", "enhetschef", "controller", "admin"])
def test_vasby_direkts_people_and_those_above_see_its_drafts(demo, username):
    seen = values("SP-VD", PeriodKind.INTERIM, username)
    assert seen and all(mark == ReportStatus.DRAFT for _value, mark in seen.values())


def test_the_controller_sees_the_offices_drafts(demo):
    assert len(values("SP", PeriodKind.INTERIM, "controller")) > 10


def test_a_sibling_units_manager_sees_its_own_drafts_not_vasby_direkts(grannchef):
    assert values("SP-VD", PeriodKind.INTERIM, "grannchef") == {}
    goal = Goal.objects.get(plan__unit__code="SP", plan__year=2026, title=G_FEEDBACK)
    _contributors, aggregates = rollup(goal, period(PeriodKind.INTERIM), grants("grannchef"))
    (feedback,) = [a for a in aggregates if a.indicator.name.startswith("Kunden ska få")]
    assert {u.code for u, _value in feedback.contributing} == {"SP-KOM"}


@pytest.mark.parametrize(
    ("username", "shown"), [("lasare", False), ("rapportor", True), ("controller", True)]
)
def test_the_scorecard_page_follows_the_rule(demo, client, username, shown):
    assert client.login(username=username, password=DEMO_PASSWORD)
    response = client.get(
        reverse("followup:scorecard", kwargs={"org": VASBY, "unit_pk": unit("SP-VD").pk}),
        {"period": period(PeriodKind.INTERIM).pk},
    )
    assert response.status_code == 200
    page = html.unescape(response.content.decode())
    assert ('class="report-mark"' in page) is shown
    assert ("79\u00a0%" in page or "79 %" in page) is shown  # Väsby Direkt's servicegrad


def test_the_delar_document_rests_on_approved_reports_and_names_the_rest(demo):
    with translation.override("en"):
        document = build_document(
            kind="interim",
            unit=unit("SP"),
            year=2026,
            period=period(PeriodKind.INTERIM),
            grants=grants("controller"),
        )
    notice = document.cover_text
    assert "The document rests on approved reports only." in notice
    for name in (unit("SP").name, unit("SP-VD").name, unit("SP-KOM").name):
        assert name in notice
    statuses = [block for block in document.blocks if getattr(block, "kind", "") == "status"]
    assert statuses and all(status.light == "none" for status in statuses)  # nothing approved
