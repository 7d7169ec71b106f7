"""Survey indices as nyckeltal (issue 14 part 5): the `survey` indicator source.

An indicator is linked to an index by its `source` ("survey") and `source_reference`
("<questionnaire code>/<index code>", e.g. "hme/hme"): the code, not a version, so the link
holds over the questionnaire's versions and years. Its outcome for a unit and a period is the
index of the latest closed round of that questionnaire in the organisation that ended within
the period and covers the unit: the owner unit's total, a branch (the unit with the units below
it in the round) or a unit's own answers. A group hidden by the small-group rule gives no value.

When a round closes (`services.round_close`) its results are written as outcomes
(`results_write`) for every linked indicator into the period its periodicity names (yearly:
the year-end period of the closing day's year; per tertial: the tertial holding that day;
monthly: the month), through `followup.services.outcome_write`: versions, history, and a
pending revision for an approved or closed period. A period not yet open is left out and said
so; the round's owners can write again once it opens.
"""

import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from roder.core.disclosure import minimum_group_size
from roder.followup import services as followup_services
from roder.followup.models import Outcome
from roder.indicators import services as indicator_services
from roder.indicators import sources
from roder.indicators.models import Indicator, Periodicity
from roder.organisation.models import RoleKind, Unit
from roder.periods.models import PeriodKind, PeriodStatus, ReportingPeriod
from roder.surveys.indices import rounded
from roder.surveys.models import RoundStatus, SurveyIndex, SurveyRound
from roder.surveys.selectors import GroupResult, rounds_groups

SURVEY = "survey"
LINKER = RoleKind.CONTROLLER  # links the indicators of the units they control to an index

PERIOD_KIND: dict[str, str] = {
    Periodicity.YEAR: PeriodKind.YEAR_END,
    Periodicity.TERTIAL: PeriodKind.TERTIAL,
    Periodicity.MONTH: PeriodKind.MONTH,
}


def reference(questionnaire_code: str, index_code: str) -> str:
    return f"{questionnaire_code}/{index_code}"


def parse_reference(value: str) -> tuple[str, str] | None:
    questionnaire_code, slash, index_code = value.partition("/")
    return (questionnaire_code, index_code) if slash and questionnaire_code and index_code else None


def fills(indicator: Any) -> bool:
    return indicator.source == SURVEY and parse_reference(indicator.source_reference) is not None


def index_choices(organisation: Any) -> list[tuple[str, str]]:
    """The indices people may link to: of the shipped questionnaires and the organisation's,
    by questionnaire and index code (the newest version's names), in name order."""
    found: dict[str, str] = {}
    indices = (
        SurveyIndex.objects.filter(
            Q(questionnaire__organisation=None) | Q(questionnaire__organisation=organisation)
        )
        .select_related("questionnaire")
        .order_by("questionnaire__pk")
    )
    for index in indices:
        found[reference(index.questionnaire.code, index.code)] = (
            f"{index.questionnaire.name}: {index.name}"
        )
    return sorted(found.items(), key=lambda item: item[1].casefold())


def index_name(indicator: Any) -> str | None:
    """The linked index's name as people read it, None when not linked (or unknown)."""
    if not fills(indicator):
        return None
    return dict(index_choices(indicator.organisation_id)).get(indicator.source_reference)


def may_link(grants: Any, indicator: Any) -> bool:
    return bool(grants.has_role(indicator.owner, LINKER))


def indicator_link(*, indicator: Indicator, reference_: str, expected_version: int, by: Any):
    """Link the indicator to an index ("" back to entry by hand; outcomes written stay)."""
    if reference_ and reference_ not in dict(index_choices(indicator.organisation_id)):
        raise ValidationError(_("Choose one of the survey indices."))
    if (indicator.source == SURVEY) == bool(reference_) and (
        not reference_ or indicator.source_reference == reference_
    ):
        return indicator  # as it was: no new version, no history
    values = {name: getattr(indicator, name) for name in indicator_services.INDICATOR_FIELDS}
    if reference_:
        values.update(source=SURVEY, source_reference=reference_)
    else:
        values.update(source=sources.MANUAL, source_reference="")
    return indicator_services.indicator_update(
        indicator=indicator, expected_version=expected_version, by=by, **values
    )


def _group_for(total: GroupResult, lines: list[GroupResult], owner_id: int, unit_id: int):
    """The unit's group in a round: the total at the owner, else its branch, else its own."""
    if unit_id == owner_id:
        return total
    own = None
    for line in lines:
        if line.unit_id == unit_id:
            if line.branch:
                return line
            own = line
    return own


def _value(group: GroupResult | None, index_code: str, decimals: int):
    if group is None or not group.shown:
        return None
    for index, result in group.indices:
        if getattr(index, "code", None) == index_code and result.value is not None:
            return rounded(result.value, decimals), group.respondents
    return None


def _comment(round_: SurveyRound, n: int) -> str:
    if round_.is_imported:
        return _("Survey “%(round)s”, %(n)s answers, imported from %(source)s") % {
            "round": round_.name,
            "n": n,
            "source": round_.imported_from,
        }
    return _("Survey “%(round)s”, %(n)s answers") % {"round": round_.name, "n": n}


def read(*, indicators, units, period, **options) -> list[sources.SourceValue]:
    """The survey source's values for the period (the `read` of the registry)."""
    linked = [(i, parse_reference(i.source_reference)) for i in indicators]
    codes = {ref[0] for _, ref in linked if ref}
    rounds = list(
        SurveyRound.objects.filter(
            organisation=period.organisation_id,
            status=RoundStatus.CLOSED,
            closes_on__gte=period.starts,
            closes_on__lte=period.ends,
            questionnaire__code__in=codes,
        )
        .select_related("questionnaire", "owner_unit", "organisation")
        .order_by("-closes_on", "-pk")
    )
    if not rounds:
        return []
    groups = rounds_groups(rounds, minimum=minimum_group_size(rounds[0].organisation))
    found = []
    for indicator, ref in linked:
        if ref is None:
            continue
        for unit in units:
            for round_ in rounds:  # the latest first
                if round_.questionnaire.code != ref[0]:
                    continue
                total, lines = groups[round_.pk]
                group = _group_for(total, lines, round_.owner_unit_id, unit.pk)
                if group is None:
                    continue
                value = _value(group, ref[1], indicator.decimals)
                if value is not None:
                    found.append(
                        sources.SourceValue(
                            indicator=indicator,
                            unit=unit,
                            value=Decimal(value[0]),
                            vintage=round_.closes_on,
                            count=value[1],
                            comment=_comment(round_, value[1]),
                        )
                    )
                break  # the latest round covering the unit decides, shown or hidden
    return found


SOURCE = sources.IndicatorSource(
    key=SURVEY, label=gettext_lazy("Survey"), can_fill=fills, read=read
)


def _period_for(indicator: Indicator, round_: SurveyRound, periods) -> ReportingPeriod | None:
    kind = PERIOD_KIND.get(indicator.periodicity)
    for period in periods:
        if period.kind == kind and period.starts <= round_.closes_on <= period.ends:
            return period
    return None


@transaction.atomic
def results_write(
    *, round_: SurveyRound, by: Any, only_missing: bool = False
) -> tuple[int, list[str]]:
    """Write the closed round's indices as the outcomes of every indicator linked to its
    questionnaire, for the units it covers: how many were written (or proposed as revisions)
    and, in words, what could not be (no such period, a period not yet open, an outcome a
    person entered: never overwritten). `only_missing` writes only where no outcome is stored
    (the daily task, for a period that has opened since the round closed)."""
    if round_.status != RoundStatus.CLOSED:
        raise ValidationError(_("The round's results become nyckeltal when it closes."))
    indicators = [
        indicator
        for indicator in Indicator.objects.filter(
            organisation=round_.organisation_id, source=SURVEY, is_active=True
        ).select_related("owner")
        if (ref := parse_reference(indicator.source_reference))
        and ref[0] == round_.questionnaire.code
    ]
    if not indicators:
        return 0, []
    periods = list(
        ReportingPeriod.objects.filter(
            organisation=round_.organisation_id,
            starts__lte=round_.closes_on,
            ends__gte=round_.closes_on,
        )
    )
    groups = rounds_groups([round_], minimum=minimum_group_size(round_.organisation))
    total, lines = groups[round_.pk]
    unit_ids: list[int] = list(
        dict.fromkeys([round_.owner_unit_id, *(line.unit_id for line in lines if line.unit_id)])
    )
    units = {unit.pk: unit for unit in Unit.objects.filter(pk__in=unit_ids)}
    written, problems = 0, []
    for indicator in indicators:
        period = _period_for(indicator, round_, periods)
        if period is None:
            problems.append(
                _("%(indicator)s: no %(kind)s period holds %(day)s.")
                % {
                    "indicator": indicator.name,
                    "kind": PeriodKind(PERIOD_KIND[indicator.periodicity]).label.lower(),
                    "day": round_.closes_on.isoformat(),
                }
            )
            continue
        if period.status == PeriodStatus.PLANNED:
            problems.append(
                _("%(indicator)s: %(period)s is not open yet.")
                % {"indicator": indicator.name, "period": period.name}
            )
            continue
        index_code = indicator.source_reference.partition("/")[2]
        stored = dict(
            Outcome.objects.filter(
                indicator=indicator, period=period, unit__in=unit_ids
            ).values_list("unit_id", "source")
        )
        for unit_id in unit_ids:
            group = _group_for(total, lines, round_.owner_unit_id, unit_id)
            value = _value(group, index_code, indicator.decimals)
            if value is None or (only_missing and unit_id in stored):
                continue
            if stored.get(unit_id, SURVEY) != SURVEY:
                problems.append(
                    _(
                        "%(indicator)s, %(unit)s: the outcome for %(period)s was entered in "
                        "another way and is left as it is."
                    )
                    % {
                        "indicator": indicator.name,
                        "unit": units[unit_id].name,
                        "period": period.name,
                    }
                )
                continue
            followup_services.outcome_write(
                indicator=indicator,
                unit=units[unit_id],
                period=period,
                value=Decimal(value[0]),
                comment=_comment(round_, value[1]),
                source=SURVEY,
                vintage=round_.closes_on,
                count=value[1],
                by=by,
            )
            written += 1
    return written, problems


def results_write_recent(today: datetime.date, *, days: int = 400) -> int:
    """The daily task's part: the rounds closed within `days` write the outcomes still missing
    (a year-end period opens in January, after the autumn's round has closed). Idempotent."""
    written = 0
    recent = SurveyRound.objects.filter(
        status=RoundStatus.CLOSED, closes_on__gte=today - datetime.timedelta(days=days)
    ).select_related("questionnaire", "organisation", "owner_unit")
    for round_ in recent:
        written += results_write(round_=round_, by=None, only_missing=True)[0]
    return written
