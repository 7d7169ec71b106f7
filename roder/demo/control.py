"""Demo internal control: Stöd & process's risk and control plan 2026 (seed 004, section 5).

Every process, risk, kontrollmoment, reporting time ("Följs upp i") and åtgärd is the seed's, as
printed and grouped by perspective as the seed groups it (5.1 Ekonomi, 5.2 Kund, 5.3 Medarbetare,
5.4 Samhälle och miljö). The seed has no probability, consequence, method, owner or responsible
column: those, the matrix's Swedish labels and descriptions, and the results are chosen for the
demo. README.md ("Demo internal control") says how the collapsed table was read.

`build_control()` runs after `build_actions()` (it needs the 2026 plans, periods and persons).
Everything goes through the services, as the pages do; `by=None`.
"""

import datetime
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction

from roder.actions import services as actions
from roder.actions.models import ActionStatus
from roder.control import services as control
from roder.control.matrix import Band, Level, matrix_save
from roder.control.models import ControlOutcome, ControlPlan
from roder.demo.periods import set_status
from roder.demo.scorecard import G_BALANCE, G_PROUD, G_SERVICE
from roder.organisation.models import Organisation, Unit
from roder.periods.models import PeriodKind, PeriodStatus, ReportingPeriod
from roder.planning.models import Goal, GoalCategory

YEAR = 2026
SLUG = "upplands-vasby"
UNIT = "SP"
ADOPTED_ON = datetime.date(YEAR - 1, 12, 10)  # chosen: committees adopt the plan in December
RESPONSIBLE = "controller"  # the demo account that can see Stöd & process (Kommunstyrelsen)

PROBABILITY = [
    Level(1, "Mycket liten", "Osannolikt att det inträffar under året."),
    Level(2, "Liten", "Kan inträffa någon gång under året."),
    Level(3, "Stor", "Troligt att det inträffar under året."),
    Level(4, "Mycket stor", "Inträffar sannolikt flera gånger under året."),
]
CONSEQUENCE = [
    Level(1, "Försumbar", "Obetydlig påverkan på verksamhet, ekonomi och förtroende."),
    Level(2, "Lindrig", "Märkbar men begränsad påverkan som enheten hanterar själv."),
    Level(3, "Kännbar", "Påtaglig påverkan på kunder, ekonomi eller förtroende."),
    Level(4, "Allvarlig", "Stor påverkan på kunder, ekonomi eller kommunens förtroende."),
]
BANDS = [
    Band(1, 3, "Låg", "#b7dfb9"),
    Band(4, 8, "Medel", "#ffe08a"),
    Band(9, 16, "Hög", "#f4a6a6"),
]

T1_T2 = ("t1", "t2")
INFORMATION = "Förebyggande information till berörd personal"


@dataclass(frozen=True)
class Row:
    """One row of seed 004's Risk- och kontrollplan. `perspective` is the goal category number
    (1 Kund, 2 Samhälle och miljö, 3 Medarbetare, 4 Ekonomi); `probability`, `consequence`,
    `method` and `goal` are chosen."""

    key: str
    perspective: str
    process: str
    risk: str
    step: str
    times: tuple[str, ...]
    actions: str
    probability: int
    consequence: int
    method: str = ""
    goal: str | None = None


SUPPLIER = "Leverantören levererar inte enligt avtal."

PLAN = [
    # 5.1 Ekonomi
    Row(
        key="mutor",
        perspective="4",
        process="Inköp och avtal",
        risk="Mutor och bestickning",
        step="Stickprov",
        times=T1_T2,
        actions=INFORMATION,
        probability=2,
        consequence=4,
    ),
    Row(
        key="utanfor_avtal",
        perspective="4",
        process="Inköp och avtal",
        risk="Inköp görs utanför gällande avtal. Att avtal inte tecknas i enlighet med "
        "upphandlingsriktlinjerna.",
        step="Stickprov",
        times=T1_T2,
        actions=INFORMATION,
        probability=3,
        consequence=3,
        goal=G_BALANCE,
    ),
    Row(
        key="leveranser",
        perspective="4",
        process="Inköp och avtal",
        risk=SUPPLIER,
        step="Kontrollera leveranser",
        method="Stickprov",
        times=T1_T2,
        actions="",
        probability=2,
        consequence=2,
    ),
    Row(
        key="fakturor",
        perspective="4",
        process="Fakturahantering",
        risk=SUPPLIER,
        step="Stickprov",
        times=T1_T2,
        actions="Förebyggande information berörd personal",
        probability=2,
        consequence=3,
        goal=G_BALANCE,
    ),
    # 5.2 Kund
    Row(
        key="information",
        perspective="1",
        process="Informationshantering",
        risk="Information hanteras inte på rätt sätt, det vill säga följer ej aktuell "
        "hanteringsanvisning.",
        step="Följa informationshantering",
        times=(),
        actions=INFORMATION,
        probability=3,
        consequence=2,
        goal=G_SERVICE,
    ),
    # 5.3 Medarbetare
    Row(
        key="nmi",
        perspective="3",
        process="NMI",
        risk="Missnöjda medarbetare och sämre kvalitet i leverans till kund.",
        step="Följa nyckeltalet NMI",
        times=(),
        actions="",
        probability=1,
        consequence=3,
        goal=G_PROUD,
    ),
    # 5.4 Samhälle och miljö
    Row(
        key="kris",
        perspective="2",
        process="Kris och beredskap",
        risk="Krisplanen är ej känd bland medarbetarna.",
        step="Information från chefer",
        times=(),
        actions="Information till alla chefer",
        probability=3,
        consequence=4,
    ),
]

# Chosen results: (outcome, comment) per control key.
T1_RESULTS = {
    "mutor": (
        ControlOutcome.DONE,
        "Stickprov på 25 leverantörsfakturor och 10 representationstillfällen: inga tecken på "
        "otillbörliga förmåner.",
    ),
    "utanfor_avtal": (
        ControlOutcome.DEVIATION,
        "Stickprov på 30 inköp: 4 inköp av konsulttjänster (IT och kommunikation) gjordes "
        "utanför gällande ramavtal, utan beslut om direktupphandling.",
    ),
    "leveranser": (
        ControlOutcome.DONE,
        "Stickprov på 15 leveranser mot avtal och beställning: levererat enligt avtal.",
    ),
    "fakturor": (
        ControlOutcome.DONE,
        "Stickprov på 40 fakturor: attest och leveranskontroll gjord före betalning.",
    ),
}
T2_RESULTS = {
    "mutor": (ControlOutcome.DONE, "Stickprov på 25 leverantörsfakturor: inga avvikelser."),
    "utanfor_avtal": (
        ControlOutcome.DONE,
        "Stickprov på 30 inköp: samtliga enligt avtal efter informationen till beställarna i maj.",
    ),
    "fakturor": (
        ControlOutcome.NOT_DONE,
        "Stickprovet flyttas till september: semesterperiod i ekonomifunktionen.",
    ),
}  # "leveranser" is left unreported in Delår, so it shows as late once the deadline passes.
DEVIATION_NOTE = "Information om gällande ramavtal skickad till alla beställare 2026-05-20."


@transaction.atomic
def build_control() -> ControlPlan:
    organisation = Organisation.objects.get(slug=SLUG)
    matrix_save(
        organisation=organisation,
        size=4,
        probability=PROBABILITY,
        consequence=CONSEQUENCE,
        bands=BANDS,
        expected_version=None,
        by=None,
    )
    office = Unit.objects.get(organisation=organisation, code=UNIT)
    plan = control.control_plan_create(unit=office, year=YEAR, by=None)
    control.control_plan_update(
        plan=plan, status="adopted", adopted_on=ADOPTED_ON, expected_version=1, by=None
    )
    responsible = get_user_model().objects.get(username=RESPONSIBLE)
    controls = {row.key: _add_row(plan, office, row, responsible) for row in PLAN}
    tertial1 = _period(organisation, PeriodKind.TERTIAL)
    interim = _period(organisation, PeriodKind.INTERIM)
    # Tertial 1 was closed by the scorecard demo: reopen it, record, close it again.
    set_status(tertial1, PeriodStatus.OPEN)
    created = _record(controls, tertial1, T1_RESULTS)
    set_status(tertial1, PeriodStatus.CLOSED)
    _record(controls, interim, T2_RESULTS)
    for action in created:  # the deviation's action was carried out before Delår
        actions.action_add_note(action=action, text=DEVIATION_NOTE, by=None)
        actions.action_update(
            action=action,
            expected_version=action.version,
            due=datetime.date(YEAR, 6, 30),
            status=ActionStatus.DONE,
            by=None,
        )
    return plan


def _add_row(plan, office, row: Row, responsible):
    category = GoalCategory.objects.get(organisation=office.organisation, number=row.perspective)
    goals = Goal.objects.filter(plan__unit=office, plan__year=YEAR, title=row.goal)
    risk = control.risk_create(
        plan=plan,
        process=row.process,
        description=row.risk,
        category=category,
        probability=row.probability,
        consequence=row.consequence,
        goals=goals.select_related("plan__unit") if row.goal else (),
        by=None,
    )
    return control.control_create(
        risk=risk,
        step=row.step,
        method=row.method,
        responsible=responsible if row.times else None,
        report_in=row.times,
        planned_actions=row.actions,
        by=None,
    )


def _period(organisation, kind: str) -> ReportingPeriod:
    return ReportingPeriod.objects.get(organisation=organisation, year=YEAR, kind=kind)


def _record(controls, period, results) -> list:
    created = []
    for key, (outcome, comment) in results.items():
        recorded = control.result_record(
            control=controls[key], period=period, outcome=outcome, comment=comment, by=None
        )
        if recorded.action is not None:
            created.append(recorded.action)
    return created
