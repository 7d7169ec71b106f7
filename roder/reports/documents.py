"""The verksamhetsplan and the follow-up reports (tertial, interim, annual report) as kinds of
the documents app, registered in apps.ReportsConfig.ready()."""

from django.urls import reverse
from django.utils.translation import gettext_lazy

from roder.documents.kinds import DocumentKind
from roder.periods.models import PeriodKind
from roder.planning.models import Plan
from roder.planning.selectors import plan_for
from roder.reports import followup, plan

PLAN = "plan"
TERTIAL = "tertial"
INTERIM = "interim"
ANNUAL = "annual"


def plan_of_year(unit, year: int, cache: dict):
    """The unit's plan of the year, read once per build (`cache`: the build's)."""
    if "plan" not in cache:
        cache["plan"] = plan_for(unit, year)
    return cache["plan"]


def plan_title(unit, year: int, period, cache: dict) -> str | None:
    """A plan is titled as adopted."""
    found = plan_of_year(unit, year, cache)
    return found.title if found is not None else None


def plan_texts(unit, year: int, period, cache: dict) -> dict[str, str]:
    """A plan's texts are the plan's sections."""
    found = plan_of_year(unit, year, cache)
    return {section.key: section.body for section in found.sections.all()} if found else {}


def plan_texts_url(unit, year: int, org: str) -> str:
    """The plan's page, where its texts are written ("" without a plan that year)."""
    pk = Plan.objects.filter(unit=unit, year=year).values_list("pk", flat=True).first()
    return reverse("planning:plan_detail", kwargs={"org": org, "pk": pk}) if pk else ""


def plan_years(unit) -> list[int]:
    """The years the unit has a plan for, newest first."""
    return list(Plan.objects.filter(unit=unit).order_by("-year").values_list("year", flat=True))


def _report(key: str, label, order: int, period_kind: str) -> DocumentKind:
    return DocumentKind(
        key=key,
        label=label,
        order=order,
        sections=followup.SECTIONS,
        period_kinds=(period_kind,),
        period_required=True,
        years=plan_years,
        notice=followup.approved_notice,
    )


KINDS = [
    DocumentKind(
        key=PLAN,
        label=gettext_lazy("Operational plan with budget"),
        order=10,
        sections=plan.SECTIONS,
        default_order=plan.DEFAULT_ORDER,
        title=plan_title,
        texts=plan_texts,
        texts_url=plan_texts_url,
        years=plan_years,
    ),
    _report(TERTIAL, gettext_lazy("Tertial report"), 20, PeriodKind.TERTIAL),
    _report(INTERIM, gettext_lazy("Interim report"), 30, PeriodKind.INTERIM),
    _report(ANNUAL, gettext_lazy("Annual report"), 40, PeriodKind.YEAR_END),
]
