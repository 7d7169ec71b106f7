"""Survey indices as nyckeltal: an indicator linked to an index gets its outcome per unit when
a round closes (into the period its periodicity names), hidden groups give none, an approved
report gets a pending revision, and who may link."""

import datetime
import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse

from roder.followup.models import Outcome, OutcomeRevision
from roder.followup.testing import approve, make_indicator, report
from roder.indicators import sources
from roder.periods import services as period_services
from roder.periods.models import PeriodKind
from roder.periods.testing import make_period
from roder.surveys import nyckeltal, services
from roder.surveys.tests.test_results import answer, tree_round

pytestmark = pytest.mark.django_db

CLOSES = datetime.date(2026, 10, 31)
ANSWERED = datetime.date(2026, 10, 5)


def year_end(organisation, year=2026, status="open"):
    return make_period(
        organisation,
        status=status,
        year=year,
        kind=PeriodKind.YEAR_END,
        name=f"Helår {year}",
        starts=datetime.date(year, 1, 1),
        ends=datetime.date(year, 12, 31),
    )


def linked(world, reference="hme/hme", **extra):
    indicator = make_indicator(
        world.committee, "HME totalt", measure="index", periodicity="year", **extra
    )
    nyckeltal.indicator_link(
        indicator=indicator, reference_=reference, expected_version=indicator.version, by=None
    )
    indicator.refresh_from_db()
    return indicator


def closed_round(world, *, small_b=False):
    round_ = tree_round(world, opens_on=datetime.date(2026, 10, 1), closes_on=CLOSES)
    answer(round_, world.administration, [5] * 5, today=ANSWERED)  # 100
    answer(round_, world.unit_a, [4] * 6, today=ANSWERED)  # 75
    answer(round_, world.unit_b, [2] * (2 if small_b else 5), today=ANSWERED)  # 25
    return round_


def outcomes(indicator):
    return {o.unit_id: o for o in Outcome.objects.filter(indicator=indicator)}


def test_closing_a_round_writes_the_index_for_every_unit_it_covers(world):
    period = year_end(world.organisation)
    indicator = linked(world)
    round_ = closed_round(world)
    services.round_close(round_=round_, by=world.manager)
    found = outcomes(indicator)
    # The committee (owner): everyone, (500 + 450 + 125) / 16 = 67.19 → 67.
    assert found[world.committee.pk].value == Decimal("67")
    assert found[world.committee.pk].count == 16
    assert found[world.administration.pk].value == Decimal("67")  # its branch, not its own 100
    assert found[world.unit_a.pk].value == Decimal("75")
    assert found[world.unit_b.pk].value == Decimal("25")
    outcome = found[world.unit_a.pk]
    assert outcome.period == period and outcome.source == "survey"
    assert outcome.vintage == CLOSES and outcome.count == 6
    assert "HME 2026" in outcome.comment and "6 svar" in outcome.comment


def test_a_hidden_group_gives_no_outcome(world):
    year_end(world.organisation)
    indicator = linked(world)
    services.round_close(round_=closed_round(world, small_b=True), by=None)
    found = outcomes(indicator)
    assert world.unit_b.pk not in found  # 2 answers
    assert world.unit_a.pk in found and world.administration.pk in found


def test_the_source_reads_the_latest_round_of_the_period(world):
    period = year_end(world.organisation)
    indicator = linked(world)
    round_ = closed_round(world)
    services.round_close(round_=round_, by=None)
    values = sources.get("survey").values(
        indicators=[indicator], units=[world.unit_a, world.municipality], period=period
    )  # the municipality is above the round's owner: not covered
    assert [(v.unit, v.value, v.count) for v in values] == [(world.unit_a, Decimal("75"), 6)]


def test_a_period_not_open_is_said_and_an_approved_report_gets_a_revision(world):
    year_end(world.organisation, status="planned")
    indicator = linked(world)
    round_ = closed_round(world)
    services.round_close(round_=round_, by=None)
    assert outcomes(indicator) == {}
    written, problems = nyckeltal.results_write(round_=round_, by=None)
    assert written == 0 and "Helår 2026" in problems[0]


def test_a_new_value_for_an_approved_report_becomes_a_revision(world):
    period = year_end(world.organisation)
    indicator = linked(world)
    round_ = closed_round(world)
    services.round_close(round_=round_, by=None)
    approve(world.unit_a, period)
    Outcome.objects.filter(indicator=indicator, unit=world.unit_a).update(value=Decimal("70"))
    nyckeltal.results_write(round_=round_, by=None)
    assert Outcome.objects.get(indicator=indicator, unit=world.unit_a).value == Decimal("70")
    assert OutcomeRevision.objects.filter(indicator=indicator, unit=world.unit_a).exists()


def test_a_tertial_indicator_goes_into_the_tertial_of_the_closing_day(world):
    tertial = make_period(
        world.organisation,
        name="Tertial 3 2026",
        starts=datetime.date(2026, 9, 1),
        ends=datetime.date(2026, 12, 31),
    )
    year_end(world.organisation)
    indicator = linked(world, reference="hme/hme_styrning")
    indicator.periodicity = "tertial"
    indicator.save(update_fields=["periodicity"])
    services.round_close(round_=closed_round(world), by=None)
    assert {o.period for o in Outcome.objects.filter(indicator=indicator)} == {tertial}


def test_only_an_index_of_the_organisations_questionnaires_may_be_linked(world):
    indicator = make_indicator(world.committee, "HME")
    with pytest.raises(Exception, match="enkätindex"):
        nyckeltal.indicator_link(
            indicator=indicator, reference_="hme/nonsense", expected_version=1, by=None
        )
    indicator.refresh_from_db()
    assert indicator.source == "manual"


def test_the_indicator_page_links_and_the_sibling_may_not(world, client_for):
    indicator = make_indicator(world.unit_a, "HME Enhet A", measure="index", periodicity="year")
    page = reverse("indicators:detail", args=[world.organisation.slug, indicator.pk])
    link = reverse("surveys:indicator_link", args=[world.organisation.slug, indicator.pk])
    html = client_for(world.controller).get(page).content.decode()
    assert "Enkätindex" in html and 'value="hme/hme"' in html
    data = {"index": "hme/hme", "version": indicator.version}
    assert client_for(world.outsider).post(link, data).status_code == 404
    assert client_for(world.reader).post(link, data).status_code == 403
    client_for(world.controller).post(link, data)
    indicator.refresh_from_db()
    assert (indicator.source, indicator.source_reference) == ("survey", "hme/hme")
    reader_html = client_for(world.reader).get(page).content.decode()
    assert "HME" in reader_html and "<select" not in reader_html.split("Enkätindex")[1]


def test_the_owner_writes_again_and_others_may_not(world, client_for):
    year_end(world.organisation)
    indicator = linked(world)
    round_ = closed_round(world)
    services.round_close(round_=round_, by=None)
    Outcome.objects.filter(indicator=indicator).delete()
    url = reverse("surveys:round_nyckeltal", args=[world.organisation.slug, round_.pk])
    assert client_for(world.outsider).post(url).status_code == 404
    assert client_for(world.manager).post(url).status_code == 404  # Enhet A's, not the owner
    page = client_for(world.controller).post(url, follow=True)
    assert "4 utfall skrivna från omgången" in page.content.decode()
    assert len(outcomes(indicator)) == 4


def test_an_outcome_a_person_entered_is_never_overwritten(world):
    period = year_end(world.organisation)
    indicator = linked(world)
    report(indicator, world.unit_a, period, "60")  # typed by hand, before the round closed
    round_ = closed_round(world)
    services.round_close(round_=round_, by=None)
    assert outcomes(indicator)[world.unit_a.pk].value == Decimal("60")
    written, problems = nyckeltal.results_write(round_=round_, by=None)
    assert outcomes(indicator)[world.unit_a.pk].value == Decimal("60")
    assert written == 3  # the committee, the administration and Enhet B
    assert any("Enhet A" in problem and "lämnas som det är" in problem for problem in problems)


def test_the_daily_task_writes_what_was_missing_once_the_period_opens(world):
    period = year_end(world.organisation, status="planned")
    indicator = linked(world)
    services.round_close(round_=closed_round(world), by=None)
    assert outcomes(indicator) == {}
    period_services.period_set_status(
        period=period, status="open", expected_version=period.version, by=None
    )
    call_command("surveys_close_ended", stdout=io.StringIO())
    assert outcomes(indicator)[world.unit_a.pk].value == Decimal("75")
    before = {pk: o.version for pk, o in outcomes(indicator).items()}
    call_command("surveys_close_ended", stdout=io.StringIO())  # idempotent
    assert {pk: o.version for pk, o in outcomes(indicator).items()} == before
