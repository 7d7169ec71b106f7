"""The evaluation's radar chart (score per area against the comparison's series), for the
comparison page and the evaluation report (documents.py)."""

from django.utils.translation import gettext as _

from roder.core.charts import Chart, radar_chart
from roder.quality.models import Evaluation


def _maximum(areas) -> int:
    maxima = {area.max_value for area in areas if area.max_value}
    return max(maxima) if maxima else 100


def radar(evaluation: Evaluation, areas, series) -> Chart | None:
    """The evaluation's profile against the series given ((name, values, total, note)),
    over one framework version's scored areas."""
    if not areas:
        return None
    return radar_chart(
        title=_("%(evaluation)s: score per area") % {"evaluation": evaluation},
        axes=[f"{area.number}. {area.name}" for area in areas],
        series=[(name, values) for name, values, _total, _note in series],
        maximum=_maximum(areas),
    )
