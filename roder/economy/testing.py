"""Economy data for the shared test world (roder/testing.py)."""

from decimal import Decimal

from roder.economy import services
from roder.economy.models import AccountCategory, Activity

YEAR = 2026


def install(organisation) -> tuple[dict[str, AccountCategory], dict[str, Activity]]:
    """The default categories (codes I1–I6, K1–K10) and activities (13 … 26)."""
    categories = services.categories_install_defaults(organisation=organisation, by=None)
    activities = services.activities_install_defaults(organisation=organisation, by=None)
    return {c.code: c for c in categories}, {a.code: a for a in activities}


def put(unit, category, amount, *, kind="budget", year=YEAR, **extra):
    """One line, amount in kronor (text or number)."""
    return services.line_set(
        unit=unit,
        year=year,
        kind=kind,
        category=category,
        amount=None if amount is None else Decimal(str(amount)),
        by=extra.pop("by", None),
        **extra,
    )


CSV_HEADER = "Ansvar;Konto;Verksamhet;Bokföringsdatum;Belopp;Text"


def ledger_csv(rows: list[str], header: str = CSV_HEADER) -> bytes:
    return ("\n".join([header, *rows]) + "\n").encode("utf-8")
