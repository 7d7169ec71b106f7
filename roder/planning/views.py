from functools import partial

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from roder.core.editing import form_edit
from roder.core.models import HistoryEntry
from roder.organisation.access import (
    fetch_for_user,
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
    category = fetch_for_user(request.grants, GoalCategory, pk, unit=None) if pk else None
    if category:
        save = partial(services.category_update, category=category, by=request.user)
    else:
        save = partial(_category_create, organisation=organisation, by=request.user)
    edit = form_edit(
        request,
        CategoryForm,
        save,
        obj=category,
        fields=services.CATEGORY_FIELDS,
        organisation=organisation,
    )
    if edit.saved:
        messages.success(request, _("The category was saved."))
        return redirect("planning:categories", org=_org(request))
    context = {"form": edit.form, "category": category}
    return render(request, "planning/category_form.html", context)


def _category_create(*, is_active, **values):
    """A new category is active: the form's "active" box is for ending one."""
    return services.category_create(**values)


# --- plans ---------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@organisation_view
def plan_list(request, unit_pk: int):
    unit = get_unit_for_user(request.grants, unit_pk)
    plans = list(selectors.plans_of_unit(unit))
    can_edit = request.grants.has_role(unit, PLAN_EDITOR)
    if request.method == "POST":
        get_unit_for_user(request.grants, unit_pk, need=PLAN_EDITOR)

    def save(*, year, copy_from):
        if copy_from:
            source = next(plan for plan in plans if plan.pk == copy_from)
            result = services.plan_copy(source=source, year=year, by=request.user)
            return result.plan, _copy_message(result)
        plan = services.plan_create(unit=unit, year=year, by=request.user)
        return plan, _("The plan was created.")

    edit = form_edit(request, PlanCreateForm, save, plans=plans)
    if edit.saved:
        plan, message = edit.result
        messages.success(request, message)
        # The goal page's buttons for a higher unit's missing plan lead back to the goal.
        back = request.POST.get("next", "")
        if url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
            return redirect(back)
        return redirect("planning:plan_detail", org=_org(request), pk=plan.pk)
    context = {"unit": unit, "plans": plans, "form": edit.form, "can_edit": can_edit}
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
    save = partial(services.plan_update, plan=plan, by=request.user)
    edit = form_edit(request, PlanForm, save, obj=plan, fields=services.PLAN_FIELDS)
    if edit.saved:
        messages.success(request, _("The plan was saved."))
        return redirect("planning:plan_detail", org=_org(request), pk=plan.pk)
    return render(request, "planning/plan_form.html", {"form": edit.form, "plan": plan})


@require_http_methods(["GET", "POST"])
@organisation_view
def section_edit(request, pk: int, key: str):
    plan = get_plan_for_user(request.grants, pk, need=PLAN_EDITOR)
    section = get_object_or_404(plan.sections, key=key)
    save = partial(services.section_update, section=section, by=request.user)
    edit = form_edit(request, SectionForm, save, obj=section, fields=services.SECTION_FIELDS)
    if edit.saved:
        messages.success(request, _("The section was saved."))
        url = redirect("planning:plan_detail", org=_org(request), pk=plan.pk)
        url["Location"] += f"#section-{section.key}"
        return url
    context = {"form": edit.form, "plan": plan, "section": section}
    return render(request, "planning/section_form.html", context)


@require_http_methods(["GET", "POST"])
@organisation_view
def area_text_edit(request, pk: int, category_pk: int):
    """The plan's own text for a goal category or sub-area (printed under its heading)."""
    plan = get_plan_for_user(request.grants, pk, need=PLAN_EDITOR)
    category = fetch_for_user(request.grants, GoalCategory, category_pk, unit=None)
    section = plan.sections.filter(key=services.area_key(category)).first()

    def save(*, body, expected_version):
        return services.area_text_save(
            plan=plan,
            category=category,
            body=body.strip(),
            expected_version=expected_version,
            by=request.user,
        )

    edit = form_edit(request, AreaTextForm, save, obj=section, fields=["body"], versioned=True)
    if edit.saved:
        messages.success(request, _("The section was saved."))
        url = redirect("planning:plan_detail", org=_org(request), pk=plan.pk)
        url["Location"] += f"#area-{category.pk}"
        return url
    context = {"form": edit.form, "plan": plan, "category": category}
    return render(request, "planning/area_text_form.html", context)


# --- goals ---------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@organisation_view
def goal_create(request, plan_pk: int):
    plan = get_plan_for_user(request.grants, plan_pk, need=PLAN_EDITOR)
    edit = form_edit(
        request,
        GoalForm,
        partial(services.goal_create, plan=plan, by=request.user),
        initial={"category": request.GET.get("category")},
        organisation=plan.unit.organisation,
    )
    if edit.saved:
        messages.success(request, _("The goal was added."))
        return _goal_redirect(request, edit.result)
    return render(request, "planning/goal_form.html", {"form": edit.form, "plan": plan})


@require_GET
@organisation_view
def goal_detail(request, pk: int):
    goal = get_goal_for_user(request.grants, pk)
    can_edit = request.grants.has_role(goal.plan.unit, PLAN_EDITOR)
    links = goal.upward_links.select_related("target__plan__unit")
    candidates = selectors.link_candidates(goal) if can_edit else []
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
        "link_form": GoalLinkForm(candidates=candidates) if can_edit else None,
        # The units above without a plan for the year: said in place of an empty choice, with
        # the buttons to create or copy their plan for those who may (planning.README).
        "missing_plans": [
            (missing, request.grants.has_role(missing.unit, PLAN_EDITOR))
            for missing in selectors.missing_higher_plans(goal, candidates=candidates)
        ]
        if can_edit
        else [],
        "history": HistoryEntry.objects.for_object(goal).newest_first()[:50],
    }
    return render(request, "planning/goal_detail.html", context)


@require_http_methods(["GET", "POST"])
@organisation_view
def goal_edit(request, pk: int):
    goal = get_goal_for_user(request.grants, pk, need=PLAN_EDITOR)
    edit = form_edit(
        request,
        GoalForm,
        partial(services.goal_update, goal=goal, by=request.user),
        obj=goal,
        fields=services.GOAL_FIELDS,
        organisation=goal.plan.unit.organisation,
    )
    if edit.saved:
        messages.success(request, _("The goal was saved."))
        return _goal_redirect(request, goal)
    context = {"form": edit.form, "plan": goal.plan, "goal": goal}
    return render(request, "planning/goal_form.html", context)


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
