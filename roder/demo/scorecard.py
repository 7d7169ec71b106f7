"""The demo follow-up of Upplands Väsby 2026, built from seed 004's nyckeltal.

Every "Nyckeltal" block of seed 004 becomes an indicator owned by Stöd & process, attached to the
office's goal it serves and to Allmänna utskottet's goal with the same title. The seed's values
are read as the columns Utfall 2023, Utfall 2024, Utfall 2025, Mål 2026, Mål 2027 and Länssnitt
(the year of the last outcome, 2025), with empty cells collapsed; README.md ("Demo scorecard")
says, row by row, which values come from the seed and which are chosen here. The outcomes of
2026 are chosen so that the scorecard shows every traffic light and work still to do.

Everything goes through the services, as the pages do, so history is written; `by=None`.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction

from roder.demo.periods import set_status
from roder.demo.surveys import HME_YEAR, hme_round
from roder.followup import services as followup
from roder.followup.models import Level, ReportStatus, UnitReport
from roder.indicators import services as indicators
from roder.indicators.models import Aggregation, Direction, Indicator, Measure, Periodicity, Source
from roder.organisation.models import Organisation, Unit
from roder.periods import services as periods
from roder.periods.models import PeriodKind, PeriodStatus, ReportingPeriod
from roder.planning import services as planning
from roder.planning.models import Goal, Plan

YEAR = 2026
SLUG = "upplands-vasby"
OWNER = "SP"
COUNTY_SOURCE = "Seed 004 (länssnitt)"
# The years of the seed's outcome columns; each gets a closed year-end period.
HISTORY_YEARS = (2023, 2024, 2025)

FULFILLED, PARTLY, NOT_FULFILLED, NOT_ASSESSABLE = (
    Level.FULFILLED,
    Level.PARTLY,
    Level.NOT_FULFILLED,
    Level.NOT_ASSESSABLE,
)

# The nämndmål (Stöd & process's copies carry the same titles as Allmänna utskottet's).
G_FEEDBACK = "Kunderna får snabb återkoppling"
G_E_REPORTING = "Elektronisk felanmälan ska användas av kunderna när det är möjligt"
G_SERVICE = "Kunderna upplever god service och gott bemötande i kommunens externt riktade kanaler."
G_INTERNAL = "Våra interna kunder ska få en god, professionell, och tydlig service"
G_DIALOGUE = (
    "Väsby ska vara i framkant i arbetet medborgardialog och arbeta för att skapa "
    "dialogmöjligheter för Väsbyborna."
)
G_CONDUCT = "Medarbetare som är kompetenta i bemötande och kundkommunikation."
G_ENVIRONMENT = "Vara en toppkommun inom miljöområdet"
G_PROUD = "Nöjda och stolta medarbetare"
G_EQUAL = "Lika rättigheter och möjligheter för kommunens medarbetare"
G_SKILLS = "Kompetensutveckling"
G_BALANCE = "Resultat i balans"
G_COMPETITIVE = "Leverans av konkurrenskraftiga tjänster"
G_AGREEMENTS = "Tydliga kundöverenskommelser och uppföljning"
G_CLOSED_AT_VD = "Antalet ärenden som avslutas i Väsby Direkt"


@dataclass(frozen=True)
class Nyckeltal:
    """One seed nyckeltal: its definition, the seed's values and the demo's 2026 outcomes.

    `targets` and `history` (year-end outcomes) and `county` are the seed's; `margin` is how far
    below the target yellow starts (chosen); `tertial1` and `interim` are Stöd & process's chosen
    outcomes for Tertial 1 and Delår 2026 (None: not reported). `interim_comment` goes with the
    Delår outcome.
    """

    key: str
    name: str
    goal: str
    measure: str
    periodicity: str
    aggregation: str
    targets: dict[int, str]
    margin: str | None = None
    history: dict[int, str] = field(default_factory=dict)
    county: dict[int, str] = field(default_factory=dict)
    decimals: int = 0
    source: str = Source.MANUAL
    source_reference: str = ""  # a survey index ("hme/hme"), a Kolada KPI
    description: str = ""
    tertial1: str | None = None
    interim: str | None = None
    interim_comment: str = ""


PCT, INDEX, COUNT, MSEK = Measure.PERCENT, Measure.INDEX, Measure.COUNT, Measure.MSEK
TERTIAL, YEARLY = Periodicity.TERTIAL, Periodicity.YEAR
MEAN, SUM = Aggregation.MEAN, Aggregation.SUM

NYCKELTAL = [
    # --- 1.1 Kunden i fokus: "98% 94% 94% 95% 95% 88% 88% 88% 85% 85% 85% 84% 85% 85% 84% 85%
    # 85% 86%" over five rows, then NKI, medborgardialog and bemötandeutbildning.
    Nyckeltal(
        key="aterkoppling",
        name="Kunden ska få återkoppling inom åtta timmar inom kontorstid via någon av våra "
        "digitala kanaler",
        goal=G_FEEDBACK,
        measure=PCT,
        periodicity=TERTIAL,
        aggregation=MEAN,
        history={2023: "98", 2024: "94", 2025: "94"},
        targets={2026: "95", 2027: "95"},
        margin="3",
        description="Andel ärenden i e-post, e-tjänster och sociala medier som får återkoppling "
        "inom åtta timmar inom kontorstid.",
        tertial1="96",
        interim="93",
    ),
    Nyckeltal(
        key="servicegrad",
        name="Servicegrad på telefon (andel inkommande samtal som besvaras inom 120 sek)",
        goal=G_FEEDBACK,
        measure=PCT,
        periodicity=TERTIAL,
        aggregation=MEAN,
        history={2023: "88", 2024: "88", 2025: "88"},
        targets={2026: "85", 2027: "85"},
        margin="3",
        county={2025: "85"},
        tertial1="87",
        interim="79",
        interim_comment="Semesterperiod och många samtal om skolprojektet i augusti.",
    ),
    Nyckeltal(
        key="felanmalan",
        name="Felanmälan via e-tjänst och app",
        goal=G_E_REPORTING,
        measure=PCT,
        periodicity=TERTIAL,
        aggregation=MEAN,
        targets={2026: "60"},  # no value in the seed: chosen
        margin="5",
        description="Andel av alla felanmälningar som görs via e-tjänst eller app.",
        tertial1="52",
        interim="57",
    ),
    Nyckeltal(
        key="nojda_vd",
        name="Andelen nöjda kunder till Väsby Direkt",
        goal=G_SERVICE,
        measure=PCT,
        periodicity=TERTIAL,
        aggregation=MEAN,
        history={2025: "84"},
        targets={2026: "85", 2027: "85"},
        margin="3",
        source=Source.SURVEY,
        tertial1="86",
        interim="85",
    ),
    Nyckeltal(
        key="webb",
        name="SKL webbmätning ”Information för alla”",
        goal=G_SERVICE,
        measure=PCT,
        periodicity=YEARLY,
        aggregation=MEAN,
        history={2025: "84"},
        targets={2026: "85", 2027: "85"},
        margin="3",
        county={2025: "86"},
        description="SKL:s årliga granskning av informationen på kommunens webbplats.",
    ),
    Nyckeltal(
        key="nki",
        name="NKI",
        goal=G_SERVICE,
        measure=INDEX,
        periodicity=YEARLY,
        aggregation=MEAN,
        history={2025: "85"},
        targets={2026: "87", 2027: "90"},
        margin="3",
        source=Source.SURVEY,
        description="Nöjd kund-index för Väsby Direkt (0–100).",
    ),
    Nyckeltal(
        key="dialog",
        name="Minst 50 % av de som deltar i medborgardialoger ska känna att deras deltagande "
        "gör skillnad",
        goal=G_DIALOGUE,
        measure=PCT,
        periodicity=TERTIAL,
        aggregation=MEAN,
        targets={2026: "50", 2027: "60"},
        margin="5",
        source=Source.SURVEY,
        description="Andel av deltagarna i tertialets medborgardialoger som i enkäten svarar att "
        "deras deltagande gör skillnad. Nytt nyckeltal, utan historik.",
        tertial1="46",
        interim="54",
    ),
    Nyckeltal(
        key="bemotande",
        name="Bemötandeutbildning",
        goal=G_CONDUCT,
        measure=PCT,
        periodicity=TERTIAL,
        aggregation=MEAN,
        targets={2026: "85", 2027: "90"},
        margin="5",
        description="Andel av medarbetarna som har gått bemötandeutbildningen (ackumulerat "
        "under året).",
        tertial1="30",
        interim=None,
        interim_comment="Sammanställs efter utbildningsomgången i oktober.",
    ),
    # --- 2.1 Miljö och klimat: "2 2".
    Nyckeltal(
        key="miljo",
        name="Varje enhet ska två gånger per år arbeta med medarbetarnas medvetenhet kring hur "
        "de kan bidra till kommunens övergripande miljömål",
        goal=G_ENVIRONMENT,
        measure=COUNT,
        periodicity=YEARLY,
        aggregation=MEAN,
        targets={2026: "2", 2027: "2"},
        margin="1",
        description="Antal arbetsplatsträffar per enhet under året med miljömålen på "
        "dagordningen (medelvärde för enheterna).",
    ),
    Nyckeltal(
        key="e_lonespec",
        name="Minska pappersanvändningen genom införande av e-lönespecar",
        goal=G_ENVIRONMENT,
        measure=PCT,
        periodicity=TERTIAL,
        aggregation=MEAN,
        targets={2026: "90"},  # no value in the seed: chosen
        margin="5",
        description="Andel av kommunens medarbetare som får sin lönespecifikation elektroniskt.",
        tertial1="82",
        interim="88",
    ),
    # --- 3.1 Stolta medarbetare: "77% 80% 81% 82% 81% 82% 82%", "Lönekartläggning 1", the
    # policy "1" and "Kompetensutvecklingsplan per enhet … 100 % 100 %".
    Nyckeltal(
        key="hme",
        name="Hållbart medarbetarindex (HME)",
        goal=G_PROUD,
        measure=INDEX,
        periodicity=YEARLY,
        aggregation=MEAN,
        targets={2026: "80", 2027: "81"},
        margin="2",
        source=Source.SURVEY,
        # 2025's outcome comes from the demo's HME round (roder/demo/surveys.py), per unit.
        source_reference="hme/hme",
    ),
    Nyckeltal(
        key="nmi",
        name="Nöjd medarbetarindex (NMI)",
        goal=G_PROUD,
        measure=INDEX,
        periodicity=YEARLY,
        aggregation=MEAN,
        history={2024: "82", 2025: "81"},
        targets={2026: "82", 2027: "82"},
        margin="2",
        source=Source.SURVEY,
    ),
    Nyckeltal(
        key="lonekartlaggning",
        name="Lönekartläggning",
        goal=G_EQUAL,
        measure=COUNT,
        periodicity=YEARLY,
        aggregation=SUM,
        targets={2026: "1"},
        description="Genomförd lönekartläggning under året (antal).",
    ),
    Nyckeltal(
        key="policy",
        name="Policy för lika möjligheter och rättigheter",
        goal=G_EQUAL,
        measure=COUNT,
        periodicity=YEARLY,
        aggregation=SUM,
        targets={2026: "1"},
        description="Policyn genomgången på arbetsplatsträff under året (antal genomgångar).",
    ),
    Nyckeltal(
        key="kompetensplan",
        name="Kompetensutvecklingsplan per enhet",
        goal=G_SKILLS,
        measure=PCT,
        periodicity=TERTIAL,
        aggregation=MEAN,
        targets={2026: "100", 2027: "100"},
        margin="20",
        description="Andel av enheterna som har en kompetensutvecklingsplan för året.",
        tertial1="80",
        interim="100",
    ),
    # --- 4.1 Ekonomiskt resultat: "i balans i balans 0,3 0 0,5 0 0 0", the budget's Resultat
    # row (bokslut 2024, budget 2025, prognos 2025, budget 2026, plan 2027, plan 2028).
    Nyckeltal(
        key="resultat",
        name="Resultat",
        goal=G_BALANCE,
        measure=MSEK,
        periodicity=TERTIAL,
        aggregation=SUM,
        history={2024: "0.3", 2025: "0.5"},
        targets={2026: "0", 2027: "0"},
        margin="0.5",
        decimals=1,
        description="Resultat mot budget i mkr (i balans: 0 eller bättre); per tertial "
        "helårsprognosen.",
        tertial1="0.2",
        interim="-0.3",
        interim_comment="Prognos: högre personalkostnader under hösten.",
    ),
    # --- 4.2 Kvalitet och effektivitet: "70% 75% 75% 100 % 75% 72% 72%".
    Nyckeltal(
        key="kvalitet",
        name="Andelen kunder som är nöjda med kvaliteten",
        goal=G_COMPETITIVE,
        measure=PCT,
        periodicity=YEARLY,
        aggregation=MEAN,
        targets={2026: "70"},
        margin="5",
        source=Source.SURVEY,
        description="Ur stöd & process kundenkät, som genomförs för första gången 2026.",
    ),
    Nyckeltal(
        key="professionella",
        name="Andel kunder som är uppfattar stöd & process som professionella",
        goal=G_COMPETITIVE,
        measure=PCT,
        periodicity=YEARLY,
        aggregation=MEAN,
        targets={2026: "75"},
        margin="5",
        source=Source.SURVEY,
        description="Ur stöd & process kundenkät, som genomförs för första gången 2026.",
    ),
    Nyckeltal(
        key="nojda_aterkoppling",
        name="Andel kunder som är nöjda med återkopplingen från stöd & process",
        goal=G_COMPETITIVE,
        measure=PCT,
        periodicity=YEARLY,
        aggregation=MEAN,
        targets={2026: "75"},
        margin="5",
        source=Source.SURVEY,
        description="Ur stöd & process kundenkät, som genomförs för första gången 2026.",
    ),
    Nyckeltal(
        key="overenskommelser",
        name="Påskrivna överenskommelser",
        goal=G_AGREEMENTS,
        measure=PCT,
        periodicity=TERTIAL,
        aggregation=MEAN,
        targets={2026: "100"},
        margin="10",
        description="Andel av kunderna (kontoren) som har en påskriven överenskommelse om "
        "tjänsterna.",
        tertial1="85",
        interim="92",
    ),
    Nyckeltal(
        key="arenden",
        name="Andel ärenden som avslutas i Väsby Direkt",
        goal=G_CLOSED_AT_VD,
        measure=PCT,
        periodicity=TERTIAL,
        aggregation=MEAN,
        history={2025: "75"},
        targets={2026: "72", 2027: "72"},
        margin="2",
        description="Andel av ärendena som kommer till Väsby Direkt och avslutas där, utan att "
        "lämnas över till ett annat kontor.",
        tertial1="74",
        interim="73",
    ),
]

# Units below Stöd & process that report some service indicators themselves:
# code -> {key: (Tertial 1, Delår)}. Väsby Direkt's Delår value for återkoppling is not in yet.
UNIT_OUTCOMES: dict[str, dict[str, tuple[str | None, str | None]]] = {
    "SP-VD": {"aterkoppling": ("97", None), "servicegrad": ("87", "79"), "arenden": ("74", "73")},
    "SP-KOM": {"aterkoppling": ("94", "90"), "dialog": ("46", "54")},
    "SP-IT": {"aterkoppling": ("96", "95"), "overenskommelser": ("80", "90")},
}

# The units below the office whose Tertial 1 reports are approved with the office's and Väsby
# Direkt's, and those that have submitted their Delår reports (README "Demo scorecard").
TERTIAL1_UNITS = ("SP-KOM", "SP-IT")
INTERIM_SUBMITTED = ("SP", "SP-KOM")

# Väsby Direkt's own plan: its goals are its copies of the office's, followed up with the
# service indicators it reports.
VD_TITLE = f"Verksamhetsplan {YEAR} – Väsby Direkt"
VD_SUMMARY = (
    "Sammanfattning",
    "Kommunens kundkontaktcenter, Väsby Direkt, nås via olika kanaler och är, för många, den "
    "första kontakten för medborgare och övriga kunder som kontaktar kommunen. Väsby Direkts "
    "utveckling förutsätter att utrymme och resurser finns för vidare kompetens- och "
    "metodutveckling. För fortsatt gott resultat vad gäller tillgänglighet och kundnöjdhet, "
    "behöver det goda samarbetet med kommunens övriga kontor bestå.",
)
VD_GOALS = [
    (G_FEEDBACK, ["aterkoppling", "servicegrad"]),
    (G_CLOSED_AT_VD, ["arenden"]),
]

# Assessments, goal title -> (level, prognosis, analysis). One Tertial 1 assessment overrides
# Roder's proposal (G_CONDUCT: the target is for the whole year); the rest agree with it.
SP_TERTIAL1 = {
    G_FEEDBACK: (
        FULFILLED,
        FULFILLED,
        "Servicegraden på telefon var 87 % (mål 85 %) och 96 % av ärendena i de digitala "
        "kanalerna fick återkoppling inom åtta timmar (mål 95 %). Det goda samarbetet med "
        "kommunens övriga kontor bidrar. Fler kontaktvägar ger ett allt högre bemanningsbehov, "
        "och sommaren är den största risken.",
    ),
    G_E_REPORTING: (
        NOT_FULFILLED,
        PARTLY,
        "52 % av felanmälningarna kom via e-tjänst och app (mål 60 %). Kundvägledarna "
        "uppmuntrar kunderna att använda elektronisk felanmälan genom att upplysa om "
        "möjligheten och aktivt hjälpa dem. Andelen ökar men når inte målet under tertialet.",
    ),
    G_SERVICE: (
        FULFILLED,
        FULFILLED,
        "86 % av kunderna var nöjda med Väsby Direkt (mål 85 %). NKI och SKL:s webbmätning "
        "”Information för alla” redovisas i årsbokslutet. Kunddialogen utvecklas med verktygen "
        "från utbildningen ”professionellt kundbemötande”.",
    ),
    G_INTERNAL: (
        NOT_ASSESSABLE,
        "",
        "Målet följs upp i stöd & process kundenkät, som genomförs för första gången under "
        "2026. Resultatet redovisas i årsbokslutet och blir underlag för kommande nyckeltal.",
    ),
    G_DIALOGUE: (
        PARTLY,
        FULFILLED,
        "46 % av deltagarna i tertialets medborgardialoger anser att deras deltagande gör "
        "skillnad (mål 50 %). Nyckeltalet är nytt och saknar historik. Kommunikationsenheten "
        "har tagit fram enkätfrågor och sprider metodstödet till övriga kontor.",
    ),
    G_CONDUCT: (
        PARTLY,
        FULFILLED,
        "Roder föreslår ej uppfyllt eftersom 30 % av medarbetarna har gått "
        "bemötandeutbildningen, mot målet 85 %. Målvärdet avser helåret och utbildningen ges i "
        "två omgångar: i mars, då 30 % deltog som planerat, och i oktober. Bemötandehandboken "
        "tas fram tillsammans med Väsby Direkt. Arbetet är i fas, och vi bedömer målet som "
        "delvis uppfyllt.",
    ),
    G_ENVIRONMENT: (
        NOT_FULFILLED,
        PARTLY,
        "82 % av medarbetarna får sin lönespecifikation elektroniskt (mål 90 %). Löneenheten "
        "påminner dem som fortfarande får den på papper. Enheternas arbetsplatsträffar om "
        "miljömålen, med de betydande miljöaspekterna inköp, införande av hårdvara och korta "
        "tjänsteresor, redovisas vid årets slut.",
    ),
    G_PROUD: (
        NOT_ASSESSABLE,
        PARTLY,
        "HME och NMI mäts i medarbetarenkäten under hösten; NMI var 81 förra året (mål 82). "
        "Cheferna arbetar för att vara mer tillgängliga och närvarande, och cheferna i "
        "ledningsgruppen går Växthuset.",
    ),
    G_SKILLS: (
        PARTLY,
        FULFILLED,
        "Fyra av fem enheter har en kompetensutvecklingsplan (mål alla). Den sista tas fram "
        "efter enhetens kompetensplaneringsdag i maj.",
    ),
    G_BALANCE: (
        FULFILLED,
        FULFILLED,
        "Helårsprognosen är ett överskott på 0,2 mkr mot en budget i balans. Bufferten är "
        "borttagen sedan Specialistenheten upplöstes, så personalkostnaderna följs noga. Alla "
        "enheter ska ha sin budgetplanering för nästa år klar till den sista juni.",
    ),
    G_AGREEMENTS: (
        NOT_FULFILLED,
        PARTLY,
        "85 % av kunderna har en påskriven överenskommelse (mål 100 %). Överenskommelserna med "
        "kommunledningen, som tagit över Specialistenhetens tjänster, är inte klara. "
        "Tjänsteutbudet tydliggörs och uppföljningen sker på ledningsgruppsnivå.",
    ),
    G_CLOSED_AT_VD: (
        FULFILLED,
        FULFILLED,
        "74 % av ärendena avslutades i Väsby Direkt (mål minst 72 %). Mätningen görs "
        "kontinuerligt; avvikelser analyseras och dialog förs med huvudprocessansvariga på "
        "övriga kontor.",
    ),
}

# Delår: only some goals assessed yet, and the report not submitted.
SP_INTERIM = {
    G_FEEDBACK: (
        PARTLY,
        PARTLY,
        "Under sommaren sjönk servicegraden på telefon till 79 % (mål 85 %) när semestrarna "
        "sammanföll med många samtal om skolprojektet. Återkopplingen i de digitala kanalerna "
        "höll 93 %, strax under målet. Bemanningen är förstärkt inför hösten.",
    ),
    G_DIALOGUE: (
        FULFILLED,
        FULFILLED,
        "54 % av deltagarna anser att deras deltagande gör skillnad (mål 50 %), efter att "
        "återkopplingen till deltagarna förbättrades under våren.",
    ),
    G_BALANCE: (
        PARTLY,
        PARTLY,
        "Prognosen är ett underskott på 0,3 mkr, främst av högre personalkostnader. Enheterna "
        "ser över vakanser och köp av tjänster för att nå ett resultat i balans.",
    ),
}

# Allmänna utskottet's goals have no outcomes of their own: Roder proposes them from the goals of
# Stöd & process that knyter an till them, and the controller confirms two of them in the delår.
AU_INTERIM = {
    G_SERVICE: (
        FULFILLED,
        FULFILLED,
        "Stöd & process når målvärdet för service och bemötande i delåret. Utskottet delar "
        "Roders förslag: målet är uppfyllt.",
    ),
    G_FEEDBACK: (
        PARTLY,
        PARTLY,
        "Servicegraden på telefon sjönk under sommaren; Stöd & process har förstärkt "
        "bemanningen inför hösten. Delvis uppfyllt, som Roder föreslår.",
    ),
}

VD_TERTIAL1 = {
    G_FEEDBACK: (
        FULFILLED,
        PARTLY,
        "87 % av samtalen besvarades inom 120 sekunder och 97 % av ärendena i de digitala "
        "kanalerna fick återkoppling inom åtta timmar. Sommarens bemanning är en risk.",
    ),
    G_CLOSED_AT_VD: (
        FULFILLED,
        FULFILLED,
        "74 % av ärendena avslutades direkt i Väsby Direkt (mål minst 72 %).",
    ),
}


# --- building ------------------------------------------------------------------------------


@transaction.atomic
def build_scorecard() -> None:
    """Indicators, targets, comparisons, periods, outcomes, assessments and reports.

    Called once from `build_demo`, after `build_plans` (it needs the 2026 plans of Allmänna
    utskottet and Stöd & process).
    """
    organisation = Organisation.objects.get(slug=SLUG)
    office = _unit(organisation, OWNER)
    sp_plan = Plan.objects.get(unit=office, year=YEAR)
    au_plan = Plan.objects.get(unit=_unit(organisation, "AU"), year=YEAR)

    created = {}
    for nyckeltal in NYCKELTAL:
        indicator = _indicator(organisation, office, nyckeltal)
        created[nyckeltal.key] = indicator
        indicators.indicator_attach(
            goal=_goal(sp_plan, nyckeltal.goal), indicator=indicator, by=None
        )
        indicators.indicator_attach(
            goal=_goal(au_plan, nyckeltal.goal), indicator=indicator, by=None
        )
        for year in nyckeltal.targets:
            _target(indicator, office, nyckeltal, year)
        for year, value in nyckeltal.county.items():
            indicators.comparison_set(
                indicator=indicator,
                year=year,
                kind="county",
                value=Decimal(value),
                source=COUNTY_SOURCE,
                by=None,
            )

    direkt = _build_vasby_direkt(organisation, sp_plan, created)
    _record_history(organisation, office, created)

    tertial1, interim, _year_end = periods.periods_install_year(
        organisation=organisation, year=YEAR, by=None
    )
    for period in (tertial1, interim):
        set_status(period, PeriodStatus.OPEN)

    # Tertial 1: outcomes, assessments, every unit's report submitted and approved, then closed.
    _record_period(office, tertial1, created, index=0)
    _assess(sp_plan, tertial1, SP_TERTIAL1)
    _assess(direkt, tertial1, VD_TERTIAL1)
    for unit in (office, direkt.unit, *(_unit(organisation, code) for code in TERTIAL1_UNITS)):
        report = followup.report_submit(unit=unit, period=tertial1, by=None)
        followup.report_approve(report=report, by=None)
    set_status(tertial1, PeriodStatus.CLOSED)

    # Delår: left open with outcomes partly in and a few goals assessed; the office and
    # Kommunikation have submitted their reports (readers see their figures, marked
    # "inskickad", and Allmänna utskottet's goals proposed from them), Väsby Direkt is still a
    # draft (only its reporters and those above it see it: "Väsby Direkt har inte rapporterat").
    _record_period(office, interim, created, index=1)
    _assess(sp_plan, interim, SP_INTERIM)
    controller = get_user_model().objects.get(username="controller")
    _assess(au_plan, interim, AU_INTERIM, by=controller)
    for code in INTERIM_SUBMITTED:
        followup.report_submit(unit=_unit(organisation, code), period=interim, by=None)


def _unit(organisation: Organisation, code: str) -> Unit:
    return Unit.objects.get(organisation=organisation, code=code)


def _goal(plan: Plan, title: str) -> Goal:
    return Goal.objects.get(plan=plan, title=title)


def _indicator(organisation: Organisation, owner: Unit, nyckeltal: Nyckeltal) -> Indicator:
    return indicators.indicator_create(
        organisation=organisation,
        owner=owner,
        name=nyckeltal.name,
        description=nyckeltal.description,
        measure=nyckeltal.measure,
        direction=Direction.HIGHER,
        periodicity=nyckeltal.periodicity,
        decimals=nyckeltal.decimals,
        aggregation=nyckeltal.aggregation,
        by_gender=False,
        source=nyckeltal.source,
        source_reference=nyckeltal.source_reference,
        is_active=True,
        by=None,
    )


def _target(indicator: Indicator, unit: Unit, nyckeltal: Nyckeltal, year: int) -> None:
    value = Decimal(nyckeltal.targets[year])
    margin = nyckeltal.margin
    indicators.target_set(
        indicator=indicator,
        unit=unit,
        year=year,
        value=value,
        yellow_limit=value - Decimal(margin) if margin is not None else None,
        by=None,
    )


def _build_vasby_direkt(organisation: Organisation, sp_plan: Plan, created) -> Plan:
    """Väsby Direkt's 2026 plan: two of the office's goals, its service indicators, targets."""
    unit = _unit(organisation, "SP-VD")
    plan = planning.plan_create(unit=unit, year=YEAR, title=VD_TITLE, by=None)
    summary = plan.sections.get(key="summary")
    planning.section_update(
        section=summary,
        expected_version=summary.version,
        title=VD_SUMMARY[0],
        body=VD_SUMMARY[1],
        by=None,
    )
    by_key = {n.key: n for n in NYCKELTAL}
    for title, keys in VD_GOALS:
        office_goal = _goal(sp_plan, title)
        goal = planning.goal_create(
            plan=plan, title=title, kind="goal", category=office_goal.category, by=None
        )
        planning.goal_link(goal=goal, target=office_goal, by=None)
        for key in keys:
            indicators.indicator_attach(goal=goal, indicator=created[key], by=None)
            _target(created[key], unit, by_key[key], YEAR)
    return plan


def _record_history(organisation: Organisation, office: Unit, created) -> None:
    """The seed's earlier values as outcomes of closed year-end periods 2023–2025, in reports
    approved then (by no one in Roder: they were adopted before it), so readers see the trend."""
    for year in HISTORY_YEARS:
        values = {n.key: n.history[year] for n in NYCKELTAL if year in n.history}
        (year_end,) = [p for p in periods.default_periods(year) if p["kind"] == PeriodKind.YEAR_END]
        period = periods.period_create(organisation=organisation, year=year, by=None, **year_end)
        set_status(period, PeriodStatus.OPEN)
        for key, value in values.items():
            followup.outcome_write(
                indicator=created[key], unit=office, period=period, value=Decimal(value), by=None
            )
        # The year's HME round closes while the year is open: its index is the HME outcome of
        # the office and of each of its units with enough answers.
        if year == HME_YEAR:
            hme_round(organisation, office, year, closed=True)
        drafts = UnitReport.objects.filter(period=period, status=ReportStatus.DRAFT)
        for draft in sorted(drafts.select_related("unit"), key=lambda r: -len(r.unit.path)):
            report = followup.report_submit(unit=draft.unit, period=period, by=None)
            followup.report_approve(report=report, by=None)
        if not UnitReport.objects.filter(unit=office, period=period).exists():
            report = followup.report_submit(unit=office, period=period, by=None)
            followup.report_approve(report=report, by=None)
        set_status(period, PeriodStatus.CLOSED)


def _record_period(office: Unit, period: ReportingPeriod, created, *, index: int) -> None:
    """Stöd & process's outcomes (index 0: Tertial 1, 1: Delår) and its units' own."""
    for nyckeltal in NYCKELTAL:
        value = nyckeltal.tertial1 if index == 0 else nyckeltal.interim
        comment = nyckeltal.interim_comment if index == 1 else ""
        if value is None and not comment:
            continue
        followup.outcome_write(
            indicator=created[nyckeltal.key],
            unit=office,
            period=period,
            value=Decimal(value) if value is not None else None,
            comment=comment,
            by=None,
        )
    for code, values in UNIT_OUTCOMES.items():
        unit = _unit(office.organisation, code)
        for key, pair in values.items():
            value = pair[index]
            if value is not None:
                followup.outcome_write(
                    indicator=created[key],
                    unit=unit,
                    period=period,
                    value=Decimal(value),
                    by=None,
                )


def _assess(plan: Plan, period: ReportingPeriod, assessments: dict, *, by=None) -> None:
    for title, (level, prognosis, analysis) in assessments.items():
        followup.assessment_record(
            goal=_goal(plan, title),
            period=period,
            level=level,
            prognosis=prognosis,
            analysis=analysis,
            by=by,
        )
