"""Demo complaints (M11): Upplands Väsby's "Synpunkt Väsby" (seed 002) with a few open cases
at Väsby Direkt, built through the complaints services. The dates follow today, so one case is
always overdue and one always answered."""

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from roder.complaints import case_actions, services, source
from roder.complaints.attachments import Upload
from roder.complaints.models import AnswerChannel, CaseKind, CaseStatus, Channel
from roder.complaints.workdays import add_working_days, is_working_day
from roder.demo.periods import set_status
from roder.indicators import services as indicator_services
from roder.indicators.models import Aggregation, Direction, Measure, Periodicity
from roder.organisation.models import Organisation, Unit
from roder.periods.models import PeriodKind, PeriodStatus, ReportingPeriod
from roder.planning import services as planning

# (public name, unit code): the services the public chooses among on Synpunkt Väsby.
VASBY_SERVICES = [
    ("Väsby Direkt – kundtjänst", "SP-VD"),
    ("E-tjänster och webbplatsen", "SP-IT"),
    ("Information och kommunikation", "SP-KOM"),
    ("Politiska möten och protokoll", "SP-KANS"),
]


def build_complaints() -> None:
    _vasby()


def _vasby() -> None:
    vasby = Organisation.objects.get(slug="upplands-vasby")
    units = {unit.code: unit for unit in Unit.objects.filter(organisation=vasby)}
    services.settings_save(
        organisation=vasby,
        expected_version=0,
        by=None,
        form_title="Synpunkt Väsby",
        form_open=True,
        receiving_unit=units["SP-VD"],
        number_pattern="KS {year}/{number}",
        acknowledge_days=2,
        answer_days=10,
        data_controller="Kommunstyrelsen i Upplands Väsby kommun",
        data_contact="Kommunens dataskyddsombud, via Väsby Direkt",
        retention_months=24,
    )
    offered = {
        name: services.service_create(
            organisation=vasby, name=name, unit=units[code], order=order, by=None
        )
        for order, (name, code) in enumerate(VASBY_SERVICES)
    }
    people = {p.username: p for p in get_user_model().objects.filter(organisation=vasby)}
    today = timezone.localdate()
    handler = people["rapportor"]

    # Overdue: three weeks old, acknowledged, still under investigation.
    late = services.case_register(
        organisation=vasby,
        kind=CaseKind.COMPLAINT,
        channel=Channel.WEB,
        service=offered["E-tjänster och webbplatsen"],
        description=(
            "Jag har försökt anmäla ett fel på gatubelysningen i e-tjänsten tre gånger, men "
            "formuläret tar aldrig emot min anmälan. Ingen har hört av sig."
        ),
        name="Maria Lind",
        email="maria.lind@example.se",
        received_on=today - datetime.timedelta(days=21),
        by=None,
    )
    late = services.case_assign(
        case=late, unit=units["SP-VD"], handler=handler, expected_version=1, by=None
    )
    for status in (CaseStatus.ACKNOWLEDGED, CaseStatus.INVESTIGATING):
        late = services.case_set_status(
            case=late,
            status=status,
            expected_version=late.version,
            by=handler,
            today=late.received_on + datetime.timedelta(days=1),
        )
    services.case_add_note(
        case=late, text="IT-enheten felsöker formuläret för felanmälan.", by=handler
    )
    # The overdue case became an action in Väsby Direkt's action list (linked both ways).
    case_actions.case_action_create(
        case=late,
        title="Testa felanmälan i e-tjänsten varje vecka tills felet är rättat",
        due=today + datetime.timedelta(days=14),
        by=handler,
    )

    # Answered by phone, a week after it came in.
    answered = services.case_register(
        organisation=vasby,
        kind=CaseKind.SUGGESTION,
        channel=Channel.PHONE,
        service=offered["Väsby Direkt – kundtjänst"],
        description="Förslag: ha öppet i Väsby Direkt en kväll i veckan för oss som arbetar dagtid",
        name="Ahmed Yusuf",
        phone="070-000 00 00",
        received_on=today - datetime.timedelta(days=10),
        by=handler,
    )
    services.case_answer(
        case=answered,
        text=(
            "Tack för ditt förslag. Från nästa månad har Väsby Direkt öppet till kl. 19 på "
            "torsdagar."
        ),
        channel=AnswerChannel.PHONE,
        expected_version=1,
        by=handler,
        today=today - datetime.timedelta(days=3),
    )

    # Just in: a question, and anonymous praise from the public form.
    services.case_register(
        organisation=vasby,
        kind=CaseKind.QUESTION,
        channel=Channel.MAIL,
        service=offered["Politiska möten och protokoll"],
        description="När publiceras protokollet från kommunstyrelsens senaste sammanträde?",
        email="fraga@example.se",
        received_on=today - datetime.timedelta(days=1),
        by=handler,
    )
    services.case_register(
        organisation=vasby,
        kind=CaseKind.PRAISE,
        service=offered["Väsby Direkt – kundtjänst"],
        description="Tack till personen i receptionen som hjälpte min mamma med blanketterna!",
        anonymous=True,
        received_on=today,
        by=None,
    )

    # Väsby Direkt's kundlogg this year: a meeting, a day of calls and a visit.
    for days, kind, count, note in (
        (20, "meeting", 1, "Möte med föreningsrådet om bokningen av lokaler"),
        (6, "phone", 37, "Samtal om e-tjänsten för felanmälan"),
        (2, "visit", 12, "Besök i receptionen om blanketter för bygglov"),
    ):
        services.contact_add(
            unit=units["SP-VD"],
            day=max(today - datetime.timedelta(days=days), today.replace(month=1, day=1)),
            kind=kind,
            count=count,
            note=note,
            by=handler,
        )

    # From the public form, with a photo: a complaint about the web site.
    services.case_submit(
        organisation=vasby,
        kind=CaseKind.COMPLAINT,
        service=offered["E-tjänster och webbplatsen"],
        description=(
            "Knappen Skicka i e-tjänsten för parkeringstillstånd syns inte på min telefon. "
            "Jag bifogar en skärmbild."
        ),
        name="Karin Ek",
        email="karin.ek@example.se",
        uploads=[Upload("skarmbild.png", _SCREENSHOT)],
    )


# A small PNG (8 × 8, grey), the demo's attachment.
_SCREENSHOT = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000080000000808020000004b6d29dc0000"
    "001549444154789c633c71e2040336c0845574d04a0000d7270268e338aa9500000000"
    "49454e44ae426082"
)


# --- Serviceförvaltningen, Stockholm (seed 001) ----------------------------------------------

# (public name, unit code): the ekonomiadministration's processes, where its cases go.
SF_SERVICES = [
    ("Kundreskontra och kundfakturor", "SF-EA-KR"),
    ("Leverantörsfakturor", "SF-EA-LR"),
    ("Kassa, bank och inkasso", "SF-EA-KB"),
    ("Redovisning och Agresso", "SF-EA-RS"),
]
# Seed 001: 54 synpunkter/klagomål in 2010, 12 of them positive; 24 in 2011, one positive;
# "mainly about accessibility (tillgänglighet), information and other things".
SF_YEARS = {2010: (54, 12), 2011: (24, 1)}
# What the cases said, by theme (seed 001, question 6): (type, text).
SF_TEXTS = [
    (CaseKind.COMPLAINT, "Svårt att nå gruppnumret under telefontiden."),
    (CaseKind.COMPLAINT, "Blanketten för kundfakturering är svår att förstå."),
    (CaseKind.COMPLAINT, "Elektroniska fakturor gick till fel enhet."),
    (CaseKind.SUGGESTION, "Avsluta medgivanden i kundreskontran när förvaltningen begär det."),
    (CaseKind.COMPLAINT, "Olika svar från olika handläggare på samma fråga."),
    (CaseKind.COMPLAINT, "Felaktigt skannade leverantörsfakturor."),
    (CaseKind.QUESTION, "Vem gör vad enligt serviceavtalet vid en felaktig faktura?"),
    (CaseKind.SUGGESTION, "Tydligare information i huvudet på kundfakturorna."),
    (CaseKind.COMPLAINT, "Ofullständiga underlag skickades tillbaka i stället för ett samtal."),
]
SF_PRAISE = "Tack för snabb och vänlig hjälp med bokslutet."
SF_CHANNELS = [Channel.PHONE, Channel.MAIL, Channel.MEETING, Channel.WEB, Channel.MAIL]
# Handling times in working days, cycled: most answered within 10, a few late.
SF_DAYS = [2, 4, 1, 6, 3, 9, 12, 5, 2, 7, 15, 3, 8]


def _working_day(year: int, month: int, day: int) -> datetime.date:
    found = datetime.date(year, month, day)
    while not is_working_day(found):
        found += datetime.timedelta(days=1)
    return found


def build_complaint_statistics() -> None:
    """Serviceförvaltningen's cases of 2010 and 2011 with the seed's totals, handled and closed,
    spread over its processes, types and months (deterministic), and a nyckeltal fed by the
    complaint statistics on the ekonomiadministration's scorecard for 2011. Runs after the
    quality demo, which creates the year-end periods of 2010 and 2011."""
    stockholm = Organisation.objects.get(slug="stockholm")
    units = {unit.code: unit for unit in Unit.objects.filter(organisation=stockholm)}
    services.settings_save(
        organisation=stockholm,
        expected_version=0,
        by=None,
        form_title="Synpunkter och klagomål – Serviceförvaltningen",
        form_open=False,
        receiving_unit=units["SF-EA"],
        number_pattern="SF {year}/{number}",
        acknowledge_days=2,
        answer_days=10,
        data_controller="Servicenämnden i Stockholms stad",
        data_contact="Serviceförvaltningens registrator",
        retention_months=24,
        statistics_minimum=5,
    )
    offered = [
        services.service_create(
            organisation=stockholm, name=name, unit=units[code], order=order, by=None
        )
        for order, (name, code) in enumerate(SF_SERVICES)
    ]
    n = 0
    for year, (total, positive) in SF_YEARS.items():
        for i in range(total):
            praise = (
                i % max(total // positive, 1) == 0 and i // max(total // positive, 1) < positive
            )
            kind, text = (CaseKind.PRAISE, SF_PRAISE) if praise else SF_TEXTS[n % len(SF_TEXTS)]
            received = _working_day(year, 1 + (i * 5) % 12, 1 + (i * 11) % 27)
            _handled_case(
                stockholm,
                kind=kind,
                text=text,
                service=offered[n % len(offered)],
                channel=SF_CHANNELS[n % len(SF_CHANNELS)],
                received=received,
                days=SF_DAYS[n % len(SF_DAYS)],
                acknowledge_late=n % 9 == 4,
            )
            n += 1
    _customer_meetings(units)
    _complaint_indicators(stockholm, units["SF-EA"])


def _handled_case(
    organisation: Organisation,
    *,
    kind: str,
    text: str,
    service,
    channel: str,
    received: datetime.date,
    days: int,
    acknowledge_late: bool,
) -> None:
    case = services.case_register(
        organisation=organisation,
        kind=kind,
        channel=channel,
        service=service,
        description=text,
        anonymous=True,
        received_on=received,
        by=None,
    )
    case = services.case_set_status(
        case=case,
        status=CaseStatus.ACKNOWLEDGED,
        expected_version=case.version,
        by=None,
        today=add_working_days(received, 3 if acknowledge_late else 1),
    )
    answered_on = add_working_days(received, days)
    services.case_answer(
        case=case,
        text="Tack för att du hörde av dig. Enhetschefen har gått igenom ärendet med gruppen.",
        channel=AnswerChannel.PHONE,
        expected_version=case.version,
        by=None,
        today=answered_on,
    )
    case.refresh_from_db()
    # The demo's texts name nobody: they stay when the retention period ends.
    case = services.case_mark_free_of_personal_data(
        case=case, free=True, expected_version=case.version, by=None
    )
    services.case_set_status(
        case=case,
        status=CaseStatus.CLOSED,
        expected_version=case.version,
        by=None,
        today=answered_on,
    )


def _complaint_indicators(organisation: Organisation, unit: Unit) -> None:
    """Two nyckeltal from the complaint statistics on a goal of the unit's plan for 2011, their
    outcomes for 2010 and 2011 written from the statistics (the year-end periods opened for it
    and closed again)."""
    plan = planning.plan_create(
        unit=unit,
        year=2011,
        title="Verksamhetsplan 2011 – Verksamhetsområde ekonomiadministration",
        by=None,
    )
    goal = planning.goal_create(
        plan=plan,
        kind="goal",
        title="Kunderna får snabba, korrekta och likvärdiga svar",
        by=None,
    )
    measures = [
        ("Antal synpunkter och klagomål", Measure.COUNT, Direction.LOWER, "count", None),
        (
            "Andel synpunkter besvarade inom 10 arbetsdagar",
            Measure.PERCENT,
            Direction.HIGHER,
            "answered_in_time",
            Decimal(90),
        ),
    ]
    years = [
        ReportingPeriod.objects.get(organisation=organisation, year=year, kind=PeriodKind.YEAR_END)
        for year in SF_YEARS
    ]
    for name, measure, direction, reference, target in measures:
        indicator = indicator_services.indicator_create(
            organisation=organisation,
            owner=unit,
            name=name,
            description="",
            measure=measure,
            direction=direction,
            periodicity=Periodicity.YEAR,
            decimals=0,
            aggregation=Aggregation.SUM if measure == Measure.COUNT else Aggregation.MEAN,
            by_gender=False,
            source=source.KEY,
            source_reference=reference,
            is_active=True,
            by=None,
        )
        indicator_services.indicator_attach(goal=goal, indicator=indicator, by=None)
        if target is not None:
            indicator_services.target_set(
                indicator=indicator, unit=unit, year=2011, value=target, by=None
            )
        for period in years:
            status = period.status
            set_status(period, PeriodStatus.OPEN)
            services.indicator_publish(indicator=indicator, unit=unit, by=None, periods=[period])
            set_status(period, status)


# Seed 001: 142 customer meetings in 2011, "the same level as the year before", about four a
# year per customer (a förvaltning), prepared in the kundlogg by the unit that holds the
# customer.
SF_MEETINGS = 142
SF_MEETING_NOTES = [
    "Kundmöte: genomgång av kundloggen och serviceavtalet",
    "Kundmöte: återkoppling från föregående möte och tilläggstjänster",
    "Kundmöte: årlig avstämning med resultaten av kundenkäten",
    "Kundmöte: rutiner för felaktiga underlag (Smidighetslistan)",
]


def _customer_meetings(units: dict[str, Unit]) -> None:
    holders = ["SF-EA-KR", "SF-EA-LR", "SF-EA-KB", "SF-EA-RS"]
    for year in SF_YEARS:
        for i in range(SF_MEETINGS):
            # spread over the year's working days, fewer in July
            month = [1, 2, 3, 4, 5, 6, 8, 9, 10, 11, 12][i % 11]
            services.contact_add(
                unit=units[holders[i % len(holders)]],
                day=_working_day(year, month, 1 + (i * 7) % 26),
                kind="meeting",
                note=SF_MEETING_NOTES[i % len(SF_MEETING_NOTES)],
                by=None,
            )
