from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from roder.core.models import HistoryEntry
from roder.core.services import ConcurrentEditError
from roder.economy import services
from roder.economy.models import AccountCategory, BudgetLine
from roder.economy.testing import YEAR, install, put
from roder.followup import services as followup_services
from roder.followup.models import Outcome, OutcomeRevision
from roder.followup.testing import approve, make_indicator, report
from roder.indicators import sources
from roder.periods.testing import make_period
from roder.testing import make_organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(world):
    categories, activities = install(world.organisation)
    return {"c": categories, "a": activities, "period": make_period(world.organisation)}


def line_history():
    return HistoryEntry.objects.filter(content_type__model="budgetline")


# --- lines ---------------------------------------------------------------------------------


def test_it_records_a_line_with_history_on_the_unit(world, setup):
    line = put(world.unit_a, setup["c"]["K5"], "1250000", by=world.controller)
    assert (line.amount, line.kind, line.year, line.source) == (
        Decimal("1250000.00"),
        "budget",
        YEAR,
        "manual",
    )
    entry = line_history().get()
    assert (entry.action, entry.unit, entry.actor) == ("create", world.unit_a, world.controller)
    assert entry.changes["amount"] == {"before": None, "after": "1250000"}


def test_it_changes_and_removes_a_line_with_history(world, setup):
    category = setup["c"]["K5"]
    line = put(world.unit_a, category, 100)
    put(world.unit_a, category, 150, expected_version=line.version)
    line.refresh_from_db()
    assert (line.amount, line.version) == (150, 2)
    put(world.unit_a, category, None, expected_version=line.version)
    assert not BudgetLine.objects.exists()
    actions = list(line_history().order_by("pk").values_list("action", "changes"))
    assert [a for a, _c in actions] == ["create", "update", "update"]
    assert actions[1][1]["amount"] == {"before": "100", "after": "150"}
    assert actions[2][1]["amount"] == {"before": "150", "after": None}


def test_writing_the_same_amount_writes_nothing(world, setup):
    line = put(world.unit_a, setup["c"]["K5"], 100)
    put(world.unit_a, setup["c"]["K5"], "100.00")
    line.refresh_from_db()
    assert line.version == 1
    assert line_history().count() == 1


def test_one_key_one_line(world, setup):
    category, activity = setup["c"]["I6"], setup["a"]["14"]
    put(world.unit_a, category, 10)
    put(world.unit_a, category, 20)
    put(world.unit_a, category, 30, activity=activity)
    put(world.unit_a, category, 40, kind="outcome", period=setup["period"])
    put(world.unit_a, category, 50, kind="outcome")
    assert BudgetLine.objects.count() == 4
    assert BudgetLine.objects.get(activity=None, period=None, kind="budget").amount == 20


def test_a_column_override_equal_to_the_categorys_own_is_no_override(world, setup):
    category = setup["c"]["I6"]
    line = put(world.unit_a, category, 10, activity_column="sales_of_activity")
    assert line.activity_column == ""
    other = put(world.unit_a, category, 5, activity_column="other_income")
    assert other.activity_column == "other_income" and other.pk != line.pk


def bad_inputs(world, setup):
    stranger = install(make_organisation("Grannkommun", "grannkommun"))
    closed = make_period(
        world.organisation,
        status="closed",
        name="Helår",
        kind="year_end",
        ends=setup["period"].ends.replace(month=12, day=31),
    )
    inactive = setup["c"]["K1"]
    AccountCategory.objects.filter(pk=inactive.pk).update(is_active=False)
    inactive.refresh_from_db()
    c = setup["c"]
    return {
        "unknown kind": {"kind": "guess", "category": c["K5"]},
        "year out of range": {"year": 1999, "category": c["K5"]},
        "category of another organisation": {"category": stranger[0]["K5"]},
        "activity of another organisation": {"category": c["K5"], "activity": stranger[1]["14"]},
        "period of another year": {
            "category": c["K5"],
            "kind": "outcome",
            "year": YEAR + 1,
            "period": setup["period"],
        },
        "closed period": {"category": c["K5"], "kind": "outcome", "period": closed},
        "plan with a period": {"category": c["K5"], "kind": "plan", "period": setup["period"]},
        "category not in use": {"category": inactive},
        "income category in a cost column": {
            "category": c["I4"],
            "activity_column": "other_cost",
        },
        "amount too large": {"category": c["K5"], "amount": "1e15"},
    }


@pytest.mark.parametrize(
    "case",
    [
        "unknown kind",
        "year out of range",
        "category of another organisation",
        "activity of another organisation",
        "period of another year",
        "closed period",
        "plan with a period",
        "category not in use",
        "income category in a cost column",
        "amount too large",
    ],
)
def test_each_bad_input_is_refused_and_writes_nothing(world, setup, case):
    values = bad_inputs(world, setup)[case]
    amount = values.pop("amount", "100")
    with pytest.raises(ValidationError):
        put(world.unit_a, values.pop("category"), amount, **values)
    assert not BudgetLine.objects.exists()
    assert not line_history().exists()


def test_a_stale_form_is_refused(world, setup):
    category = setup["c"]["K5"]
    line = put(world.unit_a, category, 100)
    put(world.unit_a, category, 120)  # someone else
    with pytest.raises(ConcurrentEditError):
        put(world.unit_a, category, 150, expected_version=line.version)
    with pytest.raises(ConcurrentEditError):
        put(world.unit_a, category, None, expected_version=line.version)
    with pytest.raises(ConcurrentEditError):  # the form showed no line; someone added one
        put(world.unit_a, category, 150, expected_version=0)
    assert BudgetLine.objects.get().amount == 120


def test_an_entry_page_saves_every_row_or_none(world, setup):
    c = setup["c"]
    with pytest.raises(ValidationError):
        services.lines_save(
            unit=world.unit_a,
            year=YEAR,
            kind="budget",
            rows=[(c["K5"], "", Decimal(100), 0), (c["I4"], "other_cost", Decimal(5), 0)],
            by=None,
        )
    assert not BudgetLine.objects.exists()
    services.lines_save(
        unit=world.unit_a,
        year=YEAR,
        kind="budget",
        rows=[(c["K5"], "", Decimal(100), 0), (c["I4"], "", Decimal(5), 0)],
        by=None,
    )
    assert BudgetLine.objects.count() == 2


# --- categories and activities -------------------------------------------------------------


def test_it_installs_the_categories_and_activities_of_domain_reference_6(world, setup):
    assert AccountCategory.objects.filter(organisation=world.organisation).count() == 16
    assert setup["c"]["I1"].name == "Kommunersättning"
    assert setup["c"]["I1"].activity_column == "municipal_compensation"
    assert setup["c"]["K3"].activity_column == "purchase_of_activity"
    assert list(setup["a"]) == ["13", "14", "15", "16", "18", "22", "26"]
    with pytest.raises(ValidationError):
        services.categories_install_defaults(organisation=world.organisation, by=None)
    with pytest.raises(ValidationError):
        services.activities_install_defaults(organisation=world.organisation, by=None)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("code", "K5"),
        ("code", " "),
        ("name", ""),
        ("accounts", "30-2x"),
        ("accounts", "31-30"),
        ("activity_column", "other_cost"),
    ],
)
def test_a_bad_category_is_refused(world, setup, field, value):
    values = {
        "kind": "income",
        "code": "I9",
        "name": "Ny intäkt",
        "activity_column": "other_income",
        "accounts": "",
    }
    values[field] = value
    before = AccountCategory.objects.count()
    with pytest.raises(ValidationError) as error:
        services.category_create(organisation=world.organisation, by=None, **values)
    assert field in error.value.error_dict
    assert AccountCategory.objects.count() == before


def test_a_category_with_amounts_keeps_its_kind(world, setup):
    category = setup["c"]["K5"]
    put(world.unit_a, category, 100)
    with pytest.raises(ValidationError):
        services.category_update(
            category=category,
            expected_version=category.version,
            by=None,
            kind="income",
            activity_column="other_income",
        )
    updated = services.category_update(
        category=category,
        expected_version=category.version,
        by=world.admin,
        name="Personal",
        accounts="50-59",
    )
    assert (updated.name, updated.account_ranges) == ("Personal", [("50", "59")])
    entry = HistoryEntry.objects.for_object(category).get(action="update")
    assert entry.changes["name"] == {"before": "Personalkostnader", "after": "Personal"}


def test_an_activity_code_is_unique_in_the_organisation(world, setup):
    with pytest.raises(ValidationError):
        services.activity_create(organisation=world.organisation, code="14", name="X", by=None)
    created = services.activity_create(
        organisation=world.organisation, code="212", name="Trafik", by=None
    )
    assert created.sort_key > setup["a"]["26"].sort_key


# --- figures and indicators ----------------------------------------------------------------


def test_economy_figures_add_up_the_unit_and_below(world, setup):
    c, period = setup["c"], setup["period"]
    put(world.unit_a, c["I6"], 1000, kind="outcome", period=period)
    put(world.unit_b, c["K5"], 400, kind="outcome", period=period)
    put(world.administration, c["K4"], 100, kind="outcome", period=period)
    args = {"year": YEAR, "kind": "outcome", "period": period}
    admin = world.administration
    assert services.economy_figure(unit=admin, **args) == 500
    assert services.economy_figure(unit=admin, figure="costs", **args) == 500
    assert services.economy_figure(unit=admin, figure="incomes", **args) == 1000
    assert services.economy_figure(unit=world.unit_a, **args) == 1000
    assert services.economy_figure(unit=admin, figure="category", category=c["K5"], **args) == 400
    assert services.economy_figure(unit=admin, year=YEAR, kind="budget") is None


def test_it_publishes_the_prognosis_as_an_indicator_outcome(world, setup):
    period = setup["period"]
    result = make_indicator(world.unit_a, "Resultat", measure="msek", decimals=1)
    put(world.unit_a, setup["c"]["I6"], 2_000_000, kind="prognosis", period=period)
    put(world.unit_a, setup["c"]["K5"], 2_300_000, kind="prognosis", period=period)
    outcome = services.publish_to_indicator(
        indicator=result, unit=world.unit_a, period=period, kind="prognosis", by=world.controller
    )
    assert outcome.value == Decimal("-0.3")
    assert outcome.comment


def test_it_publishes_a_unit_cost_per_volume(world, setup):
    """Seed 001: invoices handled per year, and the cost per invoice."""
    period = setup["period"]
    invoices = make_indicator(world.unit_a, "Antal hanterade fakturor", measure="count")
    per_invoice = make_indicator(world.unit_a, "Kostnad per faktura", measure="sek")
    report(invoices, world.unit_a, period, "12000")
    put(world.unit_a, setup["c"]["K5"], 2_700_000, kind="outcome", period=period)
    put(world.unit_a, setup["c"]["K4"], 300_000, kind="outcome", period=period)
    services.publish_to_indicator(
        indicator=per_invoice,
        unit=world.unit_a,
        period=period,
        figure="costs",
        per=invoices,
        by=None,
    )
    assert Outcome.objects.get(indicator=per_invoice).value == 250


def test_the_economy_source_writes_its_figure_with_provenance_end_to_end(world, setup):
    """Published into an open period, the figure is an outcome from the economy, dated by its
    lines; once the report is approved a changed figure waits as a revision that a controller
    accepts."""
    period, c = setup["period"], setup["c"]
    costs = make_indicator(world.unit_a, "Kostnader", measure="sek")
    put(world.unit_a, c["K5"], 1000, kind="outcome", period=period)
    outcome = services.publish_to_indicator(
        indicator=costs, unit=world.unit_a, period=period, figure="costs", by=world.controller
    )
    assert (outcome.value, outcome.source, outcome.vintage, outcome.count) == (
        Decimal(1000),
        "economy",
        timezone.localdate(),
        None,
    )
    history = HistoryEntry.objects.filter(content_type__model="outcome").get()
    assert history.changes["source"]["after"] == str(sources.get("economy").label)
    approve(world.unit_a, period)
    put(world.unit_a, c["K5"], 1200, kind="outcome", period=period, expected_version=1)
    revision = services.publish_to_indicator(
        indicator=costs, unit=world.unit_a, period=period, figure="costs", by=None
    )
    assert isinstance(revision, OutcomeRevision) and revision.value == 1200
    assert Outcome.objects.get(indicator=costs).value == 1000
    followup_services.revision_accept(
        revision=revision, expected_version=1, outcome_version=1, by=world.controller
    )
    assert Outcome.objects.get(indicator=costs).value == 1200


def test_publishing_refuses_what_it_cannot_compute(world, setup):
    period = setup["period"]
    money = make_indicator(world.unit_a, "Kostnader", measure="sek")
    share = make_indicator(world.unit_a, "Andel")
    volume = make_indicator(world.unit_a, "Volym", measure="count")
    with pytest.raises(ValidationError):  # no lines: missing, not zero
        services.publish_to_indicator(indicator=money, unit=world.unit_a, period=period, by=None)
    put(world.unit_a, setup["c"]["K5"], 100, kind="outcome", period=period)
    with pytest.raises(ValidationError):  # a percentage is no amount
        services.publish_to_indicator(indicator=share, unit=world.unit_a, period=period, by=None)
    with pytest.raises(ValidationError):  # no volume to divide by
        services.publish_to_indicator(
            indicator=money, unit=world.unit_a, period=period, per=volume, by=None
        )
    assert not Outcome.objects.exists()
