"""Internal control for the shared test world (roder/testing.py)."""

import datetime

from roder.control import services
from roder.control.models import Control, ControlPlan, Risk
from roder.periods.models import PeriodKind
from roder.periods.testing import make_period
from roder.planning.testing import YEAR


def make_control_plan(unit, year: int = YEAR) -> ControlPlan:
    return services.control_plan_create(unit=unit, year=year, by=None)


def make_risk(plan: ControlPlan, description: str = "Mutor och bestickning", **values) -> Risk:
    values.setdefault("process", "Inköp och avtal")
    values.setdefault("probability", 2)
    values.setdefault("consequence", 3)
    return services.risk_create(plan=plan, description=description, by=None, **values)


def make_control(risk: Risk, step: str = "Stickprov", **values) -> Control:
    values.setdefault("report_in", ("t1", "t2"))
    return services.control_create(risk=risk, step=step, by=None, **values)


def make_year(organisation, year: int = YEAR, *, t1="open", interim="open", year_end="planned"):
    """The three default periods of a year: Tertial 1 (T1), Delår (T2) and year-end."""
    jan1 = datetime.date(year, 1, 1)
    return {
        "t1": make_period(
            organisation,
            status=t1,
            year=year,
            name=f"Tertial 1 {year}",
            starts=jan1,
            ends=datetime.date(year, 4, 30),
        ),
        "t2": make_period(
            organisation,
            status=interim,
            year=year,
            kind=PeriodKind.INTERIM,
            name=f"Delår {year}",
            starts=jan1,
            ends=datetime.date(year, 8, 31),
        ),
        "year_end": make_period(
            organisation,
            status=year_end,
            year=year,
            kind=PeriodKind.YEAR_END,
            name=f"Helår {year}",
            starts=jan1,
            ends=datetime.date(year, 12, 31),
        ),
    }
