"""Every economy page and write, tried by each persona of the test world."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from roder.economy import ledger, services
from roder.economy.models import AccountCategory, Activity, BudgetLine, LedgerImport
from roder.economy.testing import install, ledger_csv, put
from roder.periods import services as period_services
from roder.periods.testing import make_period
from roder.testing import PERSONAS, READ_A

pytestmark = pytest.mark.django_db

ENTER_A = READ_A | {"manager": 403, "reporter": 403, "reader": 403}  # budget, outcome, plan
PROGNOSIS_A = ENTER_A | {"manager": 200}
SAVE_A = ENTER_A | {"admin": 302, "controller": 302}
SAVE_PROGNOSIS_A = PROGNOSIS_A | {"admin": 302, "controller": 302, "manager": 302}
CONFIGURE = {name: 403 for name in PERSONAS} | {"admin": 200}  # the top unit's controllers too
UNIT_PAGES = ["overview", "activity_table", "result_table", "followup"]


@pytest.fixture
def setup(world):
    categories, activities = install(world.organisation)
    period = make_period(world.organisation)
    put(world.unit_a, categories["K5"], 1_000_000, activity=activities["14"])
    put(world.unit_a, categories["I6"], 1_200_000, activity=activities["14"])
    put(world.unit_a, categories["K5"], 400_000, kind="outcome", period=period)
    put(world.unit_a, categories["K5"], 1_100_000, kind="prognosis", period=period)
    return {"c": categories, "a": activities, "period": period}


def url(name, **kwargs):
    return reverse(f"economy:{name}", kwargs={"org": "testkommun", **kwargs})


def unit_url(name, unit):
    return url(name, unit_pk=unit.pk)


# --- reading -------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("page", UNIT_PAGES)
def test_reading_a_units_economy_follows_the_tree(world, client_for, setup, persona, page):
    response = client_for(world.personas[persona]).get(unit_url(page, world.unit_a))
    assert response.status_code == READ_A[persona]


@pytest.mark.parametrize("persona", PERSONAS)
def test_everyone_in_the_organisation_sees_the_economy_start_and_configuration(
    world, client_for, setup, persona
):
    client = client_for(world.personas[persona])
    response = client.get(url("index"))
    assert response.status_code == 200
    listed = {row["unit_id"] for row in response.context["units"]}
    assert listed == (set() if persona == "outsider" else {world.unit_a.pk})
    assert client.get(url("account_categories")).status_code == 200
    assert client.get(url("activity_codes")).status_code == 200


def test_the_overview_adds_up_the_branch_and_answers_htmx_with_its_region(world, client_for, setup):
    client = client_for(world.reader)
    response = client.get(unit_url("overview", world.administration), {"year": 2027})
    table = response.context["table"]
    # The 2027 overview: budget 2026, and the prognosis for 2026 given at Tertial 1.
    assert [(c.kind, c.year) for c in table.columns[1:3]] == [("budget", 2026), ("prognosis", 2026)]
    assert table.result.cells[1].value == Decimal("200000.00")
    assert table.result.cells[2].value == Decimal("-1100000")
    partial = client.get(
        unit_url("overview", world.administration), {"year": 2027}, HTTP_HX_REQUEST="true"
    )
    text = partial.content.decode()
    assert text.lstrip().startswith('<div id="overview">') and "<html" not in text


def test_the_tables_show_missing_as_missing(world, client_for, setup):
    response = client_for(world.admin).get(unit_url("overview", world.unit_a), {"year": 2026})
    cells = response.context["table"].result.cells
    assert [cell.text for cell in cells] == ["–", "–", "–", "0,2", "–", "–"]


def test_the_follow_up_page_shows_the_chosen_period(world, client_for, setup):
    response = client_for(world.manager).get(
        unit_url("followup", world.unit_a), {"period": setup["period"].pk, "scale": "tkr"}
    )
    data = response.context["data"]
    personnel = next(row for row in data.costs if row.category == setup["c"]["K5"])
    assert (personnel.budget.text, personnel.outcome.text, personnel.used) == (
        "\u22121\u00a0000",
        "\u2212400",
        "40\u00a0%",
    )
    assert personnel.deviation.shown == Decimal(-100)
    assert response.context["chart"] is not None
    assert "data:image/svg+xml;base64," in response.content.decode()  # the chart


def test_an_unknown_unit_or_period_answers_404(world, client_for, setup):
    client = client_for(world.admin)
    assert client.get(url("overview", unit_pk=99999)).status_code == 404
    assert client.get(unit_url("followup", world.unit_a), {"period": 99999}).status_code == 404


def test_anonymous_visitors_are_sent_to_log_in(world, client, setup):
    login = reverse("accounts:login")
    paths = [unit_url(page, world.unit_a) for page in [*UNIT_PAGES, "entry", "import_upload"]]
    paths += [url("index"), url("account_categories"), url("activity_codes")]
    paths += [url("account_category_create"), url("import_detail", pk=1)]
    for path in paths:
        response = client.get(path)
        assert response.status_code == 302 and response["Location"].startswith(login), path
    response = client.post(url("account_category_defaults"))
    assert response["Location"].startswith(login)


def test_wrong_methods_are_refused(world, client_for, setup):
    client = client_for(world.admin)
    for page in UNIT_PAGES:
        assert client.post(unit_url(page, world.unit_a)).status_code == 405
    assert client.get(url("account_category_defaults")).status_code == 405
    assert client.get(url("activity_code_defaults")).status_code == 405
    assert client.delete(unit_url("entry", world.unit_a)).status_code == 405


# --- entering ------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", PERSONAS)
def test_controllers_enter_budgets_and_managers_prognoses(world, client_for, setup, persona):
    client = client_for(world.personas[persona])
    entry = unit_url("entry", world.unit_a)
    assert client.get(entry, {"kind": "budget", "year": 2026}).status_code == ENTER_A[persona]
    query = {"kind": "prognosis", "year": 2026, "period": setup["period"].pk}
    assert client.get(entry, query).status_code == PROGNOSIS_A[persona]
    assert client.get(entry).status_code == PROGNOSIS_A[persona]


@pytest.mark.parametrize("persona", PERSONAS)
def test_saving_a_budget_needs_a_controller(world, client_for, setup, persona):
    category = setup["c"]["K4"]
    path = unit_url("entry", world.unit_a) + "?kind=budget&year=2027"
    response = client_for(world.personas[persona]).post(path, {f"c{category.pk}": "250 000"})
    assert response.status_code == SAVE_A[persona]
    saved = BudgetLine.objects.filter(category=category, year=2027).first()
    assert (saved is not None) == (SAVE_A[persona] == 302)
    if saved:
        assert saved.amount == 250000 and saved.entered_by == world.personas[persona]


@pytest.mark.parametrize("persona", PERSONAS)
def test_saving_a_prognosis_needs_a_unit_manager(world, client_for, setup, persona):
    category = setup["c"]["K5"]
    line = BudgetLine.objects.get(kind="prognosis")
    path = unit_url("entry", world.unit_a) + (
        f"?kind=prognosis&year=2026&period={setup['period'].pk}"
    )
    data = {f"c{category.pk}": "1 150 000", f"c{category.pk}-version": line.version}
    response = client_for(world.personas[persona]).post(path, data)
    assert response.status_code == SAVE_PROGNOSIS_A[persona]
    line.refresh_from_db()
    assert (line.amount == 1_150_000) == (SAVE_PROGNOSIS_A[persona] == 302)


def test_a_bad_amount_keeps_what_was_typed_and_saves_nothing(world, client_for, setup):
    c = setup["c"]
    path = unit_url("entry", world.unit_a) + "?kind=budget&year=2027"
    data = {f"c{c['K4'].pk}": "250 000", f"c{c['K5'].pk}": "mycket"}
    response = client_for(world.controller).post(path, data)
    assert response.status_code == 200
    form = response.context["form"]
    assert f"c{c['K5'].pk}" in form.errors
    assert form[f"c{c['K4'].pk}"].value() == "250 000"
    assert not BudgetLine.objects.filter(year=2027).exists()


def test_a_stale_entry_page_saves_nothing(world, client_for, setup):
    c, activity = setup["c"], setup["a"]["14"]
    path = unit_url("entry", world.unit_a) + f"?kind=budget&year=2026&activity={activity.pk}"
    client = client_for(world.controller)
    page = client.get(path)
    shown_version = page.context["form"][f"c{c['K5'].pk}-version"].value()
    put(world.unit_a, c["K5"], 900_000, activity=activity)  # someone else, meanwhile
    data = {
        f"c{c['K5'].pk}": "1 050 000",
        f"c{c['K5'].pk}-version": shown_version,
        f"c{c['I6'].pk}": "1 300 000",
        f"c{c['I6'].pk}-version": 1,
    }
    response = client.post(path, data)
    assert response.status_code == 200 and response.context["form"].non_field_errors()
    amounts = dict(
        BudgetLine.objects.filter(year=2026, kind="budget").values_list("category__code", "amount")
    )
    assert amounts == {"K5": Decimal("900000.00"), "I6": Decimal("1200000.00")}


def test_a_closed_period_refuses_entries(world, client_for, setup):
    period = setup["period"]
    period_services.period_set_status(
        period=period, status="closed", expected_version=period.version, by=None
    )
    category = setup["c"]["K5"]
    line = BudgetLine.objects.get(kind="prognosis")
    path = unit_url("entry", world.unit_a) + f"?kind=prognosis&year=2026&period={period.pk}"
    data = {f"c{category.pk}": "1", f"c{category.pk}-version": line.version}
    response = client_for(world.controller).post(path, data)
    assert response.status_code == 200 and response.context["form"].errors
    line.refresh_from_db()
    assert line.amount == 1_100_000


# --- the import pages ----------------------------------------------------------------------


def staged_by(world, person):
    return services.ledger_import_stage(
        unit=world.unit_a,
        file_name="huvudbok.csv",
        data=ledger_csv(["A;K5;14;2026-02-01;100;"]),
        by=person,
    )


@pytest.mark.parametrize("persona", PERSONAS)
def test_importing_needs_a_controller(world, client_for, setup, persona):
    client = client_for(world.personas[persona])
    path = unit_url("import_upload", world.unit_a)
    assert client.get(path).status_code == ENTER_A[persona]
    file = SimpleUploadedFile("huvudbok.csv", ledger_csv(["A;K5;14;2026-02-01;100;"]))
    assert client.post(path, {"file": file}).status_code == SAVE_A[persona]
    assert LedgerImport.objects.exists() == (SAVE_A[persona] == 302)


@pytest.mark.parametrize("persona", PERSONAS)
def test_a_staged_file_is_its_uploaders_alone(world, client_for, setup, persona):
    staged = staged_by(world, world.controller)
    response = client_for(world.personas[persona]).get(url("import_detail", pk=staged.pk))
    assert response.status_code == (200 if persona == "controller" else 404)


@pytest.mark.parametrize("persona", PERSONAS)
def test_a_confirmed_import_is_read_like_its_unit(world, client_for, setup, persona):
    staged = staged_by(world, world.controller)
    services.ledger_import_apply(
        ledger_import=staged,
        mapping=ledger.Mapping(
            unit=0, category=1, activity=2, date=3, amount=4, kind="budget", year=2026
        ),
        by=world.controller,
    )
    response = client_for(world.personas[persona]).get(url("import_detail", pk=staged.pk))
    assert response.status_code == READ_A[persona]


# --- configuration -------------------------------------------------------------------------


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_the_top_units_controllers_configure(world, client_for, setup, persona):
    client = client_for(world.personas[persona])
    category, activity = setup["c"]["K5"], setup["a"]["14"]
    assert client.get(url("account_category_create")).status_code == CONFIGURE[persona]
    assert (
        client.get(url("account_category_edit", pk=category.pk)).status_code == CONFIGURE[persona]
    )
    assert client.get(url("activity_code_create")).status_code == CONFIGURE[persona]
    assert client.get(url("activity_code_edit", pk=activity.pk)).status_code == CONFIGURE[persona]
    response = client.post(
        url("account_category_create"),
        {
            "kind": "cost",
            "code": "K11",
            "name": "Representation",
            "activity_column": "other_cost",
            "order": 20,
            "is_active": "on",
        },
    )
    allowed = CONFIGURE[persona] == 200
    assert response.status_code == (302 if allowed else 403)
    assert AccountCategory.objects.filter(code="K11").exists() == allowed
    response = client.post(url("activity_code_create"), {"code": "212", "name": "Trafik"})
    assert Activity.objects.filter(code="212").exists() == allowed


def test_a_category_form_error_keeps_the_input(world, client_for, setup):
    category = setup["c"]["K5"]
    response = client_for(world.admin).post(
        url("account_category_edit", pk=category.pk),
        {
            "kind": "cost",
            "code": "K4",  # taken
            "name": "Personal",
            "activity_column": "other_cost",
            "accounts": "50-59",
            "order": 1,
            "version": category.version,
        },
    )
    assert response.status_code == 200
    assert "code" in response.context["form"].errors
    assert response.context["form"]["name"].value() == "Personal"
    category.refresh_from_db()
    assert category.name == "Personalkostnader"


def test_the_defaults_are_installed_once(world, client_for):
    client = client_for(world.admin)
    assert client.post(url("account_category_defaults")).status_code == 302
    assert client.post(url("activity_code_defaults")).status_code == 302
    client.post(url("account_category_defaults"))
    assert AccountCategory.objects.count() == 16 and Activity.objects.count() == 7
    assert client_for(world.controller).post(url("activity_code_defaults")).status_code == 403


def test_categories_of_another_organisation_answer_404(world, client_for, setup):
    from roder.testing import make_organisation

    other = install(make_organisation("Grannkommun", "grannkommun"))[0]["K5"]
    response = client_for(world.admin).get(url("account_category_edit", pk=other.pk))
    assert response.status_code == 404
