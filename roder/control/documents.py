"""The internal control report (uppföljning av intern kontroll), registered with the documents
app (apps.ControlConfig.ready)."""

from django.utils.translation import gettext_lazy

from roder.documents.builders.control import SECTIONS
from roder.documents.kinds import DocumentKind
from roder.periods.models import PeriodKind

CONTROL = "control"

KIND = DocumentKind(
    key=CONTROL,
    label=gettext_lazy("Internal control report"),
    order=50,
    sections=SECTIONS,
    # For a year, or one period of it (T1, T2 or year-end).
    period_kinds=(PeriodKind.TERTIAL, PeriodKind.INTERIM, PeriodKind.YEAR_END),
)
