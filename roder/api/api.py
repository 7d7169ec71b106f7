"""The REST API at /api/v1/ (django-ninja): the schema at /api/v1/openapi.json, the interactive
docs at /api/v1/docs/ (Swagger UI from the installed package's static files, roder/api/
templates/ninja/swagger.html). Every endpoint is under /api/v1/o/<org>/ and needs a token of
that organisation (`Authorization: Bearer <token>`); what it sees and changes is what the
token's grants allow, by the same access rules as the pages (roder/organisation/access.py)."""

import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.http import Http404, HttpRequest
from django.urls import reverse
from django.views.decorators.http import require_GET
from ninja import NinjaAPI, Schema
from ninja.openapi.docs import Swagger

from roder.actions import access as action_access
from roder.actions import services as action_services
from roder.actions.models import Action
from roder.api import services as token_services
from roder.api.auth import RateLimitedToken, TokenAccess, TokenAuth, too_many
from roder.api.models import Scope
from roder.api.pagination import Page, paginate
from roder.core.services import ConcurrentEditError
from roder.followup import services as followup_services
from roder.followup.access import OUTCOME_REPORTER
from roder.followup.models import Assessment, Outcome
from roder.followup.visibility import Seen
from roder.indicators.models import GoalIndicator, Indicator, Target
from roder.organisation.access import Grants, check_unit, fetch_for_user, get_unit_for_user
from roder.organisation.models import Unit
from roder.periods.models import ReportingPeriod
from roder.planning.models import Goal, Plan

api = NinjaAPI(
    title="Roder API",
    version="1",
    description=(
        "Roder's REST API. Authenticate with `Authorization: Bearer <token>`: a personal access "
        "token or a service token made on the API tokens page (the account menu). Lists come "
        "in pages of 100 (`?page=`, with `next` and `previous` links); add `format=csv` for "
        "the same page as flat CSV."
    ),
    urls_namespace="api-v1",
    openapi_url="/openapi.json",
    docs_url="/docs/",
    docs=Swagger(settings={"persistAuthorization": False}),
    docs_decorator=require_GET,
    auth=TokenAuth(),
)


class Error(Schema):
    detail: str


class OutcomeIn(Schema):
    indicator: int
    unit: int
    period: int
    value: Decimal | None = None
    value_women: Decimal | None = None
    value_men: Decimal | None = None
    weight: Decimal | None = None
    comment: str = ""
    version: int  # the stored outcome's version as read (0: none was stored)


class ActionIn(Schema):
    unit: int
    title: str
    description: str = ""
    starts: datetime.date | None = None
    due: datetime.date | None = None
    status: str = "not_started"
    goals: list[int] = []


class ActionChange(Schema):
    version: int
    title: str | None = None
    description: str | None = None
    starts: datetime.date | None = None
    due: datetime.date | None = None
    status: str | None = None


# --- errors ---------------------------------------------------------------------------------


@api.exception_handler(RateLimitedToken)
def _rate_limited(request, exc: RateLimitedToken):
    return too_many(exc.seconds)


@api.exception_handler(PermissionDenied)
def _forbidden(request, exc):
    return api.create_response(request, {"detail": "Forbidden."}, status=403)


@api.exception_handler(ConcurrentEditError)
def _stale(request, exc: ConcurrentEditError):
    return api.create_response(request, {"detail": " ".join(exc.messages)}, status=409)


@api.exception_handler(ValidationError)
def _invalid(request, exc: ValidationError):
    return api.create_response(request, {"detail": " ".join(exc.messages)}, status=400)


# --- access ---------------------------------------------------------------------------------


def _grants(request: HttpRequest, org: str, scope: str = Scope.READ) -> Grants:
    """The token's grants in `org`: 404 when the token is another organisation's, 403 when it
    lacks `scope`."""
    access: TokenAccess = request.auth  # type: ignore[attr-defined]
    if access.token.organisation.slug != org:
        raise Http404
    if not access.allows(scope):
        raise PermissionDenied
    return access.grants


def _number(value: Decimal | None) -> str | None:
    return None if value is None else format(value, "f")


# --- reads ----------------------------------------------------------------------------------


@api.get("/", auth=None, include_in_schema=False, url_name="index")
def index(request):
    return {
        "docs": request.build_absolute_uri(reverse("api-v1:openapi-view")),
        "openapi": request.build_absolute_uri(reverse("api-v1:openapi-json")),
    }


@api.get("/o/{org}/units", response=Page, url_name="units", tags=["organisation"])
def units(request, org: str):
    """The units the token sees, each with its parent."""
    grants = _grants(request, org)
    rows = Unit.objects.filter(grants.sees(""))
    return paginate(
        request,
        rows,
        lambda u: {
            "id": u.pk,
            "parent": u.parent_id,
            "name": u.name,
            "kind": u.kind,
            "code": u.code,
            "valid_from": u.valid_from.isoformat(),
            "valid_to": u.valid_to.isoformat() if u.valid_to else None,
            "version": u.version,
        },
    )


@api.get("/o/{org}/periods", response=Page, url_name="periods", tags=["periods"])
def periods(request, org: str):
    """The organisation's reporting periods (everyone in it reads them)."""
    grants = _grants(request, org)
    rows = ReportingPeriod.objects.filter(organisation=grants.organisation)
    return paginate(
        request,
        rows,
        lambda p: {
            "id": p.pk,
            "year": p.year,
            "kind": p.kind,
            "name": p.name,
            "starts": p.starts.isoformat(),
            "ends": p.ends.isoformat(),
            "status": p.status,
        },
    )


@api.get("/o/{org}/plans", response=Page, url_name="plans", tags=["planning"])
def plans(request, org: str):
    grants = _grants(request, org)
    rows = Plan.objects.filter(grants.sees()).select_related("unit")
    return paginate(
        request,
        rows,
        lambda p: {
            "id": p.pk,
            "unit": p.unit_id,
            "unit_name": p.unit.name,
            "year": p.year,
            "title": p.title,
            "status": p.status,
            "version": p.version,
        },
    )


@api.get("/o/{org}/goals", response=Page, url_name="goals", tags=["planning"])
def goals(request, org: str):
    grants = _grants(request, org)
    rows = Goal.objects.filter(grants.sees("plan__unit")).select_related("plan__unit")
    return paginate(
        request,
        rows,
        lambda g: {
            "id": g.pk,
            "plan": g.plan_id,
            "unit": g.plan.unit_id,
            "year": g.plan.year,
            "kind": g.kind,
            "number": g.number,
            "title": g.title,
            "category": g.category_id,
            "version": g.version,
        },
    )


@api.get("/o/{org}/indicators", response=Page, url_name="indicators", tags=["indicators"])
def indicators(request, org: str):
    """The indicators the token's units use: the organisation's own (no owner) and those owned
    by a unit the token sees or by a unit above one (a sibling unit's own are left out)."""
    grants = _grants(request, org)
    above = {int(pk) for path, _kind in grants.roles for pk in path.strip("/").split("/")}
    rows = Indicator.objects.filter(organisation=grants.organisation).filter(
        Q(owner=None) | Q(owner__in=above) | grants.sees("owner")
    )
    return paginate(
        request,
        rows,
        lambda i: {
            "id": i.pk,
            "name": i.name,
            "measure": i.measure,
            "direction": i.direction,
            "periodicity": i.periodicity,
            "decimals": i.decimals,
            "by_gender": i.by_gender,
            "source": i.source,
            "is_active": i.is_active,
        },
    )


@api.get("/o/{org}/targets", response=Page, url_name="targets", tags=["indicators"])
def targets(request, org: str):
    """Each unit's targets of the indicators, for the units the token sees."""
    grants = _grants(request, org)
    rows = Target.objects.filter(grants.sees()).select_related("indicator", "unit")
    return paginate(
        request,
        rows,
        lambda t: {
            "id": t.pk,
            "indicator": t.indicator_id,
            "indicator_name": t.indicator.name,
            "unit": t.unit_id,
            "unit_name": t.unit.name,
            "year": t.year,
            "period": t.period_id,
            "value": _number(t.value),
            "value_high": _number(t.value_high),
            "yellow_limit": _number(t.yellow_limit),
            "version": t.version,
        },
    )


def _filtered(request, rows, *, unit: str = "unit"):
    for name, lookup in (("unit", f"{unit}_id"), ("period", "period_id")):
        raw = request.GET.get(name, "")
        if raw.isdigit():
            rows = rows.filter(**{lookup: int(raw)})
    return rows


@api.get("/o/{org}/outcomes", response=Page, url_name="outcomes", tags=["follow-up"])
def outcomes(request, org: str, unit: int | None = None, period: int | None = None):
    """Outcomes as the token's person sees them on the pages (drafts only with a reporter's
    role on the unit); `version` is what a write sends back. Filter with `unit`, `period`."""
    grants = _grants(request, org)
    rows = Seen.for_grants(grants).outcomes(
        _filtered(request, Outcome.objects.filter(grants.sees()))
    )
    rows = rows.select_related("indicator", "unit", "period")
    return paginate(
        request,
        rows,
        lambda o: {
            "id": o.pk,
            "indicator": o.indicator_id,
            "indicator_name": o.indicator.name,
            "unit": o.unit_id,
            "unit_name": o.unit.name,
            "period": o.period_id,
            "period_name": o.period.name,
            "year": o.period.year,
            "value": _number(o.value),
            "value_women": _number(o.value_women),
            "value_men": _number(o.value_men),
            "weight": _number(o.weight),
            "comment": o.comment,
            "source": o.source,
            "report_status": o.report_status or "draft",
            "entered_at": o.entered_at.isoformat(),
            "version": o.version,
        },
    )


@api.get("/o/{org}/assessments", response=Page, url_name="assessments", tags=["follow-up"])
def assessments(request, org: str, period: int | None = None):
    grants = _grants(request, org)
    rows = Assessment.objects.filter(grants.sees("goal__plan__unit"))
    raw = request.GET.get("period", "")
    if raw.isdigit():
        rows = rows.filter(period_id=int(raw))
    rows = Seen.for_grants(grants).assessments(rows).select_related("goal__plan", "period")
    return paginate(
        request,
        rows,
        lambda a: {
            "id": a.pk,
            "goal": a.goal_id,
            "goal_title": a.goal.title,
            "unit": a.goal.plan.unit_id,
            "period": a.period_id,
            "period_name": a.period.name,
            "level": a.level,
            "proposed_level": a.proposed_level,
            "prognosis": a.prognosis,
            "analysis": a.analysis,
            "report_status": a.report_status or "draft",
            "version": a.version,
        },
    )


def _action_row(a: Action) -> dict[str, Any]:
    return {
        "id": a.pk,
        "unit": a.unit_id,
        "unit_name": a.unit.name,
        "title": a.title,
        "description": a.description,
        "responsible": a.responsible_id,
        "starts": a.starts.isoformat() if a.starts else None,
        "due": a.due.isoformat() if a.due else None,
        "status": a.status,
        "version": a.version,
    }


@api.get("/o/{org}/actions", response=Page, url_name="actions", tags=["actions"])
def actions(request, org: str, unit: int | None = None):
    grants = _grants(request, org)
    rows = _filtered(request, Action.objects.filter(grants.sees()).select_related("unit"))
    return paginate(request, rows, _action_row)


# --- writes ---------------------------------------------------------------------------------


def _writing(request, write):
    """Run a write in one transaction and name the token on the history it left."""
    access: TokenAccess = request.auth
    with transaction.atomic():
        since = token_services.last_entry_pk()
        result = write(access.grants, access.token.person)
        token_services.writes_name_token(access.token, since)
    return result


@api.put(
    "/o/{org}/outcomes",
    response={200: dict, 400: Error, 403: Error, 404: Error, 409: Error},
    url_name="outcome_write",
    tags=["follow-up"],
)
def outcome_write(request, org: str, body: OutcomeIn):
    """Enter, change or clear (all values empty) one outcome, under the report page's rules: a
    reporter's role on the unit, an indicator of the unit's plan for the period's year, the
    period open and the unit's report neither submitted nor approved. Send the `version` read
    (0 when there was none): a stale one answers 409."""
    grants = _grants(request, org, Scope.OUTCOMES_WRITE)
    unit = get_unit_for_user(grants, body.unit, need=OUTCOME_REPORTER)
    period = fetch_for_user(grants, ReportingPeriod, body.period, unit=None)
    indicator = fetch_for_user(grants, Indicator, body.indicator, unit=None)
    planned = GoalIndicator.objects.filter(
        indicator=indicator, goal__plan__unit=unit, goal__plan__year=period.year
    ).exists()
    if not planned:
        raise Http404

    def write(grants, person):
        return followup_services.outcome_write(
            indicator=indicator,
            unit=unit,
            period=period,
            value=body.value,
            value_women=body.value_women,
            value_men=body.value_men,
            weight=body.weight,
            comment=body.comment,
            by=person,
            expected_version=body.version,
        )

    outcome = _writing(request, write)
    return {"id": getattr(outcome, "pk", None), "version": getattr(outcome, "version", 0)}


@api.post(
    "/o/{org}/actions",
    response={201: dict, 400: Error, 403: Error, 404: Error},
    url_name="action_create",
    tags=["actions"],
)
def action_create(request, org: str, body: ActionIn):
    """Add an action on a unit (a unit manager's role there, as on the pages)."""
    grants = _grants(request, org, Scope.ACTIONS_WRITE)
    unit = get_unit_for_user(grants, body.unit, need=action_access.ACTION_EDITOR)
    goals = list(Goal.objects.filter(grants.sees("plan__unit"), pk__in=body.goals))
    if len(goals) != len(set(body.goals)):
        raise Http404

    def write(grants, person):
        return action_services.action_create(
            unit=unit,
            title=body.title,
            description=body.description,
            starts=body.starts,
            due=body.due,
            status=body.status,
            goals=goals,
            by=person,
        )

    action = _writing(request, write)
    return 201, _action_row(action)


@api.patch(
    "/o/{org}/actions/{pk}",
    response={200: dict, 400: Error, 403: Error, 404: Error, 409: Error},
    url_name="action_change",
    tags=["actions"],
)
def action_change(request, org: str, pk: int, body: ActionChange):
    """Change an action's fields (a unit manager's role) or only its status (a reporter's role,
    or the person responsible), as on the pages. Send the `version` read: stale answers 409."""
    grants = _grants(request, org, Scope.ACTIONS_WRITE)
    action = action_access.get_action_for_user(grants, pk)
    values = body.dict(exclude_unset=True)
    version = values.pop("version")
    if set(values) == {"status"}:
        if not action_access.may_update(grants, action):
            raise PermissionDenied

        def write(grants, person):
            return action_services.action_set_status(
                action=action, status=values["status"], expected_version=version, by=person
            )
    else:
        check_unit(grants, action.unit, need=action_access.ACTION_EDITOR)

        def write(grants, person):
            return action_services.action_update(
                action=action, expected_version=version, by=person, **values
            )

    return _action_row(_writing(request, write))
