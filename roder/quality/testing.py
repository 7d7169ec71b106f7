"""Quality evaluations for the shared test world (roder/testing.py)."""

from roder.quality import services
from roder.quality.models import FrameworkVersion

KK2010 = {"code": "kommunkompassen", "version_label": "2010", "organisation": None}
KU2012 = {"code": "kvalitetsutmarkelsen-stockholm", "version_label": "2012", "organisation": None}


def kommunkompassen() -> FrameworkVersion:
    """The shipped KommunKompassen 2010 (installed by the migration)."""
    return FrameworkVersion.objects.get(**KK2010)


def kvalitetsutmarkelsen() -> FrameworkVersion:
    return FrameworkVersion.objects.get(**KU2012)


def make_evaluation(unit, framework=None, title="KommunKompassen 2011", **values):
    return services.evaluation_create(
        unit=unit, framework=framework or kommunkompassen(), title=title, by=None, **values
    )


def score(evaluation, number: int, value, text: str = ""):
    row = evaluation.scores.get(area__number=number)
    return services.area_score_save(
        row=row, score=value, text=text, narratives={}, expected_version=row.version, by=None
    )


def make_finding(
    evaluation, number: int = 1, kind: str = "improvement", text="Sociala medier", **v
):
    area = evaluation.framework.areas.get(number=number)
    return services.finding_create(
        evaluation=evaluation, area=area, kind=kind, text=text, by=None, **v
    )


def make_entry(unit, framework=None, **values):
    values.setdefault("title", "Tävlingsbidrag 2012")
    values.setdefault("year", 2012)
    return services.entry_create(
        unit=unit, framework=framework or kvalitetsutmarkelsen(), by=None, **values
    )
