"""The demo's surveys from the seeds: Serviceförvaltningen's customer survey 2009–2011 imported
as results (seed 001's figures), the NKI indicator linked to it, and Nämndsekretariatet's
work-environment checklist answered as a round (seed 000)."""

import pytest
from django.urls import reverse

from roder.indicators.models import Indicator
from roder.surveys.models import SurveyRound
from roder.surveys.selectors import round_results

pytestmark = pytest.mark.django_db


def _index(group, code):
    return next(r.value for i, r in group.indices if i.code == code)


def test_the_customer_survey_is_imported_with_the_seeds_figures(demo):
    rounds = SurveyRound.objects.filter(
        organisation__slug="stockholm", questionnaire__code="kundenkat"
    ).exclude(imported_from="")
    assert sorted(r.closes_on.year for r in rounds) == [2009, 2010, 2011]
    latest = round_results(rounds.get(closes_on__year=2011))
    assert (_index(latest.total, "bemotande"), _index(latest.total, "effektivitet")) == (86, 84)
    [whole] = latest.total.questions
    assert whole.imported.share_positive * 100 == 82
    [line] = [y for y in latest.years if y.code == "tillganglighet"]
    assert [v for _r, _g, v in line.values] == [72, 81, 79]
    nki = SurveyRound.objects.filter(organisation__slug="stockholm", questionnaire__code="nki")
    assert [(r.closes_on.year, _index(round_results(r).total, "nki")) for r in nki] == [
        (2011, 67),
        (2010, 67),
    ]


def test_the_nki_indicator_is_linked_not_given_the_figures_twice(demo):
    indicator = Indicator.objects.get(organisation__slug="stockholm", name="Nöjd-Kund-Index (NKI)")
    assert (indicator.source, indicator.source_reference) == ("survey", "nki/nki")
    assert sorted(o.value for o in indicator.outcomes.all()) == [67, 67]


def test_the_results_page_says_the_figures_are_imported(demo, client):
    round_ = SurveyRound.objects.get(questionnaire__code="kundenkat", closes_on__year=2010)
    client.login(username="ekonomichef", password="demo")
    page = client.get(
        reverse("surveys:round_results", kwargs={"org": "stockholm", "pk": round_.pk})
    ).content.decode()
    assert "Importerat från Serviceförvaltningens kundenkät" in page


def test_namndsekretariatet_answered_the_work_environment_checklist(demo):
    round_ = SurveyRound.objects.get(questionnaire__code="arbetsmiljo-checklista")
    assert (round_.owner_unit.code, round_.status) == ("TK-STAB-NS", "closed")
    results = round_results(round_)
    assert results.total.respondents == 6 and results.total.shown
