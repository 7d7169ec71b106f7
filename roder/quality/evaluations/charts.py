"""The evaluation's radar chart (score per area against the comparison's series), for the
evaluation's page, the comparison page and the evaluation report (documents.py)."""

from django.utils.translation import gettext as _

from roder.core.charts import Chart, radar_chart
from roder.quality.models import Evaluation


def _maximum(areas) -> int:
    maxima = {area.max_value for area in areas if area.max_value}
    return max(maxima) if maxima else 100


def radar(evaluation: Evaluation, areas, series) -> Chart | None:
    """The evaluation's profile against the series given (`selectors.Series`), over one
    framework version's areas; None when the version has no areas or none with a maximum (a
    radar needs a scale). An area without a value is a gap in its series, never a zero."""
    if not areas or not any(area.max_value for area in areas):
        return None
    return radar_chart(
        title=_("%(evaluation)s: score per area") % {"evaluation": evaluation},
        axes=[f"{area.number}. {area.name}" for area in areas],
        series=[(line.name, line.values) for line in series],
        maximum=_maximum(areas),
    )
