"""Writes of the economy: categories, activities, lines, ledger imports, and publishing a figure
to an indicator. Transactional, validated, with history on the unit's page."""

import datetime
from collections.abc import Iterable
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from roder.core.models import HistoryAction
from roder.core.progress import queue_step, run_step
from roder.core.services import (
    create_with_history,
    history_record,
    snapshot,
    update_with_history,
    upsert_with_history,
)
from roder.core.xlsx import check_size, needs_task
from roder.economy import ledger, tasks
from roder.economy.models import (
    COLUMNS_OF_KIND,
    AccountCategory,
    Activity,
    ActivityColumn,
    BudgetLine,
    CategoryKind,
    ImportStatus,
    LedgerImport,
    LineKind,
    LineSource,
    parse_account_ranges,
)
from roder.followup import services as followup_services
from roder.followup.models import Outcome, OutcomeImport
from roder.indicators import sources
from roder.indicators.models import Measure
from roder.indicators.sources import SourceValue
from roder.organisation.models import Organisation, Unit

CATEGORY_FIELDS = ("kind", "code", "name", "activity_column", "accounts", "order", "is_active")
ACTIVITY_FIELDS = ("code", "name", "is_active")
LINE_FIELDS = ("amount", "source", "ledger_import")
MAX_AMOUNT = Decimal(10) ** 14

INCOME, COST = CategoryKind.INCOME, CategoryKind.COST
MUNICIPAL, SALES, OTHER_INCOME = (
    ActivityColumn.MUNICIPAL_COMPENSATION,
    ActivityColumn.SALES_OF_ACTIVITY,
    ActivityColumn.OTHER_INCOME,
)
PURCHASE, OTHER_COST = ActivityColumn.PURCHASE_OF_ACTIVITY, ActivityColumn.OTHER_COST


def default_categories() -> list[tuple[str, str, str, str]]:
    """(kind, code, name, column): the categories of domain-reference §6, in its order.

    The names are the organisation's data (like unit names), so they are the Swedish chart of
    accounts' own words rather than interface text; an organisation renames them as it likes.
    """
    return [
        (INCOME, "I1", "Kommunersättning", MUNICIPAL),
        (INCOME, "I2", "Täckningsbidrag", OTHER_INCOME),
        (INCOME, "I3", "Försäljning och avgifter", OTHER_INCOME),
        (INCOME, "I4", "Hyror och arrenden", OTHER_INCOME),
        (INCOME, "I5", "Bidrag", OTHER_INCOME),
        (INCOME, "I6", "Försäljning verksamhet/entreprenad", SALES),
        (COST, "K1", "Buffert", OTHER_COST),
        (COST, "K2", "Bidrag", OTHER_COST),
        (COST, "K3", "Entreprenad/köp av verksamhet", PURCHASE),
        (COST, "K4", "Övrigt material och tjänster", OTHER_COST),
        (COST, "K5", "Personalkostnader", OTHER_COST),
        (COST, "K6", "Lokal- och markhyror", OTHER_COST),
        (COST, "K7", "Övriga fastighetskostnader", OTHER_COST),
        (COST, "K8", "Avskrivningar", OTHER_COST),
        (COST, "K9", "Intern ränta", OTHER_COST),
        (COST, "K10", "Täckningsbidrag", OTHER_COST),
    ]


def default_activities() -> list[tuple[str, str]]:
    """The national activity codes domain-reference §6 names (seed 004's table)."""
    return [
        ("13", "Övrig politisk verksamhet"),
        ("14", "Allmän kommunadministration"),
        ("15", "Central ekonomiadministration"),
        ("16", "Central personaladministration"),
        ("18", "Övriga kommungemensamma verksamheter"),
        ("22", "Näringslivsfrämjande åtgärder"),
        ("26", "Miljö och hälsa"),
    ]


# --- account categories --------------------------------------------------------------------


def _category_checks(organisation: Organisation, values: dict, *, exclude=None) -> None:
    if not (values["code"] or "").strip():
        raise ValidationError({"code": _("Give the category a code.")})
    if not (values["name"] or "").strip():
        raise ValidationError({"name": _("Give the category a name.")})
    if values["kind"] not in CategoryKind.values:
        raise ValidationError({"kind": _("Choose income or cost.")})
    if values["activity_column"] not in COLUMNS_OF_KIND[CategoryKind(values["kind"])]:
        raise ValidationError(
            {
                "activity_column": _(
                    "An income category belongs in an income column and a cost category in a "
                    "cost column."
                )
            }
        )
    try:
        parse_account_ranges(values["accounts"])
    except ValueError as error:
        raise ValidationError(
            {
                "accounts": _("“%(part)s” is not an account number or a range such as 30-31.")
                % {"part": error.args[0]}
            }
        ) from None
    clash = AccountCategory.objects.filter(organisation=organisation, code=values["code"])
    if exclude is not None:
        clash = clash.exclude(pk=exclude.pk)
    if clash.exists():
        raise ValidationError({"code": _("Another category already has this code.")})
    if exclude is not None and values["kind"] != exclude.kind and exclude.lines.exists():
        raise ValidationError(
            {"kind": _("The category has amounts; it cannot change between income and cost.")}
        )


def _category_values(values: dict) -> dict:
    values = dict(values)
    values["code"] = (values["code"] or "").strip()
    values["name"] = (values["name"] or "").strip()
    values["accounts"] = (values.get("accounts") or "").strip()
    return values


@transaction.atomic
def category_create(
    *,
    organisation: Organisation,
    kind: str,
    code: str,
    name: str,
    activity_column: str,
    accounts: str = "",
    order: int = 0,
    is_active: bool = True,
    by,
) -> AccountCategory:
    values = _category_values(
        {
            "kind": kind,
            "code": code,
            "name": name,
            "activity_column": activity_column,
            "accounts": accounts,
            "order": order,
            "is_active": is_active,
        }
    )
    _category_checks(organisation, values)
    return create_with_history(
        AccountCategory,
        values={"organisation": organisation, **values},
        fields=CATEGORY_FIELDS,
        by=by,
        organisation=organisation,
    )


@transaction.atomic
def category_update(
    *, category: AccountCategory, expected_version: int, by, **values
) -> AccountCategory:
    merged = _category_values(
        {name: values.get(name, getattr(category, name)) for name in CATEGORY_FIELDS}
    )
    _category_checks(category.organisation, merged, exclude=category)
    return update_with_history(
        category,
        fields=CATEGORY_FIELDS,
        values=merged,
        expected_version=expected_version,
        by=by,
        organisation=category.organisation,
    )


@transaction.atomic
def categories_install_defaults(*, organisation: Organisation, by) -> list[AccountCategory]:
    if AccountCategory.objects.filter(organisation=organisation).exists():
        raise ValidationError(_("The organisation already has account categories."))
    return [
        category_create(
            organisation=organisation,
            kind=kind,
            code=code,
            name=name,
            activity_column=column,
            order=order,
            by=by,
        )
        for order, (kind, code, name, column) in enumerate(default_categories(), start=1)
    ]


# --- activities ----------------------------------------------------------------------------


def _activity_checks(organisation: Organisation, values: dict, *, exclude=None) -> None:
    if not values["code"]:
        raise ValidationError({"code": _("Give the activity its code, e.g. 14.")})
    if not values["name"]:
        raise ValidationError({"name": _("Give the activity a name.")})
    clash = Activity.objects.filter(organisation=organisation, code=values["code"])
    if exclude is not None:
        clash = clash.exclude(pk=exclude.pk)
    if clash.exists():
        raise ValidationError({"code": _("Another activity already has this code.")})


@transaction.atomic
def activity_create(
    *, organisation: Organisation, code: str, name: str, is_active: bool = True, by
) -> Activity:
    values = {"code": code.strip(), "name": name.strip(), "is_active": is_active}
    _activity_checks(organisation, values)
    return create_with_history(
        Activity,
        values={"organisation": organisation, **values},
        fields=ACTIVITY_FIELDS,
        by=by,
        organisation=organisation,
    )


@transaction.atomic
def activity_update(*, activity: Activity, expected_version: int, by, **values) -> Activity:
    merged = {name: values.get(name, getattr(activity, name)) for name in ACTIVITY_FIELDS}
    merged["code"], merged["name"] = merged["code"].strip(), merged["name"].strip()
    _activity_checks(activity.organisation, merged, exclude=activity)
    return update_with_history(
        activity,
        fields=ACTIVITY_FIELDS,
        values=merged,
        expected_version=expected_version,
        by=by,
        organisation=activity.organisation,
    )


@transaction.atomic
def activities_install_defaults(*, organisation: Organisation, by) -> list[Activity]:
    if Activity.objects.filter(organisation=organisation).exists():
        raise ValidationError(_("The organisation already has activities."))
    return [
        activity_create(organisation=organisation, code=code, name=name, by=by)
        for code, name in default_activities()
    ]


# --- lines ---------------------------------------------------------------------------------


def _line_checks(*, unit: Unit, year: int, kind: str, period, category, activity, column, amount):
    """Raise ValidationError for bad input; `amount` None means the line is being removed."""
    if kind not in LineKind.values:
        raise ValidationError({"kind": _("Choose budget, outcome, prognosis or plan.")})
    if not 2000 <= year <= 2100:
        raise ValidationError({"year": _("Enter a year between 2000 and 2100.")})
    organisation_id = unit.organisation_id
    if category.organisation_id != organisation_id or (
        activity is not None and activity.organisation_id != organisation_id
    ):
        raise ValidationError(
            _("The category and activity must belong to the unit's organisation.")
        )
    if period is not None:
        if kind == LineKind.PLAN:
            raise ValidationError({"period": _("A plan year has no reporting period.")})
        if period.organisation_id != organisation_id or period.year != year:
            raise ValidationError(
                {"period": _("The period must be one of %(year)s.") % {"year": year}}
            )
        if not period.is_open:
            raise ValidationError(
                {
                    "period": _("%(period)s is not open for reporting; nothing was saved.")
                    % {"period": period}
                }
            )
    if column and column not in COLUMNS_OF_KIND[CategoryKind(category.kind)]:
        raise ValidationError(
            _("%(category)s cannot be shown in that column of the table per activity.")
            % {"category": category}
        )
    if amount is None:
        return
    if not category.is_active:
        raise ValidationError(_("%(category)s is not in use.") % {"category": category})
    if activity is not None and not activity.is_active:
        raise ValidationError(_("%(activity)s is not in use.") % {"activity": activity})
    if not amount.is_finite() or abs(amount) >= MAX_AMOUNT:
        raise ValidationError(_("The amount is too large."))


def _line_key(*, unit, year, kind, period, category, activity, column) -> dict:
    return {
        "unit": unit,
        "year": year,
        "kind": kind,
        "period": period,
        "category": category,
        "activity": activity,
        "activity_column": column,
    }


@transaction.atomic
def line_set(
    *,
    unit: Unit,
    year: int,
    kind: str,
    category: AccountCategory,
    amount: Decimal | None,
    period=None,
    activity: Activity | None = None,
    activity_column: str = "",
    expected_version: int | None = None,
    source: str = LineSource.MANUAL,
    ledger_import: LedgerImport | None = None,
    by,
) -> BudgetLine | None:
    """Enter, change or remove (amount None) the one line with this key.

    `expected_version` is the line's version when the form was shown, 0 if the form showed no
    line, None for a write that does not come from a form (an import); a stale one raises
    ConcurrentEditError. Writing the amount a line already has changes nothing.
    """
    column = "" if activity_column == category.activity_column else (activity_column or "")
    _line_checks(
        unit=unit,
        year=year,
        kind=kind,
        period=period,
        category=category,
        activity=activity,
        column=column,
        amount=amount,
    )
    key = _line_key(
        unit=unit,
        year=year,
        kind=kind,
        period=period,
        category=category,
        activity=activity,
        column=column,
    )
    if amount is not None:
        amount = amount.quantize(Decimal("0.01"))
    # Only the amount is compared: the same amount from an import leaves the line as it is.
    return upsert_with_history(
        BudgetLine,
        key=key,
        values={"amount": amount},
        fields=LINE_FIELDS,
        expected_version=expected_version,
        stamp={
            "source": source,
            "ledger_import": ledger_import,
            "entered_by": by if getattr(by, "pk", None) else None,
            "entered_at": timezone.now(),
        },
        by=by,
        organisation=unit.organisation,
        unit=unit,
    )


@transaction.atomic
def lines_save(
    *,
    unit: Unit,
    year: int,
    kind: str,
    rows: Iterable[tuple[AccountCategory, str, Decimal | None, int | None]],
    period=None,
    activity: Activity | None = None,
    by,
) -> None:
    """Save a whole entry page: (category, column, amount, version) per row. One bad row, or
    one row someone else changed meanwhile, and nothing is saved."""
    for category, column, amount, version in rows:
        line_set(
            unit=unit,
            year=year,
            kind=kind,
            period=period,
            category=category,
            activity=activity,
            activity_column=column,
            amount=amount,
            expected_version=version,
            by=by,
        )


# --- ledger imports ------------------------------------------------------------------------


@transaction.atomic
def ledger_import_stage(*, unit: Unit, file_name: str, data: bytes, by) -> LedgerImport:
    """Read the file and keep its rows for the mapping and the preview. Nothing is written to
    the budget until `ledger_import_apply`. A big file is kept as it is and read by a task."""
    check_size(len(data))
    stated = ledger.stated_rows(file_name, data)
    big = needs_task(None if stated is None else stated - 1)
    headers, rows = ([], []) if big else ledger.read_table(file_name, data)
    ledger_import = create_with_history(
        LedgerImport,
        values={
            "organisation": unit.organisation,
            "unit": unit,
            "file_name": file_name[:255],
            "headers": headers,
            "rows": rows,
            "row_count": len(rows),
            "content": data if big else b"",
            "created_by": by if getattr(by, "pk", None) else None,
        },
        fields=("file_name", "row_count", "status"),
        by=by,
        organisation=unit.organisation,
        unit=unit,
    )
    if big:
        queue_step(ledger_import, STEP_READ, tasks.read_ledger_import)
    return ledger_import


@transaction.atomic
def ledger_import_apply(
    *, ledger_import: LedgerImport, mapping: ledger.Mapping, by
) -> LedgerImport:
    """Check every row again and write every line, or nothing. Each line of the file's
    (unit, category, activity) totals replaces the line with that key; lines the file does not
    mention are left as they are, so importing the same file twice changes nothing."""
    preview, errors = ledger.check(ledger_import, mapping)
    if errors:
        raise ValidationError(errors)
    assert preview is not None  # no errors: a preview
    claimed = LedgerImport.objects.filter(pk=ledger_import.pk, status=ImportStatus.STAGED).update(
        status=ImportStatus.IMPORTED
    )
    if claimed != 1:
        raise ValidationError(_("This file has already been imported."))
    before = snapshot(ledger_import, ("status",))
    ledger_import.status = ImportStatus.IMPORTED
    for change in preview.lines:
        line_set(
            unit=change.unit,
            year=mapping.year,
            kind=mapping.kind,
            period=preview.period,
            category=change.category,
            activity=change.activity,
            amount=change.amount,
            source=LineSource.IMPORT,
            ledger_import=ledger_import,
            by=by,
        )
    ledger_import.mapping = mapping.as_dict()
    ledger_import.kind, ledger_import.year, ledger_import.period = (
        mapping.kind,
        mapping.year,
        preview.period,
    )
    ledger_import.line_count = len(preview.lines)
    ledger_import.income_total, ledger_import.cost_total = preview.incomes, preview.costs
    ledger_import.imported_at = timezone.now()
    ledger_import.rows = []  # the staged rows are raw ledger data: the lines and totals remain
    ledger_import.save(
        update_fields=[
            "rows",
            "mapping",
            "kind",
            "year",
            "period",
            "line_count",
            "income_total",
            "cost_total",
            "imported_at",
        ]
    )
    history_record(
        obj=ledger_import,
        action=HistoryAction.UPDATE,
        actor=by,
        organisation=ledger_import.organisation,
        unit=ledger_import.unit,
        before=before,
        after=snapshot(ledger_import, ("status",)),
    )
    return ledger_import


# --- big ledger files: read, checked and imported by tasks -------------------------------

STEP_READ, STEP_CHECK, STEP_APPLY = "read", "check", "apply"


def run_read(ledger_import: LedgerImport) -> None:
    def work(progress) -> dict:
        rows = LedgerImport.objects.filter(pk=ledger_import.pk)
        try:
            headers, table = ledger.read_table(
                ledger_import.file_name, bytes(ledger_import.content), progress
            )
        except ValidationError as error:
            rows.update(content=b"")
            return {"errors": error.messages}
        rows.update(headers=headers, rows=table, row_count=len(table), content=b"")
        return {"errors": []}

    run_step(ledger_import, STEP_READ, work)


@transaction.atomic
def ledger_import_queue(*, ledger_import: LedgerImport, mapping: ledger.Mapping, step: str) -> None:
    """Check (STEP_CHECK) or import (STEP_APPLY) a big staged file with this mapping in a task."""
    if not ledger_import.is_staged:
        raise ValidationError(_("This file has already been imported."))
    if ledger_import.task_busy:
        raise ValidationError(_("The file is still being worked on; wait until it is done."))
    LedgerImport.objects.filter(pk=ledger_import.pk).update(mapping=mapping.as_dict())
    ledger_import.mapping = mapping.as_dict()
    task = tasks.check_ledger_import if step == STEP_CHECK else tasks.apply_ledger_import
    queue_step(ledger_import, step, task)


def run_check(ledger_import: LedgerImport) -> None:
    def work(progress) -> dict:
        mapping = ledger.Mapping(**ledger_import.mapping)
        preview, errors = ledger.check(ledger_import, mapping, progress)
        if errors:
            return {"errors": errors}
        assert preview is not None  # no errors: a preview
        return {"errors": [], "preview": ledger.preview_data(preview)}

    run_step(ledger_import, STEP_CHECK, work)


def run_apply(ledger_import: LedgerImport) -> None:
    def work(progress) -> dict:
        try:
            ledger_import_apply(
                ledger_import=ledger_import,
                mapping=ledger.Mapping(**ledger_import.mapping),
                by=ledger_import.created_by,
            )
        except ValidationError as error:
            return {"errors": error.messages}
        return {"errors": []}

    run_step(ledger_import, STEP_APPLY, work)


def staged_imports_prune(*, days: int = 30) -> tuple[int, int, int]:
    """Delete staged ledger files and outcome files older than `days`, and drop the raw rows
    of imported ledger files (imports made before rows were dropped at import): raw ledger
    rows may name people and are not kept. Returns the three counts."""
    cutoff = timezone.now() - datetime.timedelta(days=days)
    ledger_files, _ = LedgerImport.objects.filter(
        status=ImportStatus.STAGED, created_at__lt=cutoff
    ).delete()
    outcome_files, _ = OutcomeImport.objects.filter(created_at__lt=cutoff).delete()
    emptied = (
        LedgerImport.objects.filter(status=ImportStatus.IMPORTED)
        .exclude(rows=[])
        .update(rows=[], content=b"")
    )
    return ledger_files, outcome_files, emptied


# --- figures for indicators ----------------------------------------------------------------


class Figure:
    RESULT = "result"
    INCOMES = "incomes"
    COSTS = "costs"
    CATEGORY = "category"


def economy_figure(
    *,
    unit: Unit,
    year: int,
    kind: str,
    period=None,
    figure: str = Figure.RESULT,
    category: AccountCategory | None = None,
) -> Decimal | None:
    """One figure in kronor for the unit and everything below it: the result (incomes − costs),
    the incomes, the costs, or one category's amount. None when there are no lines (missing is
    not zero)."""
    lines = BudgetLine.objects.filter(
        unit__organisation=unit.organisation,
        unit__path__startswith=unit.path,
        year=year,
        kind=kind,
        period=period,
    )
    if figure == Figure.CATEGORY:
        if category is None:
            raise ValidationError(_("Choose the account category."))
        lines = lines.filter(category=category)
    totals = dict(lines.values_list("category__kind").annotate(total=Sum("amount")))
    if not totals:
        return None
    incomes = totals.get(CategoryKind.INCOME, Decimal(0))
    costs = totals.get(CategoryKind.COST, Decimal(0))
    return {
        Figure.RESULT: incomes - costs,
        Figure.INCOMES: incomes,
        Figure.COSTS: costs,
        Figure.CATEGORY: incomes + costs,
    }[figure]


ECONOMY = "economy"  # the indicator source key (registered in apps.py)


def fills_indicator(indicator) -> bool:
    """The economy fills indicators measured in kr or mkr."""
    return indicator.measure in (Measure.SEK, Measure.MSEK)


def figures_read(
    *,
    indicators,
    units,
    period,
    kind: str = LineKind.OUTCOME,
    figure: str = Figure.RESULT,
    category: AccountCategory | None = None,
    per=None,
    comment: str | None = None,
) -> list[SourceValue]:
    """The economy as an indicator source: one figure per indicator and unit (see
    `publish_to_indicator`), dated by the latest change to the lines behind it (typed or
    imported from the ledger). A unit without lines, or without a volume to divide by, is left
    out: missing, not zero."""
    at_period = kind in (LineKind.OUTCOME, LineKind.PROGNOSIS)
    if comment is None:
        comment = _("From the economy: %(kind)s, %(period)s.") % {
            "kind": LineKind(kind).label.lower(),
            "period": period,
        }
    found = []
    for unit in units:
        value = economy_figure(
            unit=unit,
            year=period.year,
            kind=kind,
            period=period if at_period else None,
            figure=figure,
            category=category,
        )
        if value is None:
            continue
        if per is not None:
            volume = Outcome.objects.filter(indicator=per, unit=unit, period=period).first()
            if volume is None or not volume.value:
                continue
            value = value / volume.value
        vintage = _lines_changed(unit, period, kind=kind, at_period=at_period)
        for indicator in indicators:
            scaled = value / Decimal(1_000_000) if indicator.measure == Measure.MSEK else value
            found.append(
                SourceValue(
                    indicator=indicator,
                    unit=unit,
                    value=scaled.quantize(Decimal("0.0001")),
                    vintage=vintage,
                    comment=comment,
                )
            )
    return found


def _lines_changed(unit: Unit, period, *, kind: str, at_period: bool) -> datetime.date | None:
    latest = BudgetLine.objects.filter(
        unit__organisation=unit.organisation,
        unit__path__startswith=unit.path,
        year=period.year,
        kind=kind,
        period=period if at_period else None,
    ).aggregate(latest=Max("entered_at"))["latest"]
    return timezone.localdate(latest) if latest else None


@transaction.atomic
def publish_to_indicator(
    *,
    indicator,
    unit: Unit,
    period,
    kind: str = LineKind.OUTCOME,
    figure: str = Figure.RESULT,
    category: AccountCategory | None = None,
    per=None,
    comment: str | None = None,
    by,
):
    """Write an economy figure as the indicator's outcome for the unit and period: read by the
    registered economy source (`figures_read`), written by `followup.services.outcome_write`
    (so history is kept, and a period that is closed or whose report is approved gets a
    pending revision for a controller instead; a period not yet open is refused).

    Outcomes and prognoses are read at the period (to date, and the year-end prognosis given
    then); budgets and plans for the period's year. With `per`, a volume indicator (invoices
    handled …), the figure is divided by that indicator's outcome for the same unit and period:
    a unit cost such as the cost per invoice. The indicator's unit of measure decides kr or mkr.
    Returns the outcome, or the pending revision.
    """
    if indicator.organisation_id != unit.organisation_id:
        raise ValidationError(_("The indicator, unit and period must belong to one organisation."))
    if not fills_indicator(indicator):
        raise ValidationError(
            _("%(indicator)s is not measured in kr or mkr.") % {"indicator": indicator}
        )
    found = sources.get(ECONOMY).values(
        indicators=[indicator],
        units=[unit],
        period=period,
        kind=kind,
        figure=figure,
        category=category,
        per=per,
        comment=comment,
    )
    if not found:
        _why_missing(indicator, unit, period, kind=kind, per=per)
    (found,) = found
    return followup_services.outcome_write(
        indicator=indicator,
        unit=unit,
        period=period,
        value=found.value,
        comment=found.comment,
        source=ECONOMY,
        vintage=found.vintage,
        count=found.count,
        by=by,
    )


def _why_missing(indicator, unit, period, *, kind: str, per) -> None:
    volume = per and Outcome.objects.filter(indicator=per, unit=unit, period=period).first()
    if per is not None and (volume is None or not volume.value):
        raise ValidationError(
            _("%(indicator)s has no outcome above zero for %(unit)s in %(period)s.")
            % {"indicator": per, "unit": unit, "period": period}
        )
    raise ValidationError(
        _("%(unit)s has no %(kind)s for %(period)s; nothing was written.")
        % {"unit": unit, "kind": LineKind(kind).label.lower(), "period": period}
    )
