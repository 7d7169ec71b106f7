"""Allmänna utskottet's goals are proposed from the goals of Stöd & process below them."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from roder.demo.personas import DEMO_PASSWORD
from roder.demo.scorecard import AU_INTERIM, G_SERVICE
from roder.followup.models import Assessment, Level
from roder.followup.selectors import scorecard
from roder.followup.strategy_map import strategy_map
from roder.followup.visibility import Seen
from roder.organisation.access import grants_for
from roder.organisation.models import Organisation, Unit
from roder.periods.selectors import default_period

pytestmark = pytest.mark.django_db

VASBY = "upplands-vasby"


def committee_rows(username: str):
    organisation = Organisation.objects.get(slug=VASBY)
    grants = grants_for(get_user_model().objects.get(username=username), organisation)
    rows = strategy_map(grants, default_period(organisation))
    return [row for row in rows if row.goal.plan.unit.code == "AU"]


def test_the_committee_goals_are_proposed_from_below(demo):
    rows = committee_rows("controller")
    assert len(rows) >= 10
    levels = [row.status.level for row in rows]
    assert sum(level != Level.NOT_ASSESSABLE for level in levels) >= len(rows) // 2
    assert {Level.FULFILLED, Level.PARTLY} <= set(levels)
    assert all(row.status.proposal.contributions for row in rows)


def test_the_controller_confirmed_committee_goals(demo):
    rows = {row.goal.title: row.status for row in committee_rows("controller")}
    assert set(AU_INTERIM) <= set(rows)
    service = rows[G_SERVICE]
    assert not service.is_proposal
    assert service.assessment.assessed_by.username == "controller"
    assert service.assessment.level == service.assessment.proposed_level == Level.FULFILLED
    assert service.assessment.analysis
    assert Assessment.objects.filter(goal__plan__unit__code="AU").count() == len(AU_INTERIM)


def test_the_strategy_map_page_shows_proposals_on_the_committee(demo, client):
    assert client.login(username="controller", password=DEMO_PASSWORD)
    response = client.get(reverse("followup:strategy_map", kwargs={"org": VASBY}))
    assert response.status_code == 200
    au = [node for node in response.context["map"] if node.goal.plan.unit.code == "AU"]
    assert any(row.status.level != Level.NOT_ASSESSABLE for row in au)


def test_the_reader_sees_the_committee_proposed_from_what_was_submitted(demo):
    """Stöd & process has submitted its Delår report, Väsby Direkt has not: the reader sees
    Allmänna utskottet's goals proposed from the office's figures, and the reason names Väsby
    Direkt as not reported where its goals count."""
    rows = committee_rows("lasare")
    assert any(row.status.level != Level.NOT_ASSESSABLE for row in rows)
    organisation = Organisation.objects.get(slug=VASBY)
    reader = grants_for(get_user_model().objects.get(username="lasare"), organisation)
    office = Unit.objects.get(organisation=organisation, code="SP")
    _plan, _groups, statuses = scorecard(
        office, default_period(organisation), seen=Seen.for_grants(reader)
    )
    reasons = " ".join(status.proposal.reason for status in statuses.values())
    assert "Väsby Direkt har inte rapporterat" in reasons
    # The controller's confirmations are in Allmänna utskottet's own report, a draft: the
    # reader sees proposals there, not the drafts' assessments.
    assert all(row.status.is_proposal for row in rows)
