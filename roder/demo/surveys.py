"""Demo surveys (M10, issue 14): HME for Upplands Väsby's Stöd & process in 2025 (closed) and
2026 (open, personal links), with generated answers per unit, Kommunikationsenheten under the
minimum group size so the protection shows; and Serviceförvaltningen's customer survey (seed
001's quality areas) open through a link, for answering in a logged-out browser.

Seed 001's customer survey 2009–2011 is imported as results (`services.results_import`, the
same path as the import page): per year the four quality areas and the share of customers
satisfied with the whole, and the NKI for 2010 and 2011. The seed's NKI indicator of the
ekonomiadministration (quality.py, with its outcomes) is linked to the imported NKI rather than
given the figures twice. Seed 000's work-environment checklist (1–6) is a closed round answered
by Nämndsekretariatet's six.

Answers are generated with a fixed seed and go through the answering services.
"""

import datetime
import random

from django.utils import timezone

from roder.indicators.models import Indicator
from roder.organisation.models import Organisation, Unit
from roder.surveys import nyckeltal, services
from roder.surveys.files import install_shipped
from roder.surveys.models import Invitation, Questionnaire, RoundUnit, SurveyRound

HME_ANSWERS = {  # unit code → (answers 2025, answers 2026, the unit's usual step)
    "SP-VD": (9, 11, 4),
    "SP-KOM": (3, 2, 4),  # under the minimum: "färre än 5 svar"
    "SP-IT": (7, 8, 4),
    "SP-KANS": (6, 7, 4),
    "SP-LON": (8, 9, 5),
}


HME_YEAR = 2025  # the closed round, whose index is the HME nyckeltal's 2025 outcome


def hme_round(vasby: Organisation, office: Unit, year: int, *, closed: bool) -> SurveyRound:
    """Stöd & process's HME round of the year with generated answers per unit: 2025's closed
    in the autumn (closing writes the HME nyckeltal's outcomes for Helår 2025, see
    scorecard._record_history), 2026's open for a month from a week ago, by personal links."""
    install_shipped()  # a database flushed since the migration has lost them
    units = {code: Unit.objects.get(organisation=vasby, code=code) for code in HME_ANSWERS}
    hme = Questionnaire.objects.get(organisation=None, code="hme")
    chance = random.Random(14 + year)
    column = 0 if year == HME_YEAR else 1
    opens = datetime.date(year, 10, 1) if closed else timezone.localdate() - datetime.timedelta(7)
    round_ = services.round_create(
        organisation=vasby,
        questionnaire=hme,
        owner_unit=office,
        units=units.values(),
        name=f"HME {year}, Stöd & process",
        access="personal",
        opens_on=opens,
        closes_on=opens + datetime.timedelta(days=30),
        by=None,
    )
    questions = list(hme.questions.all())
    for code, unit in units.items():
        count, usual = HME_ANSWERS[code][column], HME_ANSWERS[code][2]
        recipients = [(f"medarbetare{n}.{code.lower()}@example.se", None) for n in range(count + 2)]
        tokens = services.invitations_create(
            round_=round_, unit=unit, recipients=recipients, by=None
        )
        # The links went out on the opening day (the demo mails nobody, so the day is only
        # recorded: the round's page then offers reminders, not a first sending).
        Invitation.objects.filter(round=round_, unit=unit).update(sent_on=opens)
        for email in list(tokens)[:count]:
            invitation = services.invitation_for(tokens[email])
            assert invitation is not None
            values = {
                q.pk: min(5, max(1, usual + chance.choice((-1, 0, 0, 0, 1)))) for q in questions
            }
            services.answer_personal(invitation=invitation, values=values, today=opens)
    if closed:
        services.round_close(round_=round_, by=None)
    return round_


# Seed 001 (Kvalitetsutmärkelsen 2012, question 5): the quality areas per year on 0–100 ("Kundernas
# omdöme"), the share very satisfied or satisfied with the whole (73, 80, 82 % against the 90 %
# target) and the NKI (67 in 2010 and 2011). The seed gives no number of answers; 35 is the
# number of customers its 142 customer meetings a year at four per customer make (an estimate).
CUSTOMER_YEARS = {
    2009: {"tillganglighet": 72, "information": 72, "bemotande": 81, "effektivitet": 79},
    2010: {"tillganglighet": 81, "information": 80, "bemotande": 87, "effektivitet": 82},
    2011: {"tillganglighet": 79, "information": 78, "bemotande": 86, "effektivitet": 84},
}
SATISFIED = {2009: 73, 2010: 80, 2011: 82}
NKI = {2010: 67, 2011: 67}
CUSTOMERS = 35
SOURCE = "Serviceförvaltningens kundenkät (Kvalitetsutmärkelsen 2012, fråga 5)"


def customer_results(stockholm: Organisation, service: Unit) -> list[SurveyRound]:
    """Seed 001's customer survey 2009–2011 imported as results, as a CSV file would be."""
    customer = Questionnaire.objects.get(organisation=None, code="kundenkat")
    nki = Questionnaire.objects.get(organisation=None, code="nki")
    made = []
    for year, areas in CUSTOMER_YEARS.items():
        rows = [f"{service.code};{code};{CUSTOMERS};{value}" for code, value in areas.items()]
        rows.append(f"{service.code};helhet;{CUSTOMERS};;{SATISFIED[year]}")
        made.append(_import(stockholm, customer, service, year, rows, f"Kundenkät {year}"))
    for year, value in NKI.items():
        rows = [f"{service.code};nki;{CUSTOMERS};{value}"]
        made.append(_import(stockholm, nki, service, year, rows, f"Nöjd-Kund-Index {year}"))
    indicator = Indicator.objects.filter(
        organisation=stockholm, owner=service, name="Nöjd-Kund-Index (NKI)"
    ).first()
    if indicator is not None:  # its outcomes (quality.py) stay; it now names its source
        nyckeltal.indicator_link(
            indicator=indicator,
            reference_=nyckeltal.reference("nki", "nki"),
            expected_version=indicator.version,
            by=None,
        )
    return made


def _import(organisation, questionnaire, unit, year, rows, name) -> SurveyRound:
    data = "\n".join(["enhet;kod;n;värde;andel positiva", *rows]).encode()
    return services.results_import(
        organisation=organisation,
        questionnaire=questionnaire,
        owner_unit=unit,
        year=year,
        name=name,
        source=SOURCE,
        data=data,
        by=None,
    )


def checklist_round(stockholm: Organisation) -> SurveyRound:
    """Seed 000's work-environment checklist (1–6) at the spring 2009 workplace meeting,
    answered by Nämndsekretariatet's six (seed 000 names the six who took part); generated."""
    unit = Unit.objects.get(organisation=stockholm, code="TK-STAB-NS")
    checklist = Questionnaire.objects.get(organisation=None, code="arbetsmiljo-checklista")
    opens = datetime.date(2009, 4, 20)
    round_ = services.round_create(
        organisation=stockholm,
        questionnaire=checklist,
        owner_unit=unit,
        units=[unit],
        name="Checklista för god arbetsmiljö, APT våren 2009",
        access="open",
        opens_on=opens,
        closes_on=opens + datetime.timedelta(days=14),
        by=None,
    )
    link = RoundUnit.objects.get(round=round_)
    chance = random.Random(2009)
    questions = list(checklist.questions.all())
    for n in range(6):
        values = {q.pk: chance.choice((4, 5, 5, 6)) for q in questions}
        services.answer_open_link(
            round_unit=link, browser_token=f"ns-{n}", values=values, today=opens
        )
    services.round_close(round_=round_, by=None)
    return round_


def build_surveys() -> dict[str, int]:
    vasby = Organisation.objects.get(slug="upplands-vasby")
    hme_round(vasby, Unit.objects.get(organisation=vasby, code="SP"), 2026, closed=False)
    chance = random.Random(14)
    today = timezone.localdate()
    stockholm = Organisation.objects.get(slug="stockholm")
    service = Unit.objects.get(organisation=stockholm, code="SF-EA")
    customer = services.round_create(
        organisation=stockholm,
        questionnaire=Questionnaire.objects.get(organisation=None, code="kundenkat"),
        owner_unit=service,
        units=[service],
        name="Kundenkät ekonomiadministration",
        access="open",
        opens_on=today - datetime.timedelta(days=3),
        closes_on=today + datetime.timedelta(days=60),
        by=None,
    )
    link = RoundUnit.objects.get(round=customer)
    questions = list(customer.questionnaire.questions.exclude(kind="text"))
    for n in range(12):
        values = {
            q.pk: chance.randint(6, 10) if q.scale_max == 10 else chance.randint(3, 5)
            for q in questions
        }
        services.answer_open_link(
            round_unit=link, browser_token=f"demo-{n}", values=values, today=today
        )
    customer_results(stockholm, service)
    checklist_round(stockholm)
    return {"survey_rounds": SurveyRound.objects.count()}
