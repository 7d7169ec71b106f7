"""The strategy map as levels of cards: what a card says, unfolding a branch (a link, and the
fragment htmx fetches), the filters, a goal that contributes to several goals, and the map as
a document."""

import re

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from roder.core.tables import LIGHT_COLOURS
from roder.documents import kinds
from roder.documents.blocks import Tree
from roder.documents.services import build_document
from roder.followup import services
from roder.followup.testing import follow_up, make_indicator, report
from roder.organisation.access import grants_for
from roder.periods.testing import make_period
from roder.planning.services import goal_link
from roder.planning.testing import make_categories, make_goal, make_plan
from roder.testing import PERSONAS

pytestmark = pytest.mark.django_db


def url(name, **params):
    return reverse(f"followup:{name}", kwargs={"org": "testkommun"})


@pytest.fixture
def tree(world):
    """Kommunstyrelsen's goal ← the administration's two goals ← Enhet A's goal, which knyter
    an till both; Enhet A's indicator is on target (90 against 85) and reported."""
    period = make_period(world.organisation)
    categories = make_categories(world.organisation)
    committee = make_goal(make_plan(world.committee), "Nöjda invånare")
    first = make_goal(
        make_plan(world.administration), "Snabb service", category=categories["focus"]
    )
    second = make_goal(world.administration.plans.get(), "God tillgänglighet")
    unit_goal = make_goal(make_plan(world.unit_a), "Svar inom en dag", category=categories["focus"])
    for goal in (first, second):
        goal_link(goal=goal, target=committee, by=None)
        goal_link(goal=unit_goal, target=goal, by=None)
    indicator = make_indicator(world.unit_a, "Svar inom 8 timmar")
    follow_up(unit_goal, indicator, target="85", yellow="80")
    report(indicator, world.unit_a, period, "90")
    return {
        "period": period,
        "committee": committee,
        "first": first,
        "second": second,
        "unit_goal": unit_goal,
        "categories": categories,
    }


def page(client, **params):
    response = client.get(url("strategy_map"), params)
    assert response.status_code == 200
    return response


@pytest.mark.parametrize("persona", PERSONAS)
def test_everyone_with_a_role_sees_the_map_of_what_they_may_see(world, client_for, persona, tree):
    response = page(client_for(world.personas[persona]), period=tree["period"].pk)
    text = response.content.decode()
    # Roles hold downwards: Enhet A's people see their unit's goal, at the top of their map.
    above_a = persona in {"admin", "controller", "reader"}
    assert ("Nöjda invånare" in text) == above_a
    assert ("Svar inom en dag" in text) == (persona in {"manager", "reporter"})
    assert ('class="smap-tree"' in text) == (persona != "outsider")


def test_it_opens_down_to_the_administration_and_folds_the_units(world, client_for, tree):
    client = client_for(world.admin)
    text = page(client, period=tree["period"].pk).content.decode()
    assert "Snabb service" in text and "God tillgänglighet" in text
    assert "Svar inom en dag" not in text
    # The folded branch: a real link to the page with it unfolded, and the fragment for htmx.
    path = f"{tree['committee'].pk}-{tree['first'].pk}"
    link = re.search(r'<a class="smap-open" href="([^"]+)" hx-get="([^"]+)"[^>]*>', text)
    assert link, text
    href, hx_get = (value.replace("&amp;", "&") for value in link.groups())
    assert f"open={tree['first'].pk}" in href and f"path={path}" in hx_get
    unfolded = client.get(href).content.decode()
    assert "Svar inom en dag" in unfolded
    assert unfolded.count("<ul") == unfolded.count("</ul>")


def test_a_card_shows_status_judgement_and_indicators_on_target(world, client_for, tree):
    client = client_for(world.admin)
    response = page(client, period=tree["period"].pk, open=tree["first"].pk)
    nodes = {
        (node.goal.pk, node.parent.pk if node.parent else None): node
        for node in response.context["map"]
    }
    unit_card = nodes[(tree["unit_goal"].pk, tree["first"].pk)]
    assert unit_card.status.light == "green"
    assert (unit_card.on_target, unit_card.indicators) == (1, 1)
    # The committee's goal has no assessment and no indicator of its own: it is proposed from
    # below (fulfilled through its two contributing goals), never grey.
    committee = nodes[(tree["committee"].pk, None)]
    assert committee.status.is_proposal and committee.status.light == "green"
    text = response.content.decode()
    with translation.override("sv"):
        assert "Uppfyllt" in text
    assert "2 av 2 bidragande mål uppfyllda" in text or "2 of 2 contributing goals" in text
    # An assessment replaces the proposal on the card.
    services.assessment_record(
        goal=tree["first"],
        period=tree["period"],
        level="partly",
        analysis="Delvis i år.",
        by=world.admin,
    )
    text = page(client, period=tree["period"].pk).content.decode()
    assert "Delvis i år." in text


def test_a_goal_under_two_goals_appears_under_each_as_the_same_goal(world, client_for, tree):
    client = client_for(world.admin)
    opened = [tree["first"].pk, tree["second"].pk]
    response = page(client, period=tree["period"].pk, open=opened)
    appearances = [node for node in response.context["map"] if node.goal == tree["unit_goal"]]
    assert [node.parent for node in appearances] == [tree["first"], tree["second"]]
    full, again = appearances
    assert full.same_as is None and full.others == [tree["second"]]
    assert again.same_as == tree["first"]
    text = response.content.decode()
    assert f'id="{full.anchor}"' in text and f'id="{again.anchor}"' in text
    assert f"#{full.anchor}" in again.same_url
    assert again.same_url.replace("&", "&amp;") in text
    # Unfolded only under the second goal, the link unfolds the first to reach the full card.
    response = page(client, period=tree["period"].pk, open=tree["second"].pk)
    (again,) = [node for node in response.context["map"] if node.goal == tree["unit_goal"]]
    target = client.get(again.same_url.split("#")[0]).content.decode()
    assert f'id="{full.anchor}"' in target


def test_the_branch_fragment_answers_htmx_and_sends_people_to_the_page(world, client_for, tree):
    client = client_for(world.admin)
    path = f"{tree['committee'].pk}-{tree['first'].pk}"
    params = {"period": tree["period"].pk, "path": path, "open": tree["second"].pk}
    current = "http://testserver" + url("strategy_map") + f"?period={tree['period'].pk}&open=777"
    response = client.get(
        url("strategy_branch"), params, headers={"HX-Request": "true", "HX-Current-URL": current}
    )
    assert response.status_code == 200
    fragment = response.content.decode().strip()
    assert fragment.startswith(f'<details class="smap-kids" id="kids-{path}"')
    assert "<html" not in fragment and "site-header" not in fragment
    assert "Svar inom en dag" in fragment
    assert "hx-request" in response["Vary"].lower()
    # The address pushed is the page's, with what was unfolded there and this branch.
    pushed = response["HX-Push-Url"]
    assert pushed.startswith(url("strategy_map") + "?")
    assert all(f"open={pk}" in pushed for pk in (777, tree["second"].pk, tree["first"].pk))
    # Without htmx (a bookmark, no JavaScript) the branch is the page with it unfolded.
    plain = client.get(url("strategy_branch"), params)
    assert plain.status_code == 200
    assert "site-header" in plain.content.decode() and "Svar inom en dag" in plain.content.decode()
    assert "hx-request" in plain["Vary"].lower()
    # A path that is not a chain of links, or reaches a goal the person may not see: 404.
    wrong = {**params, "path": f"{tree['first'].pk}-{tree['committee'].pk}"}
    htmx = {"HX-Request": "true"}
    assert client.get(url("strategy_branch"), wrong, headers=htmx).status_code == 404
    outsider = client_for(world.outsider)
    assert outsider.get(url("strategy_branch"), params, headers=htmx).status_code == 404


def test_the_filters_narrow_the_map_to_a_category_and_a_unit(world, client_for, tree):
    client = client_for(world.controller)
    focus = tree["categories"]["focus"]
    response = page(client, period=tree["period"].pk, category=focus.pk, open=tree["first"].pk)
    shown = {node.goal for node in response.context["map"]}
    assert shown == {tree["first"], tree["unit_goal"]}
    # The main category takes in its sub-areas.
    response = page(client, period=tree["period"].pk, category=tree["categories"]["customer"].pk)
    assert tree["first"] in {node.goal for node in response.context["map"]}
    response = page(client, period=tree["period"].pk, unit=world.unit_a.pk)
    assert [node.goal for node in response.context["map"]] == [tree["unit_goal"]]
    assert 'name="unit"' in response.content.decode()
    # A unit the person may not see, or another organisation's category: 404.
    outsider = client_for(world.outsider)
    assert outsider.get(url("strategy_map"), {"unit": world.unit_a.pk}).status_code == 404
    assert client.get(url("strategy_map"), {"category": 999999}).status_code == 404


def test_readers_see_only_submitted_or_approved_assessments(world, client_for, tree):
    services.assessment_record(
        goal=tree["unit_goal"],
        period=tree["period"],
        level="partly",
        analysis="Utkastets analys.",
        by=world.manager,
    )
    params = {"period": tree["period"].pk, "open": tree["first"].pk}
    assert "Utkastets analys." not in page(client_for(world.reader), **params).content.decode()
    assert "Utkastets analys." in page(client_for(world.manager), **params).content.decode()


def test_the_map_is_a_document_of_nested_cards(world, tree):
    document = build_document(
        kind="strategy_map",
        unit=world.committee,
        year=tree["period"].year,
        period=tree["period"],
        grants=grants_for(world.controller, world.organisation),
    )
    (cards,) = [block for block in document.blocks if isinstance(block, Tree)]
    titles = [(card.title, depth) for card, depth in cards.walk()]
    # Every level unfolded in the document; the shared goal under both its goals.
    assert ("Nöjda invånare", 0) in titles
    assert titles.count(("Svar inom en dag", 2)) == 2
    unit_card = next(card for card, _depth in cards.walk() if card.title == "Svar inom en dag")
    assert unit_card.light == "green" and unit_card.colour == LIGHT_COLOURS["green"]
    assert any("1" in line and "1" in line for line in unit_card.lines)
    assert gettext("Strategy map") in [str(k.label) for k in kinds.unit_kinds()]
