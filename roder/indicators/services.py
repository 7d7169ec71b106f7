"""Writes to indicators, their goal attachments, targets and comparison values."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from roder.core.models import HistoryAction
from roder.core.services import (
    GridRow,
    create_with_history,
    grid_save,
    history_record,
    update_with_history,
    upsert_with_history,
)
from roder.indicators.models import ComparisonValue, Direction, GoalIndicator, Indicator, Target

INDICATOR_FIELDS = (
    "owner",
    "name",
    "description",
    "measure",
    "direction",
    "periodicity",
    "decimals",
    "aggregation",
    "by_gender",
    "source",
    "source_reference",
    "is_active",
)
TARGET_FIELDS = ("value", "value_high", "yellow_limit")


def _check_owner(organisation, owner) -> None:
    if owner.organisation_id != organisation.pk:
        raise ValidationError({"owner": _("The owner unit belongs to another organisation.")})


@transaction.atomic
def indicator_create(*, organisation, by, **values) -> Indicator:
    _check_owner(organisation, values["owner"])
    return create_with_history(
        Indicator,
        values={"organisation": organisation, **values},
        fields=INDICATOR_FIELDS,
        by=by,
        organisation=organisation,
        unit=values["owner"],
    )


@transaction.atomic
def indicator_update(*, indicator: Indicator, expected_version: int, by, **values) -> Indicator:
    _check_owner(indicator.organisation, values["owner"])
    update_with_history(
        indicator,
        fields=INDICATOR_FIELDS,
        values=values,
        expected_version=expected_version,
        by=by,
        organisation=indicator.organisation,
        unit=indicator.owner,
    )
    return indicator


@transaction.atomic
def indicator_attach(*, goal, indicator: Indicator, by) -> GoalIndicator:
    if indicator.organisation_id != goal.plan.unit.organisation_id:
        raise ValidationError(_("The indicator belongs to another organisation."))
    if GoalIndicator.objects.filter(goal=goal, indicator=indicator).exists():
        raise ValidationError(_("The indicator is already attached to this goal."))
    link = GoalIndicator.objects.create(
        goal=goal, indicator=indicator, order=goal.indicator_links.count() + 1
    )
    history_record(
        obj=goal,
        action=HistoryAction.LINK,
        actor=by,
        organisation=goal.plan.unit.organisation,
        unit=goal.plan.unit,
        after={"indicators": str(indicator)},
    )
    return link


@transaction.atomic
def indicator_detach(*, link: GoalIndicator, by) -> None:
    goal = link.goal
    history_record(
        obj=goal,
        action=HistoryAction.UNLINK,
        actor=by,
        organisation=goal.plan.unit.organisation,
        unit=goal.plan.unit,
        before={"indicators": str(link.indicator)},
    )
    link.delete()


def check_target(indicator: Indicator, value, value_high, yellow_limit) -> None:
    if indicator.direction == Direction.RANGE:
        if value_high is None or value_high < value:
            raise ValidationError(
                {"value_high": _("A range needs an upper target at least as high as the target.")}
            )
        if yellow_limit is not None and yellow_limit < 0:
            raise ValidationError(
                {"yellow_limit": _("For a range, the yellow limit is a margin of 0 or more.")}
            )
    elif value_high is not None:
        raise ValidationError({"value_high": _("Only a range has an upper target.")})
    if (
        indicator.direction == Direction.HIGHER
        and yellow_limit is not None
        and yellow_limit > value
    ):
        raise ValidationError(
            {"yellow_limit": _("When higher is better, yellow starts below the target.")}
        )
    if indicator.direction == Direction.LOWER and yellow_limit is not None and yellow_limit < value:
        raise ValidationError(
            {"yellow_limit": _("When lower is better, yellow ends above the target.")}
        )


@transaction.atomic
def target_set(
    *,
    indicator: Indicator,
    unit,
    year: int,
    period=None,
    value: Decimal,
    value_high: Decimal | None = None,
    yellow_limit: Decimal | None = None,
    by,
) -> Target:
    """Set the unit's target for the year (or for one period of it), replacing the one before
    (imports and the demo; the targets page saves its grid with versions, `targets_save`)."""
    values = _target_values(
        indicator,
        unit,
        year,
        period,
        value=value,
        value_high=value_high,
        yellow_limit=yellow_limit,
    )
    existing = Target.objects.filter(
        indicator=indicator, unit=unit, year=year, period=period
    ).first()
    target = _target_write(
        existing,
        indicator=indicator,
        unit=unit,
        year=year,
        period=period,
        values=values,
        expected_version=existing.version if existing else None,
        by=by,
    )
    assert target is not None  # a value is given, so the target is never cleared
    return target


@transaction.atomic
def targets_save(*, indicator: Indicator, unit, year: int, rows: list[GridRow], by) -> None:
    """Save the target grid: rows keyed by period (None: the whole year), each with the version
    shown; a row without a target value clears it. Every row is checked first; a stale row
    refuses the whole save (StaleRowsError) and unchanged rows are not written
    (core.services.grid_save)."""

    def check(row):
        return _target_values(indicator, unit, year, row.key, **row.values)

    def read(periods):
        by_pk = {getattr(period, "pk", None): period for period in periods}
        stored = Target.objects.select_for_update().filter(
            indicator=indicator, unit=unit, year=year
        )
        return {by_pk[t.period_id]: t for t in stored if t.period_id in by_pk}

    def write(row, existing):
        return _target_write(
            existing,
            indicator=indicator,
            unit=unit,
            year=year,
            period=row.key,
            values=row.values,
            expected_version=row.version,
            by=by,
        )

    grid_save(rows, check=check, read=read, write=write)


def _target_values(
    indicator, unit, year, period, *, value, value_high=None, yellow_limit=None
) -> dict:
    """Check one target and return its values as stored; no target value: no target."""
    if unit.organisation_id != indicator.organisation_id:
        raise ValidationError(_("The unit belongs to another organisation."))
    if period is not None and (
        period.year != year or period.organisation_id != unit.organisation_id
    ):
        raise ValidationError({"period": _("The period belongs to another year.")})
    if value is None:
        return dict.fromkeys(TARGET_FIELDS)
    check_target(indicator, value, value_high, yellow_limit)
    return {"value": value, "value_high": value_high, "yellow_limit": yellow_limit}


def _target_write(
    existing: Target | None, *, indicator, unit, year, period, values, expected_version, by
) -> Target | None:
    """Create, change or clear (no value) one target whose stored row was `existing` at
    `expected_version`; someone else's write since then raises ConcurrentEditError."""
    return upsert_with_history(
        Target,
        key={"indicator": indicator, "unit": unit, "year": year, "period": period},
        values=values,
        existing=existing,
        expected_version=expected_version,
        by=by,
        organisation=unit.organisation,
        unit=unit,
    )


@transaction.atomic
def comparison_set(
    *,
    indicator: Indicator,
    year: int,
    kind: str,
    value: Decimal,
    source: str = "",
    label: str = "",
    by,
) -> ComparisonValue:
    """Set the comparison value of the year and kind (a peer's named by `label`)."""
    comparison, _created = ComparisonValue.objects.update_or_create(
        indicator=indicator,
        year=year,
        kind=kind,
        label=label,
        defaults={"value": value, "source": source},
    )
    history_record(
        obj=indicator,
        action=HistoryAction.UPDATE,
        actor=by,
        organisation=indicator.organisation,
        unit=indicator.owner,
        after={"comparisons": f"{year} {comparison.name}: {indicator.format(value)}"},
    )
    return comparison


@transaction.atomic
def target_clear(*, indicator: Indicator, unit, year: int, period=None, by) -> None:
    _target_write(
        Target.objects.filter(indicator=indicator, unit=unit, year=year, period=period).first(),
        indicator=indicator,
        unit=unit,
        year=year,
        period=period,
        values=dict.fromkeys(TARGET_FIELDS),
        expected_version=None,
        by=by,
    )
