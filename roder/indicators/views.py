from functools import partial

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from roder.core.editing import form_edit
from roder.core.forms import GridLine
from roder.core.models import HistoryEntry
from roder.indicators import services
from roder.indicators.access import INDICATOR_EDITOR, get_indicator_for_user
from roder.indicators.forms import AttachForm, ComparisonForm, IndicatorForm, TargetFormSet
from roder.indicators.models import GoalIndicator, Indicator, Target
from roder.indicators.panels import INDICATOR_PAGE
from roder.organisation.access import organisation_view
from roder.periods.models import ReportingPeriod
from roder.planning.access import PLAN_EDITOR, get_goal_for_user


def _owners(grants):
    """Units where the person may own indicator definitions."""
    return [
        u for u in grants.visible_units().order_by("path") if grants.has_role(u, INDICATOR_EDITOR)
    ]


def _org(request) -> str:
    return request.grants.organisation.slug


@require_GET
@organisation_view
def indicator_list(request):
    query = request.GET.get("q", "").strip().casefold()
    indicators = Indicator.objects.filter(organisation=request.grants.organisation).select_related(
        "owner"
    )
    if query:
        indicators = [i for i in indicators if query in i.name.casefold()]
    context = {
        "indicators": indicators,
        "query": request.GET.get("q", ""),
        "can_create": bool(_owners(request.grants)),
    }
    return render(request, "indicators/list.html", context)


@require_http_methods(["GET", "POST"])
@organisation_view
def indicator_form(request, pk: int | None = None):
    indicator = get_indicator_for_user(request.grants, pk, need=INDICATOR_EDITOR) if pk else None
    owners = _owners(request.grants)
    if not owners:
        raise PermissionDenied
    if indicator:
        save = partial(services.indicator_update, indicator=indicator, by=request.user)
    else:
        organisation = request.grants.organisation
        save = partial(services.indicator_create, organisation=organisation, by=request.user)
    edit = form_edit(
        request,
        IndicatorForm,
        save,
        obj=indicator,
        fields=services.INDICATOR_FIELDS,
        owners=owners,
    )
    if edit.saved:
        messages.success(request, _("The indicator was saved."))
        return redirect("indicators:detail", org=_org(request), pk=edit.result.pk)
    return render(request, "indicators/form.html", {"form": edit.form, "indicator": indicator})


@require_GET
@organisation_view
def indicator_detail(request, pk: int):
    indicator = get_indicator_for_user(request.grants, pk)
    visible = set(request.grants.visible_units().values_list("pk", flat=True))
    targets = [
        t
        for t in indicator.targets.select_related("unit", "period").order_by("-year", "unit__path")
        if t.unit_id in visible
    ]
    can_edit = request.grants.has_role(indicator.owner, INDICATOR_EDITOR)
    context = {
        "indicator": indicator,
        "targets": targets,
        "comparisons": indicator.comparisons.order_by("-year", "kind"),
        "goals": indicator.goal_links.select_related("goal__plan__unit").filter(
            goal__plan__unit_id__in=visible
        ),
        "can_edit": can_edit,
        "comparison_form": ComparisonForm() if can_edit else None,
        "history": HistoryEntry.objects.for_object(indicator).newest_first()[:50],
        "panels": INDICATOR_PAGE.bind(request, request.grants, indicator),
    }
    return render(request, "indicators/detail.html", context)


@require_POST
@organisation_view
def comparison_add(request, pk: int):
    indicator = get_indicator_for_user(request.grants, pk, need=INDICATOR_EDITOR)
    form = ComparisonForm(request.POST)
    if form.is_valid():
        services.comparison_set(indicator=indicator, by=request.user, **form.cleaned_data)
        messages.success(request, _("The comparison value was saved."))
    else:
        messages.error(
            request,
            _("The comparison value was not saved: %(errors)s")
            % {"errors": " ".join(str(e) for errors in form.errors.values() for e in errors)},
        )
    return redirect("indicators:detail", org=_org(request), pk=indicator.pk)


@require_POST
@organisation_view
def goal_attach(request, goal_pk: int):
    goal = get_goal_for_user(request.grants, goal_pk, need=PLAN_EDITOR)
    indicators = Indicator.objects.filter(organisation=request.grants.organisation, is_active=True)
    form = AttachForm(request.POST, indicators=indicators)
    if form.is_valid():
        indicator = indicators.get(pk=form.cleaned_data["indicator"])
        try:
            services.indicator_attach(goal=goal, indicator=indicator, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request, _("%(indicator)s now follows up the goal.") % {"indicator": indicator}
            )
    else:
        messages.error(request, _("Choose an indicator."))
    return redirect("planning:goal_detail", org=_org(request), pk=goal.pk)


@require_POST
@organisation_view
def goal_detach(request, goal_pk: int, link_pk: int):
    goal = get_goal_for_user(request.grants, goal_pk, need=PLAN_EDITOR)
    link = get_object_or_404(
        GoalIndicator.objects.select_related("indicator", "goal__plan__unit"), pk=link_pk, goal=goal
    )
    services.indicator_detach(link=link, by=request.user)
    messages.success(request, _("The indicator was removed from the goal."))
    return redirect("planning:goal_detail", org=_org(request), pk=goal.pk)


@require_http_methods(["GET", "POST"])
@organisation_view
def target_edit(request, goal_pk: int, indicator_pk: int):
    """The goal's unit's targets for one indicator: for the year, and optionally per period."""
    goal = get_goal_for_user(request.grants, goal_pk, need=INDICATOR_EDITOR)
    link = get_object_or_404(
        GoalIndicator.objects.select_related("indicator"), goal=goal, indicator_id=indicator_pk
    )
    indicator, unit, year = link.indicator, goal.plan.unit, goal.plan.year
    periods = list(ReportingPeriod.objects.filter(organisation=unit.organisation, year=year))
    existing = {
        t.period_id: t for t in Target.objects.filter(indicator=indicator, unit=unit, year=year)
    }
    lines = [GridLine(key=None, prefix="year", initial=_initial(existing.get(None)))]
    lines += [
        GridLine(
            key=p,
            prefix=f"p{p.pk}",
            initial=_initial(existing.get(p.pk)),
            kwargs={"value_required": False},  # empty: the year's target applies
        )
        for p in periods
    ]
    grid = TargetFormSet(request.POST or None, lines=lines, form_kwargs={"indicator": indicator})
    if request.method == "POST" and grid.is_valid():  # every row checked, every error shown
        try:
            grid.save(
                services.targets_save, indicator=indicator, unit=unit, year=year, by=request.user
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The targets were saved."))
            return redirect("planning:goal_detail", org=_org(request), pk=goal.pk)
    forms = grid.rows
    context = {"goal": goal, "indicator": indicator, "unit": unit, "year": year, "forms": forms}
    return render(request, "indicators/targets.html", context)


def _initial(target):
    if target is None:
        return {}
    return {
        "value": target.value,
        "value_high": target.value_high,
        "yellow_limit": target.yellow_limit,
        "version": target.version,
    }
