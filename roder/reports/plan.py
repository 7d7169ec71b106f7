"""Verksamhetsplan med budget (seed 004): 1 Sammanfattning, 2 Ansvarsområde, 3 Mål och
nyckeltal per perspective and sub-area (nämndmål, nyckeltal with years, targets and länssnitt,
handlingsplan), the economic overview under the economy perspective, 4 Uppdrag, 5 Risk- och
kontrollplan, 6 Omvärldsanalys och framåtblick.

Every read is in bulk: a fixed number of queries however many goals and indicators the plan has.
"""

from collections import defaultdict

from django.db.models import Prefetch
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext, pgettext_lazy

from roder.actions.models import Action
from roder.control.documents import control_plan_for
from roder.control.matrix import matrix_of
from roder.control.models import Control
from roder.control.selectors import group_by_perspective, plan_risks
from roder.documents.blocks import Cell, Heading, Paragraphs, Table
from roder.documents.sections import Context, Section, written
from roder.followup.models import Outcome
from roder.followup.visibility import Seen
from roder.indicators.models import ComparisonKind, GoalIndicator, Target
from roder.indicators.selectors import latest_comparisons
from roder.periods.models import PeriodKind
from roder.planning.models import GoalCategory, GoalKind, Plan
from roder.planning.selectors import plan_for, plan_goals_by_category, walk
from roder.planning.services import AREA_PREFIX, area_key
from roder.reports.budget import economy_blocks

HISTORY_YEARS = 3  # outcome columns before the plan year, as seed 004
ECONOMY_NAMES = {"ekonomi", "economy"}


def plan_of(ctx: Context) -> Plan | None:
    """The unit's plan of the year; services.build_document has read it into the cache."""
    if "plan" not in ctx.cache:
        ctx.cache["plan"] = plan_for(ctx.unit, ctx.year)
    return ctx.cache["plan"]


def _written(key: str):
    return lambda ctx, number: written(ctx, key)


# --- 3 Mål och nyckeltal ------------------------------------------------------------------


def _indicator_table(ctx: Context, goals: list, caption: str) -> Table | None:
    """Nyckeltal of the goals: outcomes of the three years before, targets of the plan year and
    the next, and the latest county average (länssnitt) — read by `_load_figures`."""
    figures = ctx.cache["figures"]
    seen, rows = set(), []
    sources: dict[str, None] = {}
    for goal in goals:
        for link in figures["links"].get(goal.pk, []):
            indicator = link.indicator
            if indicator.pk in seen:
                continue
            seen.add(indicator.pk)
            row = [Cell(indicator.name)]
            for year in figures["history_years"]:
                value = figures["outcomes"].get((indicator.pk, year))
                row.append(Cell(indicator.format(value), value, indicator.decimals))
            for year in (ctx.year, ctx.year + 1):
                target = figures["targets"].get((indicator.pk, year))
                row.append(_target_cell(indicator, target))
            county = figures["county"].get(indicator.pk)
            row.append(
                Cell(indicator.format(county[1]), county[1], indicator.decimals)
                if county
                else Cell("–")
            )
            others = [
                c.text
                for c in figures["comparisons"].get(indicator.pk, [])
                if c.kind != ComparisonKind.COUNTY
            ]
            row.append(Cell("; ".join(others) or "–"))
            sources.update(
                dict.fromkeys(
                    c.source for c in figures["comparisons"].get(indicator.pk, []) if c.source
                )
            )
            rows.append(row)
    if not rows:
        return None
    with_others = any(row[-1].text != "–" for row in rows)
    if not with_others:
        rows = [row[:-1] for row in rows]
    years = figures["history_years"]
    columns = [_("Indicator")]
    columns += [_("Outcome %(year)s") % {"year": year} for year in years]
    columns += [_("Target %(year)s") % {"year": year} for year in (ctx.year, ctx.year + 1)]
    columns.append(_("County average"))
    numeric = [False] + [True] * (len(columns) - 1)
    if with_others:
        columns.append(_("Other comparisons"))
        numeric.append(False)
    note = ""
    if sources:
        note = _("Comparison values – Source: %(source)s.") % {"source": ", ".join(sources)}
    return Table(
        caption=caption, columns=columns, rows=rows, numeric=numeric, sheet=caption, note=note
    )


def _target_cell(indicator, target) -> Cell:
    if target is None:
        return Cell("–")
    text = indicator.format(target.value)
    if target.value_high is not None:
        text += "–" + indicator.format(target.value_high)
    return Cell(text, target.value, indicator.decimals)


def _load_figures(ctx: Context, goals: list) -> None:
    """Six queries for every indicator of every goal in the plan."""
    unit = ctx.unit
    links = defaultdict(list)
    for link in (
        GoalIndicator.objects.filter(goal__in=goals)
        .select_related("indicator")
        .order_by("order", "pk")
    ):
        links[link.goal_id].append(link)
    indicator_ids = {link.indicator_id for group in links.values() for link in group}
    history_years = list(range(ctx.year - HISTORY_YEARS, ctx.year))
    outcomes = {
        (o.indicator_id, o.period.year): o.value
        for o in Outcome.objects.filter(
            indicator_id__in=indicator_ids,
            unit=unit,
            period__kind=PeriodKind.YEAR_END,
            period__year__in=history_years,
        )
        .filter(Seen.approved_only().condition())  # an adopted plan shows approved outcomes
        .select_related("period")
    }
    targets = {
        (t.indicator_id, t.year): t
        for t in Target.objects.filter(
            indicator_id__in=indicator_ids,
            unit=unit,
            year__in=(ctx.year, ctx.year + 1),
            period__isnull=True,
        )
    }
    comparisons = latest_comparisons(indicator_ids, ctx.year, before=True)
    county = {
        pk: (c.year, c.value)
        for pk, found in comparisons.items()
        for c in found
        if c.kind == ComparisonKind.COUNTY
    }
    actions = defaultdict(list)
    for action in (
        Action.objects.filter(goals__in=goals)
        .select_related("responsible")
        .prefetch_related(Prefetch("goals", to_attr="goal_list"))
        .order_by("due", "pk")
        .distinct()
    ):
        for goal in action.goal_list:
            actions[goal.pk].append(action)
    ctx.cache["figures"] = {
        "links": links,
        "history_years": history_years,
        "outcomes": outcomes,
        "targets": targets,
        "county": county,
        "comparisons": comparisons,
        "actions": actions,
    }


def _action_table(ctx: Context, goals: list, caption: str) -> Table | None:
    seen, rows = set(), []
    for goal in goals:
        for action in ctx.cache["figures"]["actions"].get(goal.pk, []):
            if action.pk in seen:
                continue
            seen.add(action.pk)
            responsible = action.responsible
            rows.append(
                [
                    Cell(action.title),
                    Cell(action.description),
                    Cell(responsible.get_full_name() if responsible else "–"),
                    Cell(_date(action.due)),
                    Cell(action.get_status_display()),
                ]
            )
    if not rows:
        return None
    return Table(
        caption=caption,
        columns=[
            pgettext("planned action", "Action"),
            _("Description"),
            _("Responsible"),
            _("Due"),
            _("Status"),
        ],
        rows=rows,
        sheet=caption,
    )


def _date(day) -> str:
    return day.isoformat() if day else "–"


def _area_blocks(ctx: Context, group, number: str) -> list:
    level = len(number.split("."))
    blocks: list = [Heading(level, group.category.name, number)]
    if group.category.description:
        blocks.append(Paragraphs(group.category.description))
    own = ctx.cache.get("texts", {}).get(area_key(group.category), "").strip()
    if own:
        blocks.append(Paragraphs(own))
    goals = [goal for goal in group.goals if goal.kind == GoalKind.GOAL]
    commitments = [goal for goal in group.goals if goal.kind == GoalKind.COMMITMENT]
    if goals:
        lines = "\n".join(f"- {goal.title}" for goal in goals)
        blocks.append(Paragraphs(lines, lead=_("Committee goals")))
    if commitments:
        lines = "\n".join(f"- {goal.title}" for goal in commitments)
        blocks.append(Paragraphs(lines, lead=_("Commitments")))
    name = group.category.name
    both = goals + commitments
    blocks.append(_indicator_table(ctx, both, _("Indicators – %(area)s") % {"area": name}))
    blocks.append(_action_table(ctx, both, _("Action plan – %(area)s") % {"area": name}))
    return [block for block in blocks if block is not None]


def _goals(ctx: Context, number: str) -> list:
    plan = plan_of(ctx)
    if plan is None:
        return [Paragraphs(_("The unit has no plan for %(year)s.") % {"year": ctx.year})]
    # An area the plan or the organisation writes about but sets no goals in (seed 004's 3.1.2
    # Kunskap och lärande, 3.1.3 Trygghet och hälsa) is printed too.
    groups = plan_goals_by_category(plan, keep=_areas_with_text(ctx))
    all_goals = [goal for group in walk(groups) for goal in group.goals]
    _load_figures(ctx, all_goals)
    economy_inside = "economy" not in ctx.cache.get("order", [])
    economy_group = next(
        (g for g in groups if g.category and g.category.name.lower() in ECONOMY_NAMES), None
    )
    blocks: list = []
    for index, group in enumerate(groups, start=1):
        if group.category is None:
            continue
        # The organisation's own numbering: perspective 1 → 3.1, sub-area 1.2 → 3.1.2.
        area = f"{number}.{group.category.number}"
        blocks += _area_blocks(ctx, group, area)
        children = group.children
        for child in children:
            assert child.category is not None  # sub-areas are categories
            blocks += _area_blocks(ctx, child, f"{number}.{child.category.number}")
        ctx.progress(0.2 + 0.5 * index / max(len(groups), 1), group.category.name)
        if economy_inside and group is economy_group:
            blocks += economy_blocks(
                ctx.unit, ctx.year, f"{area}.{len(children) + 1}", _("Economic overview")
            )
    uncategorised = [g for g in all_goals if g.category_id is None and g.kind != "assignment"]
    if uncategorised:
        # Numbered after the last perspective (the group without a category has no number of
        # its own), with the goals' indicators and actions like every other area.
        other = _("Other goals")
        firsts = [g.category.number.split(".")[0] for g in groups if g.category is not None]
        area = f"{number}.{max((int(n) for n in firsts if n.isdigit()), default=0) + 1}"
        blocks.append(Heading(2, other, area))
        blocks.append(Paragraphs("\n".join(f"- {goal.title}" for goal in uncategorised)))
        blocks.append(
            _indicator_table(ctx, uncategorised, _("Indicators – %(area)s") % {"area": other})
        )
        blocks.append(
            _action_table(ctx, uncategorised, _("Action plan – %(area)s") % {"area": other})
        )
    return [block for block in blocks if block is not None]


def _areas_with_text(ctx: Context) -> set[int]:
    """Ids of the categories with a description or a text of this plan (one query)."""
    written = {
        int(key.removeprefix(AREA_PREFIX))
        for key, body in ctx.cache.get("texts", {}).items()
        if key.startswith(AREA_PREFIX) and body.strip()
    }
    described = GoalCategory.objects.filter(organisation_id=ctx.unit.organisation_id).exclude(
        description=""
    )
    return written | set(described.values_list("pk", flat=True))


def _economy(ctx: Context, number: str) -> list:
    return economy_blocks(ctx.unit, ctx.year, f"{number}.1", _("Budget"))[1:]


# --- 4 Uppdrag ------------------------------------------------------------------------------


def _assignments(ctx: Context, number: str) -> list:
    plan = plan_of(ctx)
    assignments = (
        list(plan.goals.filter(kind=GoalKind.ASSIGNMENT).select_related("responsible"))
        if plan
        else []
    )
    if not assignments:
        return [Paragraphs(_("No assignments for %(year)s.") % {"year": ctx.year})]
    rows = [
        [
            Cell(goal.title),
            Cell(goal.description),
            Cell(goal.responsible.get_full_name() if goal.responsible else "–"),
        ]
        for goal in assignments
    ]
    caption = _("Assignments and owner directives")
    return [
        Table(
            caption=caption,
            columns=[_("Assignment"), _("Description"), _("Responsible")],
            rows=rows,
            sheet=caption,
        )
    ]


# --- 5 Risk- och kontrollplan ----------------------------------------------------------------


def _control(ctx: Context, number: str) -> list:
    plan = control_plan_for(ctx.unit, ctx.year, ctx.grants)
    if plan is None:
        return [Paragraphs(_("No control plan for %(year)s.") % {"year": ctx.year})]
    risks = plan_risks(plan, matrix_of(ctx.organisation))
    blocks: list = []
    if plan.unit_id != ctx.unit.pk:
        blocks.append(Paragraphs(_("The control plan of %(unit)s.") % {"unit": plan.unit.name}))
    for group in group_by_perspective(risks):
        name = group.category.name if group.category else _("Other")
        rows = []
        for risk in group.risks:
            controls: list[Control | None] = [*risk.control_list] or [None]
            for control in controls:
                rows.append(
                    [
                        Cell(risk.process),
                        Cell(risk.description),
                        Cell(control.step if control else "–"),
                        Cell(control.reporting_times_display if control else "–"),
                        Cell(control.planned_actions if control else ""),
                    ]
                )
        caption = _("Risk and control plan – %(perspective)s") % {"perspective": name}
        blocks.append(
            Table(
                caption=caption,
                columns=[
                    _("Process"),
                    _("Risk"),
                    _("Control step"),
                    _("Followed up in"),
                    _("Actions"),
                ],
                rows=rows,
                sheet=caption,
            )
        )
    return blocks or [Paragraphs(_("The control plan has no risks yet."))]


SECTIONS = [
    Section("summary", gettext_lazy("Summary"), _written("summary"), written=True),
    Section(
        "responsibility",
        gettext_lazy("Area of responsibility"),
        _written("responsibility"),
        written=True,
    ),
    Section("goals", gettext_lazy("Goals and indicators"), _goals),
    Section("economy", gettext_lazy("Economic overview"), _economy),
    Section("assignments", gettext_lazy("Assignments and owner directives"), _assignments),
    Section("control", pgettext_lazy("document section", "Risk and control plan"), _control),
    Section(
        "outlook",
        gettext_lazy("External analysis and outlook"),
        _written("outlook"),
        written=True,
    ),
]
# The economic overview sits under the economy perspective (3.4) unless a template lists it.
DEFAULT_ORDER = ["summary", "responsibility", "goals", "assignments", "control", "outlook"]
