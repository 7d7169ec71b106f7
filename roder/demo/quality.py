"""Demo quality evaluations (M9): Upplands Väsby's KommunKompassen 2011 (seed 002) and
Serviceförvaltningen's entry to Kvalitetsutmärkelsen 2012 (seed 001).

Texts are the seeds' (quality_texts.py). Chosen for the demo: the evaluation belongs to
Kommunstyrelsen (it leads the municipality; the demo's controller and reader see it there), the
action's status, and the entry's evaluator. README.md ("Demo quality evaluations") says more.
`build_quality()` runs after the other builders; everything goes through the services.
"""

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction

from roder.actions import services as actions
from roder.actions.models import ActionStatus
from roder.demo.periods import set_status
from roder.demo.quality_texts import (
    KK_AREAS,
    KK_SUMMARY,
    KU_ANSWERS,
    KU_INTRODUCTION,
    AreaTexts,
)
from roder.followup import services as followup
from roder.indicators import services as indicators
from roder.indicators.models import Aggregation, Direction, Measure, Periodicity, Source
from roder.organisation.models import Organisation, Unit
from roder.periods import services as periods
from roder.periods.models import PeriodKind, PeriodStatus, ReportingPeriod
from roder.quality.entries import selectors as entry_selectors
from roder.quality.entries import services as entry_services
from roder.quality.evaluations import services as evaluation_services
from roder.quality.frameworks import services as framework_services
from roder.quality.frameworks.files import install_shipped_frameworks
from roder.quality.models import Entry, Evaluation, FrameworkVersion

SCORES = {1: 68, 2: 63, 3: 84, 4: 60, 5: 69, 6: 41, 7: 51, 8: 63}  # seed 002, total 499

# (area, sub-area or None, municipality, text) — the good examples seed 002 names.
GOOD_EXAMPLES = [
    (
        1,
        2,
        "Borås Stad",
        "Sociala medier: här kan man som medborgare bland annat följa fullmäktigesammanträdena "
        "via Facebook och Twitter.",
    ),
    (1, 4, "Örebro kommun", "Arbetet att motverka korruption."),
    (
        2,
        2,
        "Kungsbacka kommun",
        "Arbetet med BITT (Bemötande, Inflytande, Tillgänglighet och Trygghet).",
    ),
    (
        3,
        1,
        "Kungsbacka kommun",
        "Värdegrundsarbetet BITT och hur man knutit ihop detta med sitt ledningssystem.",
    ),
    (3, 5, "Kungsbacka kommun", "Nöjdhetsundersökningar till förtroendevalda."),
    (
        4,
        1,
        "Piteå kommun",
        "Övergripande ledarskapspolicy som beskriver ledningsfilosofin.",
    ),
    (4, 4, "Nacka kommun", "Uppdragsbeskrivningar/chefskontrakt."),
    (4, 4, "Östersunds kommun", "Uppdragsbeskrivningar/chefskontrakt."),
]
# The improvement area that became an action (seed 002: the new personalstrategi is under way).
ACTION_AREA, ACTION_TEXT = 6, "Utveckla en kommunövergripande personalstrategi."
REFERENCE_NAME = "Snitt för kommuner utvärderade med 2010 års version"
REFERENCE_SOURCE = (
    "SKL, Kommunkompassen 2.0 (seed 002, diagrammet i avsnitt 2). Källan ger inga siffror: "
    "värdena är inte inlagda."
)
KEY_FACTS = "Upplands Väsby kommun (kommunkod 0114), Stockholms län."


def _framework(code: str, label: str) -> FrameworkVersion:
    return FrameworkVersion.objects.get(organisation=None, code=code, version_label=label)


@transaction.atomic
def build_quality() -> dict[str, int]:
    # A migration installs the shipped frameworks; a database flushed since (the browser tests'
    # transactional tests) has lost them, so make sure they are there.
    install_shipped_frameworks()
    evaluation = build_kommunkompassen()
    entry = build_entry()
    return {"evaluations": int(evaluation is not None), "entries": int(entry is not None)}


def build_kommunkompassen() -> Evaluation:
    organisation = Organisation.objects.get(slug="upplands-vasby")
    framework = _framework("kommunkompassen", "2010")
    unit = Unit.objects.get(organisation=organisation, code="KS")
    author = get_user_model().objects.get(username="controller")
    evaluation = evaluation_services.evaluation_create(
        unit=unit,
        framework=framework,
        kind="external",
        title="KommunKompassen – analys av Upplands Väsby 2011",
        evaluators="Christine Feuk och Britt-Marie Hedlund, SKL",
        starts=datetime.date(2011, 5, 30),
        ends=datetime.date(2011, 5, 31),
        reported_on=datetime.date(2011, 11, 30),
        summary=KK_SUMMARY,
        key_facts=KEY_FACTS,
        by=author,
    )
    rows = {row.area.number: row for row in evaluation.scores.select_related("area")}
    narratives = {
        (n.sub_area.area.number, n.sub_area.number): n
        for n in evaluation.narratives.select_related("sub_area__area")
    }
    for number, score in SCORES.items():
        texts = KK_AREAS.get(number)
        evaluation_services.area_score_save(
            row=rows[number],
            score=score,
            text=texts["general"] if texts else "",
            narratives={
                narratives[(number, sub)]: text
                for sub, text in (texts["narratives"] if texts else {}).items()
            },
            expected_version=rows[number].version,
            by=author,
        )
        _findings(evaluation, number, texts, author)
    framework_services.reference_save(
        organisation=organisation,
        framework=framework,
        name=REFERENCE_NAME,
        source=REFERENCE_SOURCE,
        values={},
        by=author,
    )
    return evaluation


def _findings(evaluation, number: int, texts: AreaTexts | None, author) -> None:
    if texts is None:
        return
    area = evaluation.framework.areas.get(number=number)
    for kind, found in (("strength", texts["strengths"]), ("improvement", texts["improvements"])):
        for text in found:
            finding = evaluation_services.finding_create(
                evaluation=evaluation, area=area, kind=kind, text=text, by=author
            )
            if number == ACTION_AREA and text == ACTION_TEXT:
                action = evaluation_services.finding_to_action(
                    finding=finding,
                    title="Ta fram en kommunövergripande personalstrategi",
                    by=author,
                )
                actions.action_update(
                    action=action,
                    expected_version=action.version,
                    status=ActionStatus.ONGOING,
                    by=author,
                )
    for area_number, sub_number, municipality, text in GOOD_EXAMPLES:
        if area_number == number:
            evaluation_services.finding_create(
                evaluation=evaluation,
                area=area,
                sub_area=area.sub_areas.get(number=sub_number),
                kind="good_example",
                municipality=municipality,
                text=text,
                by=author,
            )


def build_entry() -> Entry:
    organisation = Organisation.objects.get(slug="stockholm")
    unit = Unit.objects.get(organisation=organisation, code="SF-EA")
    people = get_user_model().objects
    writer = people.get(username="ekonomichef")
    entry = entry_services.entry_create(
        unit=unit,
        framework=_framework("kvalitetsutmarkelsen-stockholm", "2012"),
        title="Tävlingsbidrag Kvalitetsutmärkelsen 2012 – Verksamhetsområde ekonomiadministration",
        year=2012,
        entry_class="Andra verksamheter",
        evaluators=[people.get(username="kvalitetsstrateg")],
        by=writer,
    )
    entry_services.entry_update(
        entry=entry, expected_version=entry.version, introduction=KU_INTRODUCTION, by=writer
    )
    for answer in entry.answers.select_related("question"):
        text = KU_ANSWERS.get(answer.question.number)
        if text:
            entry_services.answer_save(
                answer=answer, text=text, expected_version=answer.version, by=writer
            )
    # Questions 5 (customer surveys) and 14 (employee surveys) ask for results: the figures come
    # from the unit's indicators, inserted as the entry page's "Infoga nyckeltal" does.
    created = _survey_indicators(unit)
    for number, keys in ((5, ("nki", "satisfied")), (14, ("nmi",))):
        answer = entry.answers.get(question__number=number)
        entry_services.answer_add_figures(
            answer=answer,
            lines=entry_selectors.figure_lines(unit, [created[key] for key in keys]),
            expected_version=answer.version,
            by=writer,
        )
    return entry


# Seed 001's survey results as the unit's indicators (year-end outcomes): Nöjd-Kund-Index 67 in
# 2010 and 2011; the share of satisfied customers 73, 80 and 82 % (2009–2011) against the 90 %
# target; Nöjd medarbetarindex 72, 76, 72 (2009–2011; the table's first column).
SURVEYS = {
    "nki": ("Nöjd-Kund-Index (NKI)", Measure.INDEX, {2010: "67", 2011: "67"}, None),
    "satisfied": (
        "Andel nöjda kunder",
        Measure.PERCENT,
        {2009: "73", 2010: "80", 2011: "82"},
        "90",
    ),
    "nmi": (
        "Nöjd medarbetarindex (NMI)",
        Measure.INDEX,
        {2009: "72", 2010: "76", 2011: "72"},
        None,
    ),
}


def _survey_indicators(unit: Unit) -> dict:
    organisation = unit.organisation
    created = {}
    for key, (name, measure, values, target) in SURVEYS.items():
        indicator = indicators.indicator_create(
            organisation=organisation,
            owner=unit,
            name=name,
            description="",
            measure=measure,
            direction=Direction.HIGHER,
            periodicity=Periodicity.YEAR,
            decimals=0,
            aggregation=Aggregation.MEAN,
            by_gender=False,
            source=Source.SURVEY,
            source_reference="Seed 001",
            is_active=True,
            by=None,
        )
        created[key] = indicator
        for year, value in values.items():
            period = _year_end(organisation, year)
            set_status(period, PeriodStatus.OPEN)
            followup.outcome_write(
                indicator=indicator, unit=unit, period=period, value=Decimal(value), by=None
            )
            set_status(period, PeriodStatus.CLOSED)
            if target is not None:
                indicators.target_set(
                    indicator=indicator, unit=unit, year=year, value=Decimal(target), by=None
                )
    return created


def _year_end(organisation, year: int) -> ReportingPeriod:
    period = ReportingPeriod.objects.filter(
        organisation=organisation, year=year, kind=PeriodKind.YEAR_END
    ).first()
    if period is None:
        (values,) = [p for p in periods.default_periods(year) if p["kind"] == PeriodKind.YEAR_END]
        period = periods.period_create(organisation=organisation, year=year, by=None, **values)
    return period
