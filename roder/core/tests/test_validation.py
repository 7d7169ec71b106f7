"""Values a column cannot hold are refused alike on SQLite and PostgreSQL (core.validation, the
backends in core/db): an over-long text, an out-of-range number, a NUL character. Through the
services and through the pages, with a Swedish message, and nothing is written. The module runs
on both databases (DATABASE_URL=postgres://… for PostgreSQL)."""

import datetime
from decimal import Decimal

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import translation

from roder.actions import services as action_services
from roder.actions.testing import make_action
from roder.core.models import HistoryEntry
from roder.core.validation import check_fields
from roder.economy import services as economy_services
from roder.economy.models import AccountCategory
from roder.followup.testing import make_indicator
from roder.indicators import services as indicator_services
from roder.organisation import services as organisation_services
from roder.organisation.models import Unit
from roder.planning import services as planning_services
from roder.planning.testing import make_goal, make_plan
from roder.quality.frameworks import services as quality_services
from roder.quality.models import Area
from roder.quality.testing import kommunkompassen

NUL = "Kund\x00fokus"
DAY = datetime.date(2026, 1, 1)
# Tables that change by themselves while a test client logs in and browses.
IGNORED = {"sessions.Session", "accounts.LoginAttempt", "core.RateLimit"}


def rows() -> dict:
    """Every row of every table, for "nothing was written"."""
    return {
        model._meta.label: list(model.objects.order_by("pk").values())
        for model in apps.get_models()
        if model._meta.label not in IGNORED
    }


def refused(write) -> dict:
    """Run `write` in Swedish; it must raise ValidationError and change no row. Returns the
    message per field."""
    before, entries = rows(), HistoryEntry.objects.count()
    # In a transaction as every service writes: a refused write, like a database error, spoils
    # the transaction it happens in.
    with translation.override("sv"), pytest.raises(ValidationError) as raised, transaction.atomic():
        write()
    assert HistoryEntry.objects.count() == entries
    assert rows() == before
    return {name: " ".join(messages) for name, messages in raised.value.message_dict.items()}


# --- services ------------------------------------------------------------------------------


def test_it_refuses_an_over_long_unit_name(world):
    problems = refused(
        lambda: organisation_services.unit_create(
            organisation=world.organisation,
            parent=world.unit_a,
            kind="unit",
            code="A1",
            name="x" * 201,
            valid_from=DAY,
            by=world.admin,
        )
    )
    assert problems == {"name": "Namn får vara högst 200 tecken (här är det 201)."}


def test_it_refuses_a_nul_in_a_unit_name(world):
    unit = world.unit_a
    problems = refused(
        lambda: organisation_services.unit_update(
            unit=unit,
            expected_version=unit.version,
            kind=unit.kind,
            code=unit.code,
            name=NUL,
            valid_from=unit.valid_from,
            valid_to=None,
            by=world.admin,
        )
    )
    assert problems == {
        "name": "Namn innehåller ett tecken som inte kan sparas (till exempel NUL)."
    }


def test_it_refuses_an_out_of_range_plan_year_and_goal_order_and_a_nul_in_a_goal(world):
    plan_in_year = planning_services.plan_create
    assert list(refused(lambda: plan_in_year(unit=world.unit_a, year=40000, by=None))) == ["year"]
    plan = make_plan(world.unit_a)
    assert list(refused(lambda: make_goal(plan, "Nöjda kunder", order=70000))) == ["order"]
    problems = refused(lambda: make_goal(plan, "Nöjda kunder", description=NUL))
    assert problems == {
        "description": "Beskrivning innehåller ett tecken som inte kan sparas (till exempel NUL)."
    }


def test_it_refuses_an_over_long_indicator_name_and_too_many_decimals(world):
    problems = refused(lambda: make_indicator(world.unit_a, name="n" * 301))
    assert problems == {"name": "Namn får vara högst 300 tecken (här är det 301)."}
    indicator = make_indicator(world.unit_a)
    values = {name: getattr(indicator, name) for name in indicator_services.INDICATOR_FIELDS}
    problems = refused(
        lambda: indicator_services.indicator_update(
            indicator=indicator,
            expected_version=indicator.version,
            by=None,
            **{**values, "decimals": 40000},
        )
    )
    assert problems == {"decimals": "Decimaler måste vara ett heltal från 0 till 32767."}


def test_it_refuses_a_target_with_too_many_digits(world):
    indicator = make_indicator(world.unit_a)
    problems = refused(
        lambda: indicator_services.target_set(
            indicator=indicator, unit=world.unit_a, year=2026, value=Decimal("1e12"), by=None
        )
    )
    assert problems == {
        "value": "Målvärde måste vara ett tal med högst 10 siffror före decimaltecknet."
    }


def test_it_refuses_an_over_long_action_title_and_a_nul_in_its_description(world):
    problems = refused(lambda: make_action(world.unit_a, "t" * 301))
    assert problems == {"title": "Titel får vara högst 300 tecken (här är det 301)."}
    action = make_action(world.unit_a, "Ny rutin")
    problems = refused(
        lambda: action_services.action_update(
            action=action, expected_version=action.version, by=None, description=NUL
        )
    )
    assert list(problems) == ["description"]


def test_it_refuses_an_out_of_range_order_and_a_nul_in_an_economy_category(world):
    values = {"kind": "cost", "code": "K99", "activity_column": "other_cost", "by": None}
    problems = refused(
        lambda: economy_services.category_create(
            organisation=world.organisation, name="Lokaler", order=40000, **values
        )
    )
    assert problems == {"order": "Ordning måste vara ett heltal från 0 till 32767."}
    problems = refused(
        lambda: economy_services.category_create(
            organisation=world.organisation, name=NUL, **values
        )
    )
    assert list(problems) == ["name"]


def test_it_refuses_a_quality_area_with_a_number_out_of_range_or_a_nul(world):
    version = quality_services.framework_copy(
        source=kommunkompassen(), organisation=world.organisation, by=None
    )
    area = version.areas.get(number=1)
    values = {"name": area.name, "max_score": 100, "help_text": ""}

    def save(**changes):
        return quality_services.area_save(
            framework=version,
            organisation=world.organisation,
            by=None,
            area=area,
            expected_version=area.version,
            **{"number": 1, **values, **changes},
        )

    assert list(refused(lambda: save(number=40000))) == ["number"]
    assert list(refused(lambda: save(name=NUL))) == ["name"]
    assert list(refused(lambda: save(help_text=NUL))) == ["help_text"]


# --- every other way of writing: the ORM as the admin site, the demo and imports use it --------


def test_it_refuses_the_same_values_on_every_orm_path(world):
    area = kommunkompassen().areas.get(number=1)
    bad_scale = [{"value": 1, "label": NUL}, {"value": 2, "label": "Helt"}]
    writes = [
        lambda: Area.objects.filter(pk=area.pk).update(number=40000),
        lambda: Area.objects.filter(pk=area.pk).update(scale=bad_scale),
        lambda: Area.objects.create(framework=area.framework, number=99, name="n" * 201),
        lambda: Area.objects.bulk_create([Area(framework=area.framework, number=99, name=NUL)]),
        lambda: Area.objects.bulk_update([Area(pk=area.pk, number=-1)], ["number"]),
        lambda: AccountCategory(organisation=world.organisation, code="x" * 21).save(),
    ]
    for write in writes:
        refused(write)


def test_it_lets_valid_bulk_updates_and_computed_values_through(world):
    unit = world.unit_a
    Unit.objects.filter(pk=unit.pk).update(depth=F("depth") - 1 + 1)  # -1: not a stored value
    unit.depth = 32767
    Unit.objects.bulk_update([unit], ["depth"])
    unit.refresh_from_db()
    assert unit.depth == 32767


def test_it_checks_a_row_before_it_is_saved():
    with pytest.raises(ValidationError) as raised:
        check_fields(Area(number=70000, name="ok"), ["number", "name"])
    assert list(raised.value.message_dict) == ["number"]


def test_model_forms_take_postgresqls_integer_ranges_on_every_database():
    field = Area._meta.get_field("number")
    limits = [v.limit_value for v in field.validators if isinstance(v, MaxValueValidator)]
    assert limits == [32767]


# --- pages ---------------------------------------------------------------------------------


def _post(client, path: str, data: dict) -> dict:
    """POST a form in Swedish; the page answers 200 with the form again and changes nothing.
    Returns the form's errors."""
    before, entries = rows(), HistoryEntry.objects.count()
    response = client.post(path, {k: v for k, v in data.items() if v is not None})
    assert response.status_code == 200, response.status_code
    assert HistoryEntry.objects.count() == entries
    assert rows() == before
    return response.context["form"].errors


def _edit_data(obj, names) -> dict:
    data = {"version": obj.version}
    for name in names:
        data[name] = getattr(obj, obj._meta.get_field(name).attname)
    return data


BAD = {"long": "x" * 1001, "nul": NUL}


@pytest.mark.parametrize("bad", list(BAD))
def test_the_pages_refuse_long_names_and_nul_with_a_message(world, client_for, bad):
    org = world.organisation.slug
    client = client_for(world.admin)
    plan = make_plan(world.unit_a)
    goal = make_goal(plan, "Nöjda kunder")
    indicator = make_indicator(world.unit_a)
    action = make_action(world.unit_a, "Ny rutin")
    category = economy_services.category_create(
        organisation=world.organisation,
        kind="cost",
        code="K99",
        name="Lokaler",
        activity_column="other_cost",
        by=None,
    )
    unit = world.unit_a
    pages = [
        ("organisation:unit_edit", unit, ("name", "code", "kind", "valid_from"), "name"),
        ("planning:goal_edit", goal, ("kind", "title", "number"), "title"),
        ("indicators:edit", indicator, indicator_services.INDICATOR_FIELDS, "name"),
        ("actions:action_edit", action, ("title", "unit", "status"), "title"),
        ("economy:account_category_edit", category, economy_services.CATEGORY_FIELDS, "name"),
    ]
    with translation.override("sv"):
        for name, obj, fields, field in pages:
            data = _edit_data(obj, fields) | {field: BAD[bad]}
            errors = _post(client, reverse(name, args=[org, obj.pk]), data)
            assert list(errors) == [field], (name, errors)


def test_the_area_page_refuses_a_number_out_of_range(world, client_for):
    version = quality_services.framework_copy(
        source=kommunkompassen(), organisation=world.organisation, by=None
    )
    area = version.areas.get(number=1)
    data = _edit_data(area, ("name", "max_score", "help_text")) | {"number": 40000, "scale": ""}
    path = reverse("quality:area_edit", args=[world.organisation.slug, area.pk])
    errors = _post(client_for(world.admin), path, data)
    assert list(errors) == ["number"]
