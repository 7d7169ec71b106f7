from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from roder.core.forms import add_service_errors
from roder.core.models import HistoryEntry
from roder.organisation.access import (
    get_unit_for_user,
    has_root_role,
    organisation_view,
    require_root_role,
)
from roder.organisation.models import RoleKind
from roder.planning import selectors, services
from roder.planning.access import PLAN_EDITOR, get_goal_for_user, get_plan_for_user
from roder.planning.forms import (
    AreaTextForm,
    CategoryForm,
    GoalForm,
    GoalLinkForm,
    PlanCreateForm,
    PlanForm,
    SectionForm,
)
from roder.planning.models import GoalCategory, GoalLink
from roder.planning.panels import GOAL_PAGE

CATEGORY_EDITOR = RoleKind.CONTROLLER


def _org(request) -> str:
    return request.grants.organisation.slug


def _goal_redirect(request, goal):
    return redirect("planning:goal_detail", org=_org(request), pk=goal.pk)


# --- categories ----------------------------------------------------------------------------


@require_GET
@organisation_view
def category_list(request):
    organisation = request.grants.organisation
    context = {
        "categories": selectors.category_tree(organisation),
        "can_edit": has_root_role(request.grants, CATEGORY_EDITOR),
    }
    return render(request, "planning/categories.html", context)


@require_POST
@organisation_view
def category_install_defaults(request):
    require_root_role(request.grants, CATEGORY_EDITOR)
    try:
        services.categories_install_defaults(
            organisation=request.grants.organisation, by=request.user
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The four perspectives were added."))
    return redirect("planning:categories", org=_org(request))


@require_http_methods(["GET", "POST"])
@organisation_view
def category_form(request, pk: int | None = None):
    require_root_role(request.grants, CATEGORY_EDITOR)
    organisation = request.grants.organisation
    category = get_object_or_404(GoalCategory, pk=pk, organisation=organisation) if pk else None
    initial = {}
    if category:
        initial = {name: getattr(category, name) for name in services.CATEGORY_FIELDS}
        initial.update(parent=category.parent_id, version=category.version)
    form = CategoryForm(request.POST or None, organisation=organisation, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        try:
            if category:
                services.category_update(
                    category=category, expected_version=version or 0, by=request.user, **data
                )
            else:
                data.pop("is_active")
                services.category_create(organisation=organisation, by=request.user, **data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The category was saved."))
            return redirect("planning:categories", org=_org(request))
    return render(request, "planning/category_form.html", {"form": form, "category": category})


# --- plans ---------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@organisation_view
def plan_list(request, unit_pk: int):
    unit = get_unit_for_user(request.grants, unit_pk)
    plans = list(selectors.plans_of_unit(unit))
    can_edit = request.grants.has_role(unit, PLAN_EDITOR)
    form = PlanCreateForm(request.POST or None, plans=plans)
    if request.method == "POST":
        get_unit_for_user(request.grants, unit_pk, need=PLAN_EDITOR)
        if form.is_valid():
            year, source_pk = form.cleaned_data["year"], form.cleaned_data["copy_from"]
            try:
                if source_pk:
                    source = next(plan for plan in plans if plan.pk == source_pk)
                    result = services.plan_copy(source=source, year=year, by=request.user)
                    plan = result.plan
                    messages.success(request, _copy_message(result))
                else:
                    plan = services.plan_create(unit=unit, year=year, by=request.user)
                    messages.success(request, _("The plan was created."))
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                return redirect("planning:plan_detail", org=_org(request), pk=plan.pk)
    context = {"unit": unit, "plans": plans, "form": form, "can_edit": can_edit}
    return render(request, "planning/plan_list.html", context)


def _copy_message(result) -> str:
    message = _("The plan was copied with %(goals)s goals and %(links)s links.") % {
        "goals": result.goals,
        "links": result.links,
    }
    if result.dropped_links:
        message += " " + _(
            "Not carried over, because the higher unit has no copy of the goal for the new "
            "year yet: %(goals)s."
        ) % {"goals": "; ".join(result.dropped_links)}
    return message


@require_GET
@organisation_view
def plan_detail(request, pk: int):
    plan = get_plan_for_user(request.grants, pk)
    sections = list(plan.sections.all())
    groups = selectors.plan_goals_by_category(plan)
    area_texts = {s.key: s for s in sections if s.key.startswith(services.AREA_PREFIX)}
    context = {
        "plan": plan,
        "unit": plan.unit,
        "sections": [s for s in sections if not s.key.startswith(services.AREA_PREFIX)],
        # Every area in use, goals or not: a plan may introduce an area it sets no goals in.
        "areas": [
            (category, area_texts.get(services.area_key(category)))
            for category, _depth in selectors.category_tree(plan.unit.organisation)
            if category.is_active
        ],
        "groups": groups,
        "can_edit": request.grants.has_role(plan.unit, PLAN_EDITOR),
    }
    return render(request, "planning/plan_detail.html", context)


@require_http_methods(["GET", "POST"])
@organisation_view
def plan_edit(request, pk: int):
    plan = get_plan_for_user(request.grants, pk, need=PLAN_EDITOR)
    initial = {name: getattr(plan, name) for name in services.PLAN_FIELDS}
    form = PlanForm(request.POST or None, initial={**initial, "version": plan.version})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        try:
            services.plan_update(plan=plan, expected_version=version, by=request.user, **data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The plan was saved."))
            return redirect("planning:plan_detail", org=_org(request), pk=plan.pk)
    return render(request, "planning/plan_form.html", {"form": form, "plan": plan})


@require_http_methods(["GET", "POST"])
@organisation_view
def section_edit(request, pk: int, key: str):
    plan = get_plan_for_user(request.grants, pk, need=PLAN_EDITOR)
    section = get_object_or_404(plan.sections, key=key)
    initial = {"title": section.title, "body": section.body, "version": section.version}
    form = SectionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.section_update(
                section=section,
                expected_version=form.cleaned_data["version"],
                title=form.cleaned_data["title"],
                body=form.cleaned_data["body"],
                by=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The section was saved."))
            url = redirect("planning:plan_detail", org=_org(request), pk=plan.pk)
            url["Location"] += f"#section-{section.key}"
            return url
    context = {"form": form, "plan": plan, "section": section}
    return render(request, "planning/section_form.html", context)


@require_http_methods(["GET", "POST"])
@organisation_view
def area_text_edit(request, pk: int, category_pk: int):
    """The plan's own text for a goal category or sub-area (printed under its heading)."""
    plan = get_plan_for_user(request.grants, pk, need=PLAN_EDITOR)
    category = get_object_or_404(
        GoalCategory, pk=category_pk, organisation_id=plan.unit.organisation_id
    )
    section = plan.sections.filter(key=services.area_key(category)).first()
    initial = {"body": section.body, "version": section.version} if section else {}
    form = AreaTextForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.area_text_save(
                plan=plan,
                category=category,
                body=form.cleaned_data["body"].strip(),
                expected_version=form.cleaned_data["version"] or 0,
                by=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The section was saved."))
            url = redirect("planning:plan_detail", org=_org(request), pk=plan.pk)
            url["Location"] += f"#area-{category.pk}"
            return url
    context = {"form": form, "plan": plan, "category": category}
    return render(request, "planning/area_text_form.html", context)


# --- goals ---------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@organisation_view
def goal_create(request, plan_pk: int):
    plan = get_plan_for_user(request.grants, plan_pk, need=PLAN_EDITOR)
    initial = {"category": request.GET.get("category")}
    form = GoalForm(request.POST or None, organisation=plan.unit.organisation, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data.pop("version")
        try:
            goal = services.goal_create(plan=plan, by=request.user, **data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The goal was added."))
            return _goal_redirect(request, goal)
    return render(request, "planning/goal_form.html", {"form": form, "plan": plan})


@require_GET
@organisation_view
def goal_detail(request, pk: int):
    goal = get_goal_for_user(request.grants, pk)
    can_edit = request.grants.has_role(goal.plan.unit, PLAN_EDITOR)
    links = goal.upward_links.select_related("target__plan__unit")
    context = {
        "goal": goal,
        "plan": goal.plan,
        "unit": goal.plan.unit,
        # Indicators, actions, risks, follow-up: the higher apps' sections (planning.panels).
        "panels": GOAL_PAGE.bind(request, request.grants, goal),
        "links": links,
        "chain_up": selectors.goal_chain_up(goal),
        "chain_down": selectors.goal_chain_down(goal, request.grants),
        "can_edit": can_edit,
        "link_form": GoalLinkForm(candidates=selectors.link_candidates(goal)) if can_edit else None,
        "history": HistoryEntry.objects.for_object(goal).newest_first()[:50],
    }
    return render(request, "planning/goal_detail.html", context)


@require_http_methods(["GET", "POST"])
@organisation_view
def goal_edit(request, pk: int):
    goal = get_goal_for_user(request.grants, pk, need=PLAN_EDITOR)
    initial = {name: getattr(goal, name) for name in services.GOAL_FIELDS}
    initial.update(category=goal.category_id, responsible=goal.responsible_id, version=goal.version)
    form = GoalForm(request.POST or None, organisation=goal.plan.unit.organisation, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version") or 0
        try:
            services.goal_update(goal=goal, expected_version=version, by=request.user, **data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The goal was saved."))
            return _goal_redirect(request, goal)
    return render(
        request, "planning/goal_form.html", {"form": form, "plan": goal.plan, "goal": goal}
    )


@require_POST
@organisation_view
def goal_link(request, pk: int):
    goal = get_goal_for_user(request.grants, pk, need=PLAN_EDITOR)
    form = GoalLinkForm(request.POST, candidates=selectors.link_candidates(goal))
    if form.is_valid():
        target = next(
            g for g in selectors.link_candidates(goal) if g.pk == form.cleaned_data["target"]
        )
        try:
            services.goal_link(goal=goal, target=target, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The goal now contributes to %(goal)s.") % {"goal": target})
    else:
        messages.error(request, _("Choose a goal of a unit above this one."))
    return _goal_redirect(request, goal)


@require_POST
@organisation_view
def goal_unlink(request, pk: int, link_pk: int):
    goal = get_goal_for_user(request.grants, pk, need=PLAN_EDITOR)
    link = get_object_or_404(GoalLink.objects.select_related("target"), pk=link_pk, goal=goal)
    services.goal_unlink(link=link, by=request.user)
    messages.success(request, _("The link was removed."))
    return _goal_redirect(request, goal)
