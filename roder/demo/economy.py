"""The demo economy: seed 004's budget tables for Stöd & process (Upplands Väsby), seed 000's
table 2006–2009 for Nämndsekretariatet (Stockholm), and a 2026 follow-up of Stöd & process.

Only the amounts per category (and, for the 2026 budget, per activity) are entered; every sum,
difference, net and result the seeds print is computed by `roder.economy.selectors`, and
`roder/demo/tests/test_demo_economy.py` checks each printed number against them. How the
seeds' collapsed tables were read is in `roder/economy/README.md` ("How the seed tables were
read"). Everything goes through the services, as the pages do; `by=None`.
"""

from decimal import Decimal

from django.db import transaction

from roder.demo.periods import set_status
from roder.economy import services
from roder.economy.ledger import SIGN_LEDGER, Mapping
from roder.economy.models import AccountCategory, Activity, ActivityColumn, LineKind
from roder.organisation.models import Organisation, Unit
from roder.periods.models import PeriodKind, PeriodStatus, ReportingPeriod

MKR = Decimal(1_000_000)
TKR = Decimal(1000)
BUDGET, OUTCOME, PROGNOSIS, PLAN = (
    LineKind.BUDGET,
    LineKind.OUTCOME,
    LineKind.PROGNOSIS,
    LineKind.PLAN,
)
SALES, OTHER_COST = ActivityColumn.SALES_OF_ACTIVITY, ActivityColumn.OTHER_COST

# --- seed 004, 3.4.1.1 Ekonomisk översikt (mkr) ---------------------------------------------
# The six columns, read as Bokslut 2024, Budget 2025, Prognos 2025, Budget 2026, Plan 2027 and
# Plan 2028 (the plan year is 2026; see the README). Amounts are positive in their category's
# direction: the seed's "-29,7" cost is 29,7 here. Zeros are not entered (the tables compute
# them). Budget 2026 is entered per activity below; its column here is what those lines add
# up to, kept for reading alongside the seed.
SP_COLUMNS = [
    (OUTCOME, 2024),
    (BUDGET, 2025),
    (PROGNOSIS, 2025),
    (BUDGET, 2026),
    (PLAN, 2027),
    (PLAN, 2028),
]
SP_CATEGORIES = {
    # code: amounts per column (the default categories' codes: I = income, K = cost)
    "I2": ("1.7", "1.9", "1.9", "0.8", "0.8", "0.8"),  # Täckningsbidrag
    "I3": ("0.2", "0.2", "0.2", "0.2", "0.2", "0.2"),  # Försäljning och avgifter
    "I4": ("13.4", "12.5", "12.9", "12.7", "12.7", "12.7"),  # Hyror och arrenden
    "I5": ("0.6", "0.4", "0.4", "0.4", "0.4", "0.4"),  # Bidrag
    "I6": ("84.9", "91.3", "91.3", "86.5", "86.5", "86.5"),  # Försäljn verksamhet/entreprenad
    "K1": ("0", "0.5", "0", "0", "0", "0"),  # Buffert
    "K2": ("0.1", "0", "0", "0", "0", "0"),  # Bidrag
    "K3": ("0.6", "0.1", "0.1", "0.7", "0.7", "0.7"),  # Entreprenad/köp av verksamhet
    "K4": ("29.7", "28.2", "29.1", "25.1", "25.1", "25.1"),  # Övrigt material och tjänster
    "K5": ("62.6", "69.7", "69.2", "67.6", "67.6", "67.6"),  # Personalkostnader
    "K6": ("5.7", "5.9", "5.9", "6.4", "6.4", "6.4"),  # Lokal- och markhyror
    "K7": ("0.1", "0", "0", "0", "0", "0"),  # Övriga fastighetskostnader
    "K10": ("1.7", "1.9", "1.9", "0.8", "0.8", "0.8"),  # Täckningsbidrag
}
BUDGET_YEAR = 2026

# Budget 2026 per activity (mkr): each activity's incomes and costs by category, chosen so that
# both seed tables come out: the category column above and the table per verksamhet. The seed's
# two tables split the same 100,6 mkr differently (försäljning av verksamhet 87,0 against the
# category's 86,5; köp av verksamhet 0,1 against 0,7), so two lines carry a column override:
# 0,5 mkr of Hyror och arrenden counts as försäljning av verksamhet, and 0,6 mkr of
# Entreprenad/köp av verksamhet (the entreprenad part) as övriga kostnader.
# activity code: {category code, or (category code, activity column): mkr}
SP_BUDGET_BY_ACTIVITY: dict[str, dict[str | tuple[str, str], str]] = {
    "13": {"I6": "1.4", "K5": "1.1", "K4": "0.3"},
    "14": {"I6": "29.5", "K5": "21.0", "K4": "6.6", "K6": "1.9"},
    "15": {"I6": "14.0", "I3": "0.2", "K5": "10.6", "K4": "2.6", "K6": "1.0"},
    "16": {"I6": "8.9", "K5": "6.8", "K4": "1.5", "K6": "0.6"},
    "18": {
        "I6": "28.1",
        "I4": "12.2",
        ("I4", SALES): "0.5",
        "I2": "0.8",
        "I5": "0.4",
        "K5": "25.2",
        "K4": "13.1",
        "K6": "2.3",
        "K10": "0.8",
        ("K3", OTHER_COST): "0.6",
    },
    "22": {"I6": "0.2", "K3": "0.1", "K4": "0.1"},
    "26": {"I6": "4.4", "K5": "2.9", "K4": "0.9", "K6": "0.6"},
}

# --- 2026 follow-up of Stöd & process (chosen) ---------------------------------------------
# Outcome to date (kr) at Tertial 1 and the year-end prognosis given then: personnel 0,2 mkr
# under budget, result +0,2 mkr. At Delår, outcome to date comes from a ledger file (built
# below, as Agresso writes it) and the prognosis turns to −0,3 mkr: recruitments in the autumn
# (+0,6 mkr personnel), slightly less material (−0,2) and a little more rent income (+0,1).
# The two results are the scorecard's "Resultat" outcomes (demo/scorecard.py: 0,2 and −0,3).
SP_TERTIAL1_OUTCOME = {
    "I2": "266700",
    "I3": "71350",
    "I4": "4236400",
    "I5": "118900",
    "I6": "28742150",
    "K3": "212300",
    "K4": "8105600",
    "K5": "21934500",
    "K6": "2133300",
    "K10": "266700",
}
SP_INTERIM_OUTCOME = {
    "I2": "533400",
    "I3": "139800",
    "I4": "8512700",
    "I5": "266000",
    "I6": "57308900",
    "K3": "455100",
    "K4": "16284900",
    "K5": "45522300",
    "K6": "4266600",
    "K10": "533400",
}
SP_TERTIAL1_PROGNOSIS_CHANGES = {"K5": "67.4"}
SP_INTERIM_PROGNOSIS_CHANGES = {"I4": "12.8", "K4": "24.9", "K5": "68.2"}

# --- seed 000, 7.3 Ekonomiskt resultat (tkr) -----------------------------------------------
# Year: (budget K, budget I, bokslut K, bokslut I), incomes as positive amounts. Costs are
# entered as personnel costs and incomes as sales of the service ("försäljning av tjänst"); the
# seed gives only the totals. 2009 has no bokslut: its prognosis is the budget ("Vår prognos är
# att budgeten håller").
NS_YEARS: dict[int, tuple[str, str, str | None, str | None]] = {
    2006: ("4069", "889", "3533", "900"),
    2007: ("3942", "971", "3994", "1447"),
    2008: ("3207", "2600", "2786", "2679"),
    2009: ("3885", "3245", None, None),
}
NS_PROGNOSIS = {2009: ("3885", "3245")}
NS_COST, NS_INCOME = "K5", "I6"


@transaction.atomic
def build_economy() -> None:
    """Called from `build_demo` after `build_actions` (it needs the 2026 periods of Upplands
    Väsby, which `build_scorecard` creates)."""
    vasby = Organisation.objects.get(slug="upplands-vasby")
    stockholm = Organisation.objects.get(slug="stockholm")
    for organisation in (vasby, stockholm):
        _install_defaults(organisation)
    _build_stod_och_process(vasby)
    _build_namndsekretariatet(stockholm)


def _install_defaults(organisation: Organisation) -> None:
    if not AccountCategory.objects.filter(organisation=organisation).exists():
        services.categories_install_defaults(organisation=organisation, by=None)
    if not Activity.objects.filter(organisation=organisation).exists():
        services.activities_install_defaults(organisation=organisation, by=None)


def _categories(organisation: Organisation) -> dict[str, AccountCategory]:
    return {c.code: c for c in AccountCategory.objects.filter(organisation=organisation)}


def _set(unit, year, kind, category, amount: Decimal, **extra) -> None:
    if amount:
        services.line_set(
            unit=unit, year=year, kind=kind, category=category, amount=amount, by=None, **extra
        )


def _build_stod_och_process(organisation: Organisation) -> None:
    office = Unit.objects.get(organisation=organisation, code="SP")
    categories = _categories(organisation)
    activities = {a.code: a for a in Activity.objects.filter(organisation=organisation)}
    for index, (kind, year) in enumerate(SP_COLUMNS):
        if (kind, year) == (BUDGET, BUDGET_YEAR):
            continue  # entered per activity below
        for code, amounts in SP_CATEGORIES.items():
            _set(office, year, kind, categories[code], Decimal(amounts[index]) * MKR)
    for activity_code, activity_amounts in SP_BUDGET_BY_ACTIVITY.items():
        for key, amount in activity_amounts.items():
            code, column = key if isinstance(key, tuple) else (key, "")
            _set(
                office,
                BUDGET_YEAR,
                BUDGET,
                categories[code],
                Decimal(amount) * MKR,
                activity=activities[activity_code],
                activity_column=column,
            )
    _follow_up_2026(office, categories)


def _budget_2026(code: str) -> Decimal:
    return Decimal(SP_CATEGORIES[code][SP_COLUMNS.index((BUDGET, BUDGET_YEAR))]) * MKR


def _prognosis(office, categories, period, changes: dict[str, str]) -> None:
    for code in SP_CATEGORIES:
        amount = Decimal(changes[code]) * MKR if code in changes else _budget_2026(code)
        _set(office, BUDGET_YEAR, PROGNOSIS, categories[code], amount, period=period)


def _follow_up_2026(office: Unit, categories) -> None:
    periods = ReportingPeriod.objects.filter(organisation=office.organisation, year=BUDGET_YEAR)
    tertial1 = periods.get(kind=PeriodKind.TERTIAL)
    interim = periods.get(kind=PeriodKind.INTERIM)
    # Tertial 1 is closed by the scorecard demo. Economy follows the same rule as outcomes
    # (a closed period is read-only), so the controller reopens it, enters and closes it again.
    was_closed = tertial1.status == PeriodStatus.CLOSED
    if was_closed:
        set_status(tertial1, PeriodStatus.OPEN)
    for code, amount in SP_TERTIAL1_OUTCOME.items():
        _set(office, BUDGET_YEAR, OUTCOME, categories[code], Decimal(amount), period=tertial1)
    _prognosis(office, categories, tertial1, SP_TERTIAL1_PROGNOSIS_CHANGES)
    if was_closed:
        set_status(tertial1, PeriodStatus.CLOSED)
    if not interim.is_open:
        set_status(interim, PeriodStatus.OPEN)
    _import_interim_outcome(office, interim)
    _prognosis(office, categories, interim, SP_INTERIM_PROGNOSIS_CHANGES)


def interim_ledger_file() -> bytes:
    """Delår's outcome to date as an Agresso-style export: one row per category and month
    January–August, ledger signs (incomes negative), semicolons, decimal commas."""
    lines = ["Ansvar;Konto;Kontogrupp;Verksamhet;Period;Belopp"]
    for code, total_text in SP_INTERIM_OUTCOME.items():
        total = Decimal(total_text)
        monthly = (total / 8).quantize(Decimal("0.01"))
        sign = -1 if code.startswith("I") else 1
        for month in range(1, 9):
            amount = monthly if month < 8 else total - monthly * 7
            text = f"{sign * amount:.2f}".replace(".", ",")
            lines.append(f"SP;;{code};;2026{month:02d};{text}")
    return ("\n".join(lines) + "\n").encode("cp1252")


def _import_interim_outcome(office: Unit, interim: ReportingPeriod) -> None:
    staged = services.ledger_import_stage(
        unit=office, file_name="agresso-sp-2026-08.csv", data=interim_ledger_file(), by=None
    )
    services.ledger_import_apply(
        ledger_import=staged,
        mapping=Mapping(
            unit=0,
            category=2,
            activity=3,
            date=4,
            amount=5,
            kind=OUTCOME,
            year=BUDGET_YEAR,
            period_id=interim.pk,
            sign=SIGN_LEDGER,
        ),
        by=None,
    )


def _build_namndsekretariatet(organisation: Organisation) -> None:
    unit = Unit.objects.get(organisation=organisation, code="TK-STAB-NS")
    categories = _categories(organisation)
    cost, income = categories[NS_COST], categories[NS_INCOME]
    for year, (budget_k, budget_i, outcome_k, outcome_i) in NS_YEARS.items():
        _set(unit, year, BUDGET, cost, Decimal(budget_k) * TKR)
        _set(unit, year, BUDGET, income, Decimal(budget_i) * TKR)
        if outcome_k is not None and outcome_i is not None:
            _set(unit, year, OUTCOME, cost, Decimal(outcome_k) * TKR)
            _set(unit, year, OUTCOME, income, Decimal(outcome_i) * TKR)
    for year, (prognosis_k, prognosis_i) in NS_PROGNOSIS.items():
        _set(unit, year, PROGNOSIS, cost, Decimal(prognosis_k) * TKR)
        _set(unit, year, PROGNOSIS, income, Decimal(prognosis_i) * TKR)
