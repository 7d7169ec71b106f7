"""The header's search (core.search, organisation:search): what it finds, for whom, how it folds
å, ä and ö on both databases, and what it costs."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from roder.actions.testing import make_action
from roder.core.db import analyse
from roder.core.search import clean_term, fold, matches
from roder.documents.models import DocumentRun
from roder.followup.testing import make_indicator
from roder.organisation.models import Unit
from roder.planning.models import Goal, Plan
from roder.planning.testing import YEAR, make_goal, make_plan
from roder.quality.testing import make_evaluation
from roder.testing import PERSONAS, add_units, make_unit

pytestmark = pytest.mark.django_db


def url(world) -> str:
    return reverse("organisation:search", kwargs={"org": world.organisation.slug})


def found(client, world, term, **extra) -> str:
    response = client.get(url(world), {"q": term, **extra})
    assert response.status_code == 200
    return response.content.decode()


def names(queryset, term) -> set[str]:
    return set(matches(queryset, term, ["name"]).values_list("name", flat=True))


# --- folding ----------------------------------------------------------------------------------


def test_it_folds_swedish_capitals_on_this_database(world):
    make_unit(world.administration, "OF", "Överförmyndare")
    make_unit(world.administration, "AL", "Ålderdomshem")
    make_unit(world.administration, "AH", "Ärendehantering")
    units = Unit.objects.all()
    assert names(units, "ÖVER") == {"Överförmyndare"}
    assert names(units, "överFÖRMYNDARE") == {"Överförmyndare"}
    assert names(units, "ÅLDER") == {"Ålderdomshem"}
    assert names(units, "ärende") == {"Ärendehantering"}


def test_it_keeps_a_apart_from_a_ring_and_a_umlaut(world):
    for code, name in [("AL", "Ål"), ("AH", "Äng"), ("OB", "Öbo")]:
        make_unit(world.unit_b, code, name)
    units = Unit.objects.filter(parent=world.unit_b)
    assert names(units, "a") == set()
    assert names(units, "al") == set()
    assert names(units, "ang") == set()
    assert names(units, "ob") == set()
    assert names(units, "å") == {"Ål"}
    assert names(units, "Ä") == {"Äng"}
    assert names(units, "öB") == {"Öbo"}


def test_it_treats_like_wildcards_as_letters(world):
    make_unit(world.administration, "P", "Plan 100%")
    assert names(Unit.objects.all(), "%") == {"Plan 100%"}
    assert names(Unit.objects.all(), "_") == set()


def test_the_term_is_trimmed_and_cut():
    assert clean_term("  Väsby   Direkt ") == "Väsby Direkt"
    assert clean_term(None) == ""
    assert len(clean_term("x" * 500)) == 100
    assert fold("ÅÄÖ") == "åäö"


# --- what it finds, for whom ------------------------------------------------------------------


@pytest.fixture
def things(world):
    plan_a = make_plan(world.unit_a)
    plan_b = make_plan(world.unit_b)
    return {
        "goal_a": make_goal(plan_a, "Servicegraden ska öka", number="1.1"),
        "goal_b": make_goal(plan_b, "Servicegraden i B ska öka"),
        "indicator": make_indicator(world.unit_a, "Servicegrad på telefon"),
        "action_a": make_action(world.unit_a, "Ny växel för servicegraden"),
        "action_b": make_action(world.unit_b, "B:s servicegrad mäts"),
        "evaluation_a": make_evaluation(world.unit_a, title="Servicegradsgranskning A"),
    }


def test_it_finds_every_kind_by_name_and_code(world, client_for, things):
    page = found(client_for(world.admin), world, "SERVICEGRAD")
    for text in [
        "Servicegraden ska öka",
        "Servicegraden i B ska öka",
        "Servicegrad på telefon",
        "Ny växel för servicegraden",
        "Servicegradsgranskning A",
    ]:
        assert text in page
    goal = things["goal_a"]
    assert reverse("planning:goal_detail", kwargs={"org": "testkommun", "pk": goal.pk}) in page
    page = found(client_for(world.admin), world, "1.1")
    assert "Servicegraden ska öka" in page
    page = found(client_for(world.admin), world, "fv")  # a unit's code
    assert "Förvaltningen" in page


def test_the_outsider_finds_nothing_of_the_sibling_unit(world, client_for, things):
    page = found(client_for(world.outsider), world, "servicegrad")
    assert "Servicegraden i B ska öka" in page
    assert "B:s servicegrad mäts" in page
    assert "Servicegraden ska öka" not in page
    assert "Ny växel för servicegraden" not in page
    assert "Servicegradsgranskning A" not in page
    page = found(client_for(world.outsider), world, "enhet")
    assert "Enhet B" in page
    assert "Enhet A" not in page
    assert "Förvaltningen" not in found(client_for(world.outsider), world, "förvaltningen")


def test_the_manager_of_a_finds_a_only(world, client_for, things):
    page = found(client_for(world.manager), world, "servicegrad")
    assert "Servicegraden ska öka" in page
    assert "Servicegraden i B ska öka" not in page
    assert "B:s servicegrad mäts" not in page


def test_documents_are_the_persons_own_finished_files(world, client_for):
    def run(by, status, title):
        return DocumentRun.objects.create(
            organisation=world.organisation,
            unit=world.unit_a,
            kind="plan",
            format="pdf",
            year=YEAR,
            title=title,
            status=status,
            created_by=by,
        )

    run(world.reader, "done", "Läsarens verksamhetsplan")
    run(world.reader, "queued", "Läsarens kö")
    run(world.manager, "done", "Chefens verksamhetsplan")
    page = found(client_for(world.reader), world, "VERKSAMHETSPLAN")
    assert "Läsarens verksamhetsplan" in page
    assert "Chefens verksamhetsplan" not in page
    assert "Läsarens kö" not in found(client_for(world.reader), world, "kö")
    # The outsider does not see Enhet A: not even their own file of it is found any more.
    run(world.outsider, "done", "Gammal plan")
    assert "Gammal plan" not in found(client_for(world.outsider), world, "plan")


def test_it_shows_a_few_per_kind_and_more_on_asking(world, client_for):
    add_units(world.unit_a, 8)
    client = client_for(world.admin)
    page = found(client, world, "enhet a-")
    assert page.count("Enhet A-") == 5
    assert "(8)" in page
    assert 'class="search-more"' in page
    assert "kind=units" in page
    page = found(client, world, "enhet a-", kind="units")
    assert page.count("Enhet A-") == 8
    assert 'class="search-more"' not in page


def test_it_says_when_nothing_was_found(world, client_for):
    page = found(client_for(world.reader), world, "qwerty")
    assert "qwerty" in page
    assert 'role="status"' in page


def test_an_empty_search_shows_the_form(world, client_for):
    page = found(client_for(world.reader), world, "  ")
    assert 'id="search-page-q"' in page


@pytest.mark.parametrize("person", PERSONAS)
def test_the_header_has_the_search_field_on_organisation_pages(world, client_for, person):
    client = client_for(getattr(world, person))
    page = client.get(reverse("organisation:tree", kwargs={"org": "testkommun"})).content.decode()
    assert 'role="search"' in page
    assert url(world) in page


def test_strangers_get_no_search(world, client, client_for):
    response = client.get(url(world), {"q": "enhet"})
    assert response.status_code == 302
    assert "/login/" in response["Location"] or "login" in response["Location"]
    other = make_unit(world.unit_b, "X", "X")  # noqa: F841 (a unit, no role)
    assert client_for(world.outsider).post(url(world), {"q": "x"}).status_code == 405


# --- what it costs -----------------------------------------------------------------------------


def grow(parent, count: int) -> None:
    units = add_units(parent, count)
    Plan.objects.bulk_create(Plan(unit=u, year=YEAR, title=f"Plan {u.code}") for u in units)
    plans = Plan.objects.filter(unit__in=units)
    Goal.objects.bulk_create(Goal(plan=p, kind="goal", title=f"Enhetens mål {p.pk}") for p in plans)
    analyse()


@pytest.mark.parametrize("person", ["admin", "controller", "reader", "outsider"])
def test_it_costs_the_same_for_10_and_1000_units(world, client_for, person):
    client = client_for(getattr(world, person))

    def cost(params) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url(world), params).status_code == 200
        return len(captured)

    grow(world.unit_a, 10)
    small, small_kind = cost({"q": "enhet"}), cost({"q": "enhet", "kind": "goals"})
    grow(world.unit_b, 990)
    assert cost({"q": "enhet"}) == small
    assert cost({"q": "enhet", "kind": "goals"}) == small_kind
