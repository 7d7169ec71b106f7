"""The demo's Kolada: the fixture catalogue and values (`roder/kolada/fixtures/`, demo values
generated plausibly, not Kolada's) read through the real client from an in-process transport
(`kolada.fixture_server`), so `make demo` never reaches the internet.

- Upplands Väsby (0114) is compared with Stockholms läns kommuner (ovägt medel), riket and its
  peers (a "liknande kommuner" group and Vallentuna), and ranked among the county's
  municipalities of the fixture. Stöd & process's nyckeltal on telephone service and feedback
  are linked to KPIs. Their
  earlier outcomes were typed from seed 004, so the Kolada page shows them as differing from
  the values a person entered, to accept or not; the länssnitt and riket become the
  indicators' comparison values ("Källa: Kolada").
- Stockholm (0180) is compared with Göteborg and Malmö (its peers), its county and riket:
  Nämndsekretariatet follows sick leave and e-mail answers from Kolada.
"""

from roder.indicators import services as indicators
from roder.indicators.models import Aggregation, Direction, Indicator, Measure, Periodicity
from roder.kolada import fixture_server, services, values
from roder.kolada.client import Client
from roder.kolada.models import Kpi
from roder.organisation.models import Organisation, Unit

# Stöd & process's nyckeltal (by name, from seed 004) → the fixture's KPI.
VASBY_LINKS = {
    "Servicegrad på telefon (andel inkommande samtal som besvaras inom 120 sek)": "N00902",
    "Kunden ska få återkoppling inom åtta timmar inom kontorstid via någon av våra digitala "
    "kanaler": "N00901",
}
STOCKHOLM_PEERS = ("1480", "1280")  # Göteborg, Malmö
VASBY_PEERS = ("G99114", "0115")  # the fixture's "liknande kommuner" group, Vallentuna
NS_INDICATORS = [
    # name, KPI, measure, direction, by gender
    ("Sjukfrånvaro bland kommunens medarbetare", "N00090", Direction.LOWER, True),
    ("Svar på e-post inom två arbetsdagar", "N00901", Direction.HIGHER, False),
]


def build_kolada() -> None:
    with Client(fixture_server.BASE_URL, transport=fixture_server.transport()) as client:
        services.load_catalogue(client)
        vasby = Organisation.objects.get(slug="upplands-vasby")
        stockholm = Organisation.objects.get(slug="stockholm")
        for organisation, peers in ((stockholm, STOCKHOLM_PEERS), (vasby, VASBY_PEERS)):
            for code in peers:
                values.peer_add(organisation=organisation, target=code, by=None)
        linked = []
        for name, kpi in VASBY_LINKS.items():
            indicator = Indicator.objects.get(organisation=vasby, name=name)
            linked.append(_link(indicator, kpi))
        office = Unit.objects.get(organisation=stockholm, code="TK-STAB-NS")
        for name, kpi, direction, by_gender in NS_INDICATORS:
            linked.append(
                indicators.indicator_create(
                    organisation=stockholm,
                    owner=office,
                    name=name,
                    description="",
                    measure=Measure.PERCENT,
                    direction=direction,
                    periodicity=Periodicity.YEAR,
                    decimals=1,
                    aggregation=Aggregation.MEAN,
                    by_gender=by_gender,
                    source=values.KOLADA,
                    source_reference=kpi,
                    is_active=True,
                    by=None,
                )
            )
        for organisation in (vasby, stockholm):
            kpis = list(
                {i.source_reference for i in linked if i.organisation_id == organisation.pk}
            )
            values.fetch(
                client,
                kpis=list(Kpi.objects.filter(pk__in=kpis)),
                targets=values.fetch_places(organisation),
                years=values.years(),
            )
    for indicator in linked:
        # Missing years are written, a value a person entered is left for the preview.
        values.apply(indicator, indicator.owner, by=None)


def _link(indicator: Indicator, kpi: str) -> Indicator:
    fields = {name: getattr(indicator, name) for name in indicators.INDICATOR_FIELDS}
    fields.update(source=values.KOLADA, source_reference=kpi)
    return indicators.indicator_update(
        indicator=indicator, expected_version=indicator.version, by=None, **fields
    )
