"""Kolada's values in Roder: linking an indicator to a KPI, fetching the values an organisation
compares itself with, the `kolada` indicator source, and turning values into outcomes.

- An indicator is linked to a KPI by its `source` ("kolada") and `source_reference` (the KPI
  id), written through `indicators.services.indicator_update` (version, history). One KPI may be
  linked to any number of indicators and units.
- A fetch reads, for each KPI, the organisation's own municipality (total, women, men), the
  länssnitt (the county's unweighted group, found by title), riket (0000) and the organisation's
  peers, for the last `YEARS` years, and replaces that KPI's stored values for those places in
  one transaction: all or nothing per KPI. Each value keeps when it was fetched and Kolada's
  publication date of the KPI then.
- Outcomes: the `kolada` source reads the stored value of the organisation's own municipality
  for a year-end period's year. Applying writes it through `followup.services.outcome_write`
  (a closed or approved period gets a pending revision); a value a person entered is never
  overwritten without the person's acceptance: `preview` shows what would change, `apply`
  writes only the years accepted, and the refresh (`refresh`) leaves such years for a preview.
  The länssnitt and riket go to the indicator's comparison values, marked "Källa: Kolada".
"""

import datetime
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from roder.core.models import HistoryAction
from roder.core.services import history_record
from roder.followup import services as followup
from roder.followup.models import Outcome
from roder.indicators import services as indicator_services
from roder.indicators import sources
from roder.indicators.models import ComparisonKind, Indicator
from roder.kolada import client as kolada
from roder.kolada import services
from roder.kolada.models import (
    Kpi,
    Municipality,
    MunicipalityGroup,
    Peer,
    TargetKind,
    UnitOu,
    Value,
)
from roder.organisation.models import Organisation, RoleKind
from roder.periods.models import PeriodKind, PeriodStatus, ReportingPeriod

KOLADA = "kolada"  # the indicator source's key
RIKET = "0000"
YEARS = 10  # how many years back a fetch reads
LINKER = RoleKind.CONTROLLER  # links indicators of the units they control to KPIs
COMPARISON_SOURCE = "Kolada"  # ComparisonValue.source of the values Kolada gave (a name)
SEARCH_LIMIT = 25


# -- linking ----------------------------------------------------------------------------------


def may_link(grants: Any, indicator: Indicator) -> bool:
    return bool(grants.has_role(indicator.owner, LINKER))


def kpi_search(query: str, limit: int = SEARCH_LIMIT) -> list[Kpi]:
    """KPIs by id (N00945) or by all the words in their title or description."""
    query = query.strip()
    if not query:
        return []
    found = Kpi.objects.filter(id__iexact=query)
    words = query.split()
    condition = Q()
    for word in words:
        condition &= Q(title__icontains=word) | Q(description__icontains=word)
    return list((found | Kpi.objects.filter(condition)).distinct().order_by("id")[:limit])


def linked_kpi(indicator: Indicator) -> Kpi | None:
    if indicator.source != KOLADA or not indicator.source_reference:
        return None
    return Kpi.objects.filter(pk=indicator.source_reference).first()


def indicator_link(
    *, indicator: Indicator, kpi_id: str, expected_version: int, grants: Any, by: Any
) -> Indicator:
    """Link the indicator to a KPI of the catalogue: its outcomes then come from Kolada."""
    if not may_link(grants, indicator):
        raise PermissionDenied
    kpi = Kpi.objects.filter(pk=kpi_id.strip().upper()).first()
    if kpi is None:
        raise ValidationError(
            _("Kolada's catalogue has no KPI “%(kpi)s”.") % {"kpi": kpi_id.strip()}
        )
    values = {name: getattr(indicator, name) for name in indicator_services.INDICATOR_FIELDS}
    values.update(source=KOLADA, source_reference=kpi.id)
    return indicator_services.indicator_update(
        indicator=indicator, expected_version=expected_version, by=by, **values
    )


def indicator_unlink(
    *, indicator: Indicator, expected_version: int, grants: Any, by: Any
) -> Indicator:
    """Back to entry by hand; the outcomes already written stay."""
    if not may_link(grants, indicator):
        raise PermissionDenied
    values = {name: getattr(indicator, name) for name in indicator_services.INDICATOR_FIELDS}
    values.update(source=sources.MANUAL, source_reference="")
    return indicator_services.indicator_update(
        indicator=indicator, expected_version=expected_version, by=by, **values
    )


# -- the places an organisation compares with ------------------------------------------------


@dataclass(frozen=True)
class Place:
    target: str
    kind: str
    title: str
    role: str  # "own", "county", "national" or "peer"


def places(organisation: Organisation) -> list[Place]:
    """The organisation's own municipality, its länssnitt, riket and its peers, in that order
    (the länssnitt only once the catalogue has the county's group). Three queries."""
    found: list[Place] = []
    code = organisation.municipality_code
    if code:
        found.append(Place(code, TargetKind.MUNICIPALITY, organisation.name, "own"))
    county = organisation.county
    group = services.county_group(county) if county else None
    if group is not None:
        found.append(Place(group.id, TargetKind.GROUP, group.title, "county"))
    found.append(Place(RIKET, TargetKind.MUNICIPALITY, _("Sweden (national)"), "national"))
    for peer in Peer.objects.filter(organisation=organisation):
        if peer.target not in {place.target for place in found}:
            found.append(Place(peer.target, peer.kind, peer.title, "peer"))
    return found


def fetch_places(organisation: Organisation) -> list[Place]:
    """What a fetch reads: the places, and the county's member municipalities (role "member",
    for the organisation's rank in its county on the comparison page). Four queries."""
    found = places(organisation)
    county = next((place for place in found if place.role == "county"), None)
    group = MunicipalityGroup.objects.filter(pk=county.target).first() if county else None
    known = {place.target for place in found}
    for code in group.members if group else []:
        if code not in known:
            found.append(Place(code, TargetKind.MUNICIPALITY, code, "member"))
    return found + ou_places(organisation)


def ou_places(organisation: Organisation) -> list[Place]:
    """The organisational units (ou) the organisation's units are linked to. One query."""
    return [
        Place(link.ou, TargetKind.OU, link.unit.name, "ou")
        for link in UnitOu.objects.filter(unit__organisation=organisation).select_related("unit")
    ]


def years(today: datetime.date | None = None) -> list[int]:
    this = (today or timezone.localdate()).year
    return list(range(this - YEARS, this + 1))


# -- fetching --------------------------------------------------------------------------------


def fetch(
    client: kolada.Client,
    *,
    kpis: Sequence[Kpi],
    targets: Sequence[Place],
    years: Sequence[int],
) -> dict[str, Any]:
    """Read the KPIs' values for the places and years from Kolada and store them, KPI by KPI:
    each KPI's values are all read before any is written, so a failure leaves that KPI's stored
    values as they were. Organisational units (kind ou) are read from Kolada's ou data, for a
    KPI that has it. Returns {"stored": {kpi: rows}, "failed": {kpi: message}}."""
    stored: dict[str, int] = {}
    failed: dict[str, str] = {}
    for kpi in kpis:
        try:
            found = read_values(client, kpi, targets, years)
        except kolada.KoladaError as error:
            failed[kpi.id] = str(error)
            continue
        stored[kpi.id] = store(kpi, found, targets=targets, years=years)
    return {"stored": stored, "failed": failed}


def read_values(
    client: kolada.Client, kpi: Kpi, targets: Sequence[Place], years: Sequence[int]
) -> list[kolada.Value]:
    """The KPI's values of the places: municipalities and groups from `/data`, organisational
    units from `/oudata` (only when the KPI has ou data)."""
    places_ = [place.target for place in targets if place.kind != TargetKind.OU]
    ous = [place.target for place in targets if place.kind == TargetKind.OU]
    found = client.values([kpi.id], places_, years)
    if ous and kpi.has_ou_data:
        found += client.ou_values([kpi.id], ous, years)
    return found


@transaction.atomic
def store(
    kpi: Kpi, found: Iterable[kolada.Value], *, targets: Sequence[Place], years: Sequence[int]
) -> int:
    """Replace the KPI's stored values for these places and years by what Kolada answered.
    On PostgreSQL the rows go in by COPY (`_copy`), elsewhere by bulk_create."""
    kinds = {place.target: place.kind for place in targets}
    now = timezone.now()
    rows = {
        (v.target, v.year, v.gender): (
            kpi.id,
            v.target,
            str(kinds.get(v.target, TargetKind.MUNICIPALITY)),
            v.year,
            v.gender,
            v.value,
            max(v.count, 0),
            now,
            kpi.publication_date,
        )
        for v in found
        if v.kpi == kpi.id
    }
    Value.objects.filter(kpi=kpi, target__in=list(kinds), year__in=list(years)).delete()
    if connection.vendor == "postgresql":
        _copy(rows.values())
    else:
        Value.objects.bulk_create(
            [Value(**dict(zip(VALUE_COLUMNS, row, strict=True))) for row in rows.values()],
            batch_size=1000,
        )
    return len(rows)


VALUE_COLUMNS = (
    "kpi_id",
    "target",
    "kind",
    "year",
    "gender",
    "value",
    "count",
    "fetched_on",
    "publication_date",
)


def _copy(rows: Iterable[tuple[Any, ...]]) -> None:
    """Rows of `Value` (in VALUE_COLUMNS' order) by PostgreSQL's COPY, inside the caller's
    transaction: the import's bulk of rows at COPY's speed (`manage.py kolada_benchmark`)."""
    table = Value._meta.db_table
    with (
        connection.cursor() as cursor,
        cursor.cursor.copy(  # psycopg's own cursor
            f"COPY {table} ({', '.join(VALUE_COLUMNS)}) FROM STDIN"
        ) as copy,
    ):
        for row in rows:
            copy.write_row(row)


def fetch_for_indicator(
    indicator: Indicator, *, client: kolada.Client | None = None
) -> dict[str, Any]:
    """Fetch the linked KPI's values for the indicator's organisation (the page's button)."""
    kpi = linked_kpi(indicator)
    if kpi is None:
        raise ValidationError(_("The indicator is not linked to a Kolada KPI."))
    own = client is None
    reader = client or kolada.Client()
    try:
        result = fetch(
            reader, kpis=[kpi], targets=fetch_places(indicator.organisation), years=years()
        )
    finally:
        if own:
            reader.close()
    if result["failed"]:
        raise ValidationError(
            _("Kolada could not be read: %(error)s") % {"error": result["failed"][kpi.id]}
        )
    return result


def stored_values(kpi_ids: Iterable[str], targets: Iterable[str]) -> list[Value]:
    return list(Value.objects.filter(kpi_id__in=list(kpi_ids), target__in=list(targets)))


# -- the indicator source --------------------------------------------------------------------


def can_fill(indicator: Any) -> bool:
    return indicator.source == KOLADA and bool(indicator.source_reference)


def _by_year(values: Iterable[Value]) -> dict[tuple[str, str, int], dict[str, Value]]:
    table: dict[tuple[str, str, int], dict[str, Value]] = {}
    for value in values:
        table.setdefault((value.kpi_id, value.target, value.year), {})[value.gender] = value
    return table


def read(*, indicators: Any, units: Any, period: Any, **_options: Any) -> list[sources.SourceValue]:
    """The `kolada` source: the stored value of the organisation's own municipality for a
    year-end period's year (Kolada's figures are yearly), for every unit asked; a unit linked
    to one of Kolada's organisational units (`UnitOu`) takes that ou's value instead, and none
    when Kolada has none for it. Women and men too when the indicator is reported by gender.
    A year Kolada has no value for is left out."""
    if period.kind != PeriodKind.YEAR_END:
        return []
    units = list(units)
    ous = unit_ous(units)
    found = _source_values(indicators, period.organisation, [period.year])
    by_ou = _source_values(indicators, period.organisation, [period.year], set(ous.values()))
    result = []
    for indicator in indicators:
        for unit in units:
            ou = ous.get(unit.pk)
            fields = (by_ou if ou else found).get((indicator.pk, period.year, ou or ""))
            if fields is not None:
                result.append(sources.SourceValue(indicator=indicator, unit=unit, **fields))
    return result


def unit_ous(units: Iterable[Any]) -> dict[int, str]:
    """unit id → the Kolada ou it is linked to (one query)."""
    return dict(UnitOu.objects.filter(unit__in=[u.pk for u in units]).values_list("unit_id", "ou"))


def _source_values(
    indicators: Sequence[Any],
    organisation: Organisation,
    years: Sequence[int],
    ous: Iterable[str] | None = None,
) -> dict[tuple[int, int, str], dict[str, Any]]:
    """(indicator, year, ou or "") → the SourceValue's fields, from one query: the
    organisation's municipality's values, or with `ous` those organisational units'."""
    code = organisation.municipality_code
    targets = [code] if ous is None else sorted(ous)
    if (ous is None and not code) or not targets or not indicators or not years:
        return {}
    table = _by_year(
        Value.objects.filter(
            kpi_id__in=[i.source_reference for i in indicators], target__in=targets, year__in=years
        )
    )
    found = {}
    for indicator in indicators:
        for target in targets:
            for year in years:
                genders = table.get((indicator.source_reference, target, year), {})
                total = genders.get("T")
                if total is None or total.value is None:
                    continue
                women, men = genders.get("K"), genders.get("M")
                found[indicator.pk, year, "" if ous is None else target] = {
                    "value": total.value,
                    "vintage": total.publication_date or timezone.localdate(total.fetched_on),
                    "value_women": women.value if women and indicator.by_gender else None,
                    "value_men": men.value if men and indicator.by_gender else None,
                    "comment": _("Source: Kolada, %(kpi)s, %(year)s.")
                    % {"kpi": indicator.source_reference, "year": year},
                }
    return found


SOURCE = sources.IndicatorSource(
    key=KOLADA,
    label=gettext_lazy("Kolada"),
    can_fill=can_fill,
    read=read,
    compare="kolada:compare",  # the scorecard row's "Jämför"
)


# -- from values to outcomes -----------------------------------------------------------------


class Change:
    NEW = "new"  # no outcome yet
    SAME = "same"  # the outcome already has Kolada's value
    UPDATE = "update"  # an earlier Kolada value changes
    DIFFERS = "differs"  # a person entered another value: only on acceptance


@dataclass
class Row:
    year: int
    period: ReportingPeriod
    value: sources.SourceValue
    outcome: Outcome | None
    change: str

    @property
    def locked(self) -> bool:
        return self.period.status != PeriodStatus.OPEN


def preview(indicator: Indicator, unit: Any) -> list[Row]:
    """What Kolada's stored values would write as the indicator's outcomes at the unit, per
    year-end period of the organisation, newest first. Fixed number of queries per period."""
    queryset = (
        ReportingPeriod.objects.filter(
            organisation=indicator.organisation, kind=PeriodKind.YEAR_END
        )
        .exclude(status=PeriodStatus.PLANNED)
        .select_related("organisation")
    )
    outcomes = {
        o.period_id: o
        for o in Outcome.objects.filter(indicator=indicator, unit=unit, period__in=queryset)
    }
    periods = list(queryset)
    if not periods:
        return []
    ou = unit_ous([unit]).get(unit.pk)
    found = _source_values(
        [indicator],
        periods[0].organisation,
        [p.year for p in periods],
        None if ou is None else [ou],
    )
    rows = []
    for period in sorted(periods, key=lambda p: -p.year):
        fields = found.get((indicator.pk, period.year, ou or ""))
        if fields is None:
            continue
        value = sources.SourceValue(indicator=indicator, unit=unit, **fields)
        outcome = outcomes.get(period.pk)
        rows.append(Row(period.year, period, value, outcome, _change(outcome, value)))
    return rows


def _change(outcome: Outcome | None, value: sources.SourceValue) -> str:
    if outcome is None or outcome.value is None:
        return Change.NEW
    same = (
        outcome.value == value.value
        and outcome.value_women == value.value_women
        and outcome.value_men == value.value_men
    )
    if same:
        return Change.SAME
    return Change.UPDATE if outcome.source == KOLADA else Change.DIFFERS


def apply(
    indicator: Indicator, unit: Any, *, years: Iterable[int] | None = None, by: Any
) -> dict[str, int]:
    """Write Kolada's values as outcomes for the years given (None: every year whose outcome is
    missing or came from Kolada, never over a value a person entered), and the länssnitt and
    riket as comparison values (source "Kolada"). Returns how many outcomes were written and
    how many became pending revisions (closed or approved periods)."""
    wanted = None if years is None else set(years)
    written = pending = 0
    with transaction.atomic():
        for row in preview(indicator, unit):
            if row.change == Change.SAME:
                continue
            if wanted is None and row.change == Change.DIFFERS:
                continue
            if wanted is not None and row.year not in wanted:
                continue
            result = followup.outcome_write(
                indicator=indicator,
                unit=unit,
                period=row.period,
                value=row.value.value,
                value_women=row.value.value_women,
                value_men=row.value.value_men,
                comment=row.value.comment,
                source=KOLADA,
                vintage=row.value.vintage,
                by=by,
            )
            if isinstance(result, Outcome):
                written += 1
            elif result is not None:
                pending += 1
        comparisons = comparisons_write(indicator, by=by)
    return {"written": written, "pending": pending, "comparisons": comparisons}


def comparisons_write(indicator: Indicator, *, by: Any) -> int:
    """The länssnitt, riket and the organisation's peers of the linked KPI as the indicator's
    comparison values (a peer's named by its title), each year Kolada has them, marked as
    Kolada's. A comparison value a person typed is kept."""
    kinds: dict[str, tuple[str, str]] = {}
    for place in places(indicator.organisation):
        if place.role == "county":
            kinds[place.target] = (ComparisonKind.COUNTY, "")
        elif place.role == "national":
            kinds[place.target] = (ComparisonKind.NATIONAL, "")
        elif place.role == "peer":
            kinds[place.target] = (ComparisonKind.PEER, place.title)
    existing = {(c.year, c.kind, c.label): c for c in indicator.comparisons.all()}
    source = COMPARISON_SOURCE
    count = 0
    for value in Value.objects.filter(
        kpi_id=indicator.source_reference, target__in=list(kinds), gender="T"
    ):
        if value.value is None:
            continue
        kind, label = kinds[value.target]
        known = existing.get((value.year, kind, label))
        if known is not None and (known.source != source or known.value == value.value):
            continue  # a person's comparison value stays; Kolada's own only when it changed
        indicator_services.comparison_set(
            indicator=indicator,
            year=value.year,
            kind=kind,
            label=label,
            value=value.value,
            source=source,
            by=by,
        )
        count += 1
    return count


# -- peers -----------------------------------------------------------------------------------

PEER_CHOOSER = RoleKind.CONTROLLER  # controllers (anywhere in the organisation) choose peers


def may_choose_peers(grants: Any) -> bool:
    """Controllers and administrators of the organisation choose its peers."""
    from roder.organisation.models import ROLE_RANK

    if grants.is_superuser:
        return True
    return any(ROLE_RANK[RoleKind(kind)] >= ROLE_RANK[PEER_CHOOSER] for _p, kind in grants.roles)


def peer_search(query: str, limit: int = SEARCH_LIMIT) -> list[Place]:
    """Municipalities and groups of the catalogue by code or id, or by the words of their
    name ("liknande kommuner", "Göteborg"). Two queries."""
    query = query.strip()
    if not query:
        return []
    condition = Q()
    for word in query.split():
        condition &= Q(title__icontains=word)
    places_found = [
        Place(m.id, TargetKind.MUNICIPALITY, m.title, "peer")
        for m in Municipality.objects.filter(Q(pk__iexact=query) | condition).order_by("title")[
            :limit
        ]
    ]
    places_found += [
        Place(g.id, TargetKind.GROUP, g.title, "peer")
        for g in MunicipalityGroup.objects.filter(Q(pk__iexact=query) | condition).order_by(
            "title"
        )[:limit]
    ]
    return places_found


def _peer_titles(organisation: Organisation) -> str:
    return ", ".join(Peer.objects.filter(organisation=organisation).values_list("title", flat=True))


@transaction.atomic
def peer_add(*, organisation: Organisation, target: str, by: Any, grants: Any = None) -> Peer:
    """Add a municipality or group of the catalogue to the organisation's peers; the history
    keeps the list before and after."""
    if grants is not None and not may_choose_peers(grants):
        raise PermissionDenied
    target = target.strip()
    municipality = Municipality.objects.filter(pk=target).first()
    group = None if municipality else MunicipalityGroup.objects.filter(pk=target).first()
    found = municipality or group
    if found is None:
        raise ValidationError(
            _("Kolada's catalogue has no municipality or group “%(id)s”.") % {"id": target}
        )
    if target == organisation.municipality_code:
        raise ValidationError(_("The organisation cannot be its own peer."))
    if Peer.objects.filter(organisation=organisation, target=target).exists():
        raise ValidationError(_("%(name)s is already a peer.") % {"name": found.title})
    before = _peer_titles(organisation)
    peer = Peer.objects.create(
        organisation=organisation,
        target=target,
        kind=TargetKind.MUNICIPALITY if municipality else TargetKind.GROUP,
        title=found.title,
        order=Peer.objects.filter(organisation=organisation).count() + 1,
    )
    _peer_history(organisation, before, by)
    return peer


@transaction.atomic
def peer_remove(*, organisation: Organisation, peer_id: int, by: Any, grants: Any) -> None:
    """Take a peer off the organisation's list; its stored values stay in the catalogue's
    values until the next fetch no longer reads them."""
    if not may_choose_peers(grants):
        raise PermissionDenied
    peer = Peer.objects.filter(organisation=organisation, pk=peer_id).first()
    if peer is None:
        raise ValidationError(_("The peer is no longer on the list."))
    before = _peer_titles(organisation)
    peer.delete()
    _peer_history(organisation, before, by)


def _peer_history(organisation: Organisation, before: str, by: Any) -> None:
    history_record(
        obj=organisation,
        action=HistoryAction.UPDATE,
        actor=by,
        organisation=organisation,
        before={"kolada_peers": before},
        after={"kolada_peers": _peer_titles(organisation)},
    )


# -- organisational units (ou) ---------------------------------------------------------------

OU_ID = re.compile(r"^[A-Z0-9]{4,30}$")


def may_link_ou(grants: Any, unit: Any) -> bool:
    return bool(grants.has_role(unit, LINKER))


@transaction.atomic
def unit_ou_set(*, unit: Any, ou: str, title: str = "", by: Any, grants: Any) -> UnitOu | None:
    """Link the unit to one of Kolada's organisational units (an ou id such as
    V15E011400101), or with an empty id remove the link. The history keeps the id before and
    after. The next fetch of a KPI with ou data reads the ou's values for the unit."""
    if not may_link_ou(grants, unit):
        raise PermissionDenied
    ou = ou.strip().upper()
    title = title.strip()
    if ou and not OU_ID.match(ou):
        raise ValidationError(
            _("“%(ou)s” is not an id of Kolada's organisational units (letters and digits).")
            % {"ou": ou}
        )
    if (
        ou
        and UnitOu.objects.filter(unit__organisation=unit.organisation, ou=ou)
        .exclude(unit=unit)
        .exists()
    ):
        raise ValidationError(_("Another unit is already linked to %(ou)s.") % {"ou": ou})
    link = UnitOu.objects.filter(unit=unit).first()
    before = link.ou if link else ""
    if not ou:
        if link is not None:
            link.delete()
        result = None
    else:
        result, _created = UnitOu.objects.update_or_create(
            unit=unit, defaults={"ou": ou, "title": title[:300]}
        )
    history_record(
        obj=unit,
        action=HistoryAction.UPDATE,
        actor=by,
        organisation=unit.organisation,
        unit=unit,
        before={"kolada_ou": before},
        after={"kolada_ou": ou},
    )
    return result


# -- keeping it fresh (manage.py kolada_refresh) ---------------------------------------------


@dataclass(frozen=True)
class Refreshed:
    """What the refresh did with one KPI for one organisation."""

    organisation: str  # slug
    kpi: str
    state: str  # "updated", "unchanged" (publication date as before) or "failed"
    values: int = 0
    written: int = 0
    pending: int = 0
    error: str = ""


def linked_indicators(
    organisations: Iterable[Organisation], kpi: str | None = None
) -> dict[tuple[int, str], list[Indicator]]:
    """(organisation, KPI) → the organisation's active indicators linked to it."""
    found: dict[tuple[int, str], list[Indicator]] = {}
    indicators = Indicator.objects.filter(
        organisation__in=list(organisations), source=KOLADA, is_active=True
    ).exclude(source_reference="")
    if kpi:
        indicators = indicators.filter(source_reference=kpi.strip().upper())
    for indicator in indicators.select_related("owner", "organisation").order_by("pk"):
        found.setdefault((indicator.organisation_id, indicator.source_reference), []).append(
            indicator
        )
    return found


def refresh(
    client: kolada.Client,
    *,
    organisations: Sequence[Organisation],
    kpi: str | None = None,
    force: bool = False,
    by: Any = None,
) -> list[Refreshed]:
    """Fetch the values of every linked KPI for each organisation and write them as outcomes
    (`apply` with years=None: never over a value a person entered; those wait for the
    preview). First Kolada's current metadata of the KPIs is read: a KPI whose publication date
    is the one its stored values already have is skipped unless `force`. All or nothing per KPI
    and organisation: a failure (Kolada down, an answer in the wrong shape, a refused write)
    leaves its values and outcomes as they were and is reported."""
    linked = linked_indicators(organisations, kpi)
    ids = sorted({kpi_id for _org, kpi_id in linked})
    if not ids:
        return []
    current = {k.id: k for k in client.kpis(ids=ids)}  # a failure here fails the whole run
    slugs = {o.pk: o.slug for o in organisations}
    report: list[Refreshed] = []
    for (organisation_id, kpi_id), indicators in sorted(linked.items()):
        slug = slugs[organisation_id]
        organisation = indicators[0].organisation
        stored = Kpi.objects.filter(pk=kpi_id).first()
        fresh = current.get(kpi_id)
        if stored is None or fresh is None:
            report.append(
                Refreshed(slug, kpi_id, "failed", error=_("Kolada has no KPI with this id."))
            )
            continue
        targets = fetch_places(organisation)
        held = set(
            Value.objects.filter(kpi_id=kpi_id, target__in=[p.target for p in targets])
            .order_by()
            .values_list("publication_date", flat=True)
            .distinct()
        )
        if not force and fresh.publication_date is not None and held == {fresh.publication_date}:
            report.append(Refreshed(slug, kpi_id, "unchanged"))
            continue
        try:
            found = read_values(client, stored, targets, years())
            with transaction.atomic():
                Kpi.objects.filter(pk=kpi_id).update(
                    publication_date=fresh.publication_date,
                    publ_period=fresh.publ_period[:100],
                    fetched_at=timezone.now(),
                )
                stored.publication_date = fresh.publication_date
                count = store(stored, found, targets=targets, years=years())
                written = pending = 0
                for indicator in indicators:
                    result = apply(indicator, indicator.owner, by=by)
                    written += result["written"]
                    pending += result["pending"]
        except (kolada.KoladaError, ValidationError) as error:
            message = (
                str(error) if isinstance(error, kolada.KoladaError) else " ".join(error.messages)
            )
            report.append(Refreshed(slug, kpi_id, "failed", error=message))
            continue
        report.append(Refreshed(slug, kpi_id, "updated", count, written, pending))
    return report
