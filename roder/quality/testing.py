"""Quality evaluations for the shared test world (roder/testing.py), and what the page tests of
the three parts share: the personas' expected answers and the URL of a quality page."""

from django.urls import reverse

from roder.quality.entries import services as entry_services
from roder.quality.evaluations import services as evaluation_services
from roder.quality.frameworks import services as framework_services
from roder.quality.models import FrameworkVersion, Question
from roder.testing import PERSONAS, READ_A

# What each persona of the test world gets on a page about Enhet A (PERSONAS and READ_A:
# roder/testing.py).
EVALUATE_A = READ_A | {"manager": 403, "reporter": 403, "reader": 403}
ANSWER_A = READ_A | {"reader": 403}
ADMIN_ONLY = dict.fromkeys(PERSONAS, 403) | {"admin": 200}

KK2010 = {"code": "kommunkompassen", "version_label": "2010", "organisation": None}
KU2012 = {"code": "kvalitetsutmarkelsen-stockholm", "version_label": "2012", "organisation": None}


def kommunkompassen() -> FrameworkVersion:
    """The shipped KommunKompassen 2010 (installed by the migration)."""
    return FrameworkVersion.objects.get(**KK2010)


def kvalitetsutmarkelsen() -> FrameworkVersion:
    return FrameworkVersion.objects.get(**KU2012)


def url(name, world, **kwargs) -> str:
    return reverse(f"quality:{name}", kwargs={"org": world.organisation.slug, **kwargs})


def make_evaluation(unit, framework=None, title="KommunKompassen 2011", **values):
    return evaluation_services.evaluation_create(
        unit=unit, framework=framework or kommunkompassen(), title=title, by=None, **values
    )


def score(evaluation, number: int, value, text: str = ""):
    row = evaluation.scores.get(area__number=number)
    return evaluation_services.area_score_save(
        row=row, score=value, text=text, narratives={}, expected_version=row.version, by=None
    )


def make_finding(
    evaluation, number: int = 1, kind: str = "improvement", text="Sociala medier", **v
):
    area = evaluation.framework.areas.get(number=number)
    return evaluation_services.finding_create(
        evaluation=evaluation, area=area, kind=kind, text=text, by=None, **v
    )


def make_entry(unit, framework=None, **values):
    values.setdefault("title", "Tävlingsbidrag 2012")
    values.setdefault("year", 2012)
    return entry_services.entry_create(
        unit=unit, framework=framework or kvalitetsutmarkelsen(), by=None, **values
    )


# Seed 000's 1–6 scale (its ends: 1 = stämmer inte alls, 6 = stämmer helt); the steps between
# are named here only for the tests.
SIX_STEPS = [
    {"value": 1, "label": "Stämmer inte alls"},
    {"value": 2, "label": "Stämmer i låg grad"},
    {"value": 3, "label": "Stämmer delvis"},
    {"value": 4, "label": "Stämmer i hög grad"},
    {"value": 5, "label": "Stämmer nästan helt"},
    {"value": 6, "label": "Stämmer helt"},
]
THREE_STEPS = [
    {"value": 0, "label": "Inte påbörjat"},
    {"value": 1, "label": "Delvis"},
    {"value": 2, "label": "Helt"},
]


def with_scale(organisation, source=None, *, area: int = 1, question: int | None = None):
    """An own copy of `source` (KommunKompassen 2010) with area `area` on SIX_STEPS and, when
    given, question `question` on THREE_STEPS."""
    version = framework_services.framework_copy(
        source=source or kommunkompassen(), organisation=organisation, by=None
    )
    version.areas.filter(number=area).update(scale=SIX_STEPS, max_score=None)
    if question is not None:
        Question.objects.filter(area__framework=version, number=question).update(scale=THREE_STEPS)
    return version
