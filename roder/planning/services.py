"""Writes to goal categories, plans, sections and goals. Transactional, validated, with history."""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from roder.core.models import HistoryAction
from roder.core.services import (
    ConcurrentEditError,
    create_with_history,
    history_record,
    snapshot,
    update_with_history,
)
from roder.organisation.models import Organisation, Unit
from roder.planning.models import Goal, GoalCategory, GoalKind, GoalLink, Plan, PlanSection

CATEGORY_FIELDS = ("parent", "number", "name", "description", "is_active")
PLAN_FIELDS = ("title", "status", "adopted_on")
SECTION_FIELDS = ("title", "body")
GOAL_FIELDS = (
    "category",
    "kind",
    "number",
    "title",
    "description",
    "expected_results",
    "working_methods",
    "follow_up_methods",
    "responsible",
    "order",
)


def default_categories() -> list[tuple[str, str]]:
    """The four balanced-scorecard perspectives most Swedish municipalities use."""
    return [
        ("1", _("Customer")),
        ("2", _("Society and environment")),
        ("3", _("Employees")),
        ("4", _("Economy")),
    ]


def default_sections() -> list[tuple[str, str]]:
    return [
        ("summary", _("Summary")),
        ("responsibility", _("Area of responsibility")),
        ("outlook", _("External analysis and outlook")),
    ]


# --- categories ----------------------------------------------------------------------------


def _category_checks(organisation, *, parent, number, exclude=None) -> None:
    if parent is not None and parent.organisation_id != organisation.pk:
        raise ValidationError(_("The main category belongs to another organisation."))
    if parent is not None and parent.parent_id is not None and parent.parent.parent_id is not None:
        raise ValidationError(_("Categories can be nested at most three levels deep."))
    clash = GoalCategory.objects.filter(organisation=organisation, number=number)
    if exclude is not None:
        clash = clash.exclude(pk=exclude.pk)
    if clash.exists():
        raise ValidationError({"number": _("Another category already has this number.")})


@transaction.atomic
def category_create(
    *, organisation: Organisation, parent, number: str, name: str, description: str = "", by
) -> GoalCategory:
    _category_checks(organisation, parent=parent, number=number)
    values = {"parent": parent, "number": number, "name": name, "description": description}
    return create_with_history(
        GoalCategory,
        values={"organisation": organisation, **values},
        fields=CATEGORY_FIELDS,
        by=by,
        organisation=organisation,
    )


@transaction.atomic
def category_update(*, category: GoalCategory, expected_version: int, by, **values):
    parent = values["parent"]
    if parent is not None and (parent.pk == category.pk or parent.parent_id == category.pk):
        raise ValidationError({"parent": _("A category cannot lie under itself.")})
    _category_checks(
        category.organisation, parent=parent, number=values["number"], exclude=category
    )
    update_with_history(
        category,
        fields=CATEGORY_FIELDS,
        values=values,
        expected_version=expected_version,
        by=by,
        organisation=category.organisation,
    )
    return category


@transaction.atomic
def categories_install_defaults(*, organisation: Organisation, by) -> list[GoalCategory]:
    if GoalCategory.objects.filter(organisation=organisation).exists():
        raise ValidationError(_("The organisation already has goal categories."))
    return [
        category_create(organisation=organisation, parent=None, number=number, name=name, by=by)
        for number, name in default_categories()
    ]


# --- plans and sections --------------------------------------------------------------------


def _check_year_free(unit: Unit, year: int) -> None:
    if not 2000 <= year <= 2100:
        raise ValidationError({"year": _("Enter a year between 2000 and 2100.")})
    if Plan.objects.filter(unit=unit, year=year).exists():
        raise ValidationError(
            {"year": _("%(unit)s already has a plan for %(year)s.") % {"unit": unit, "year": year}}
        )


@transaction.atomic
def plan_create(*, unit: Unit, year: int, title: str = "", by) -> Plan:
    _check_year_free(unit, year)
    title = title or _("Operational plan %(year)s – %(unit)s") % {"year": year, "unit": unit}
    plan = create_with_history(
        Plan,
        values={"unit": unit, "year": year, "title": title},
        fields=("title", "year"),
        by=by,
        organisation=unit.organisation,
        unit=unit,
    )
    PlanSection.objects.bulk_create(
        PlanSection(plan=plan, key=key, title=heading, order=n)
        for n, (key, heading) in enumerate(default_sections())
    )
    return plan


@dataclass
class CopyResult:
    plan: Plan
    goals: int = 0
    links: int = 0
    dropped_links: list[str] = field(default_factory=list)


@transaction.atomic
def plan_copy(*, source: Plan, year: int, by) -> CopyResult:
    """A new year's plan as a copy of `source`: sections, goals and their links. The old plan is
    not changed. A link is carried over when the goal it pointed to has been copied to the new
    year too (the higher unit copied its plan first); otherwise it is reported as dropped."""
    _check_year_free(source.unit, year)
    title = source.title.replace(str(source.year), str(year))
    plan = Plan.objects.create(unit=source.unit, year=year, title=title, copied_from=source)
    PlanSection.objects.bulk_create(
        PlanSection(plan=plan, key=s.key, title=s.title, body=s.body, order=s.order)
        for s in source.sections.all()
    )
    result = CopyResult(plan=plan)
    copies: dict[int, Goal] = {}
    for old in source.goals.all():
        new = Goal.objects.create(
            plan=plan, copied_from=old, **{name: getattr(old, name) for name in GOAL_FIELDS}
        )
        copies[old.pk] = new
    result.goals = len(copies)
    links = GoalLink.objects.filter(goal__plan=source).select_related("target")
    successors = {
        goal.copied_from_id: goal
        for goal in Goal.objects.filter(
            plan__year=year, copied_from__in=[link.target_id for link in links]
        )
    }
    for link in links:
        target = successors.get(link.target_id)
        if target is None:
            result.dropped_links.append(str(link.target))
            continue
        GoalLink.objects.create(goal=copies[link.goal_id], target=target)
        result.links += 1
    history_record(
        obj=plan,
        action=HistoryAction.CREATE,
        actor=by,
        organisation=source.unit.organisation,
        unit=source.unit,
        after={**snapshot(plan, ("title", "year")), "copied_from": str(source)},
    )
    return result


@transaction.atomic
def plan_update(*, plan: Plan, expected_version: int, by, **values) -> Plan:
    if values["status"] == "adopted" and not values.get("adopted_on"):
        raise ValidationError({"adopted_on": _("Give the date the plan was adopted.")})
    update_with_history(
        plan,
        fields=PLAN_FIELDS,
        values=values,
        expected_version=expected_version,
        by=by,
        organisation=plan.unit.organisation,
        unit=plan.unit,
    )
    return plan


@transaction.atomic
def section_update(*, section: PlanSection, expected_version: int, title: str, body: str, by):
    unit = section.plan.unit
    return update_with_history(
        section,
        fields=SECTION_FIELDS,
        values={"title": title, "body": body},
        expected_version=expected_version,
        by=by,
        organisation=unit.organisation,
        unit=unit,
    )


# A plan's own text for a goal category or sub-area ("3.1.1 Kunden i fokus" in seed 004): a
# section keyed by the category, created when first written. Categories are the organisation's;
# the text is this plan's, so next year's plan (a copy) starts from it.
AREA_PREFIX = "area-"
AREA_ORDER = 100  # after the plan's own sections


def area_key(category: GoalCategory) -> str:
    return f"{AREA_PREFIX}{category.pk}"


@transaction.atomic
def area_text_save(*, plan: Plan, category: GoalCategory, body: str, expected_version: int, by):
    if category.organisation_id != plan.unit.organisation_id:
        raise ValidationError(_("The category belongs to another organisation."))
    section = plan.sections.filter(key=area_key(category)).first()
    if section is not None:
        return section_update(
            section=section,
            expected_version=expected_version,
            title=section.title,
            body=body,
            by=by,
        )
    if expected_version:
        raise ConcurrentEditError()
    return create_with_history(
        PlanSection,
        values={
            "plan": plan,
            "key": area_key(category),
            "title": category.name,
            "body": body,
            "order": AREA_ORDER,
        },
        fields=SECTION_FIELDS,
        by=by,
        organisation=plan.unit.organisation,
        unit=plan.unit,
    )


# --- goals ---------------------------------------------------------------------------------


def _goal_checks(plan: Plan, values: dict) -> None:
    if "kind" in values and values["kind"] not in GoalKind.values:
        raise ValidationError({"kind": _("Choose goal, commitment or assignment.")})
    category = values.get("category")
    if category is not None and category.organisation_id != plan.unit.organisation_id:
        raise ValidationError({"category": _("The category belongs to another organisation.")})
    responsible = values.get("responsible")
    if responsible is not None and responsible.organisation_id != plan.unit.organisation_id:
        raise ValidationError(
            {"responsible": _("The responsible person belongs to another organisation.")}
        )


@transaction.atomic
def goal_create(*, plan: Plan, by, **values) -> Goal:
    _goal_checks(plan, values)
    last = plan.goals.aggregate(last=Max("order"))["last"] or 0
    values.setdefault("order", last + 1)
    return create_with_history(
        Goal,
        values={"plan": plan, **values},
        fields=GOAL_FIELDS,
        by=by,
        organisation=plan.unit.organisation,
        unit=plan.unit,
    )


@transaction.atomic
def goal_update(*, goal: Goal, expected_version: int, by, **values) -> Goal:
    _goal_checks(goal.plan, values)
    return update_with_history(
        goal,
        fields=[name for name in GOAL_FIELDS if name in values],
        values=values,
        expected_version=expected_version,
        by=by,
        organisation=goal.plan.unit.organisation,
        unit=goal.plan.unit,
    )


@transaction.atomic
def goal_link(*, goal: Goal, target: Goal, by) -> GoalLink:
    """Record that `goal` contributes to `target`, a goal of a unit above it in the same year."""
    unit, higher = goal.plan.unit, target.plan.unit
    if higher.organisation_id != unit.organisation_id:
        raise ValidationError(_("Goals can only be linked within one organisation."))
    if higher.pk == unit.pk or not higher.contains(unit):
        raise ValidationError(
            _("A goal can only be linked to goals of units above its own unit (%(unit)s).")
            % {"unit": unit}
        )
    if target.plan.year != goal.plan.year:
        raise ValidationError(
            _("A goal for %(year)s can only be linked to goals for the same year.")
            % {"year": goal.plan.year}
        )
    if GoalLink.objects.filter(goal=goal, target=target).exists():
        raise ValidationError(_("The goals are already linked."))
    link = GoalLink.objects.create(goal=goal, target=target)
    history_record(
        obj=goal,
        action=HistoryAction.LINK,
        actor=by,
        organisation=unit.organisation,
        unit=unit,
        after={"contributes_to": str(target)},
    )
    return link


@transaction.atomic
def goal_unlink(*, link: GoalLink, by) -> None:
    goal = link.goal
    history_record(
        obj=goal,
        action=HistoryAction.UNLINK,
        actor=by,
        organisation=goal.plan.unit.organisation,
        unit=goal.plan.unit,
        before={"contributes_to": str(link.target)},
    )
    link.delete()
