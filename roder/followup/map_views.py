"""The strategy map's page and its branch fragment (strategy_map.py draws the tree).

The page takes its state from the query: `period`, the filters `category` and `unit`, and
`open` (repeated: the goals whose branch the person unfolded). Unfolding is a plain link to the
page with one more `open`; with htmx the link fetches only the branch (`strategy_branch`) and
pushes the page's address, so reloading or going back shows the same whole page."""

from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

from django.http import Http404, HttpRequest
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_GET

from roder.core.htmx import is_htmx
from roder.followup.strategy_map import MapNode, StrategyMap, strategy_branch, strategy_map
from roder.followup.visibility import Seen
from roder.organisation.access import get_unit_for_user, organisation_view
from roder.organisation.models import Unit
from roder.periods import selectors as period_selectors
from roder.periods.access import get_period_for_user
from roder.periods.models import ReportingPeriod
from roder.planning.models import GoalCategory, Plan
from roder.planning.selectors import category_tree


@dataclass
class MapQuery:
    """What the page shows, read from the query string, and the addresses built from it."""

    org: str
    period: ReportingPeriod
    category: GoalCategory | None
    unit: Unit | None
    opened: tuple[int, ...]

    def params(self, opened=None) -> list[tuple[str, int | str]]:
        params: list[tuple[str, int | str]] = [("period", self.period.pk)]
        if self.category is not None:
            params.append(("category", self.category.pk))
        if self.unit is not None:
            params.append(("unit", self.unit.pk))
        params += [("open", pk) for pk in (self.opened if opened is None else opened)]
        return params

    def page_url(self, opened=None, anchor: str = "") -> str:
        url = reverse("followup:strategy_map", kwargs={"org": self.org})
        return f"{url}?{urlencode(self.params(opened))}" + (f"#{anchor}" if anchor else "")

    def branch_url(self, node: MapNode) -> str:
        url = reverse("followup:strategy_branch", kwargs={"org": self.org})
        return f"{url}?{urlencode([*self.params(), ('path', node.path_text)])}"

    def with_open(self, *pks: int) -> tuple[int, ...]:
        return tuple(dict.fromkeys([*self.opened, *pks]))


def _query(request: HttpRequest, period) -> MapQuery:
    grants = request.grants  # type: ignore[attr-defined]
    category = None
    if (pk := request.GET.get("category", "")).isdigit():
        category = GoalCategory.objects.filter(organisation=grants.organisation, pk=pk).first()
        if category is None:
            raise Http404
    unit = None
    if (pk := request.GET.get("unit", "")).isdigit():
        unit = get_unit_for_user(grants, int(pk))
    opened = tuple(dict.fromkeys(int(pk) for pk in request.GET.getlist("open") if pk.isdigit()))
    return MapQuery(grants.organisation.slug, period, category, unit, opened[:50])


def _period(request: HttpRequest):
    grants = request.grants  # type: ignore[attr-defined]
    pk = request.GET.get("period", "")
    if pk.isdigit():
        return get_period_for_user(grants, int(pk))
    return period_selectors.default_period(grants.organisation)


def _links(nodes, query: MapQuery) -> None:
    """The addresses each card links to: unfold its branch (the page, and the fragment for
    htmx) and, for a goal drawn again, its full appearance."""
    for node in nodes:
        node.open_url = query.page_url(query.with_open(node.goal.pk), node.kids_id)
        node.branch_url = query.branch_url(node)
        if node.same_as is not None:
            node.same_url = query.page_url(query.with_open(*node.same_path[:-1]), node.same_anchor)


@require_GET
@organisation_view
def strategy_map_page(request):
    period = _period(request)
    return _page(request, period, _query(request, period) if period else None)


@require_GET
@organisation_view
def strategy_map_branch(request):
    """The goals that contribute to the goal at `path`: for htmx the branch alone, for anyone
    else (a bookmark, no JavaScript) the page with that branch unfolded."""
    grants = request.grants
    period = _period(request)
    path = [int(pk) for pk in request.GET.get("path", "").split("-") if pk.isdigit()]
    if period is None or not path:
        raise Http404
    query = _query(request, period)
    if not is_htmx(request):
        query.opened = query.with_open(path[-1])
        if strategy_branch(grants, period, path, unit=query.unit, category=query.category) is None:
            raise Http404
        return _page(request, period, query)
    # What the page shows now (other branches unfolded since it was drawn), and this one.
    query.opened = tuple(dict.fromkeys([*_opened_on_page(request), *query.opened, path[-1]]))
    node = strategy_branch(
        grants, period, path, unit=query.unit, category=query.category, opened=query.opened
    )
    if node is None:
        raise Http404
    _links([node, *_descendants(node)], query)
    context = {"node": node, "query": query, "period": period, "swapped": True}
    response = render(request, "followup/strategy_map.html#branch", context)
    # The page's address with this branch unfolded: reloading, or coming back to it, draws
    # the same whole page.
    response["HX-Push-Url"] = query.page_url()
    return response


def _page(request, period, query: MapQuery | None):
    grants = request.grants
    seen = Seen.for_grants(grants)
    tree = StrategyMap([], [], 0)
    if query is not None:
        tree = strategy_map(
            grants,
            period,
            unit=query.unit,
            category=query.category,
            opened=query.opened,
            seen=seen,
        )
        _links(tree, query)
    context = {
        "period": period,
        "map": tree,
        "query": query,
        "seen": seen,
        "periods": period_selectors.periods_of(grants.organisation),
        "categories": [
            (category, "\u00a0\u00a0" * depth + str(category))
            for category, depth in category_tree(grants.organisation)
        ],
        "units": _units(grants, period),
        "document_url": _document_url(grants, query),
    }
    return render(request, "followup/strategy_map.html", context)


def _opened_on_page(request: HttpRequest) -> list[int]:
    """The branches unfolded on the page the fragment goes into (htmx sends its address)."""
    current = urlsplit(request.headers.get("HX-Current-URL", ""))
    org = request.grants.organisation.slug  # type: ignore[attr-defined]
    if current.path != reverse("followup:strategy_map", kwargs={"org": org}):
        return []
    return [int(pk) for pk in parse_qs(current.query).get("open", []) if pk.isdigit()][:50]


def _descendants(node: MapNode):
    for child in node.children:
        yield child
        yield from _descendants(child)


def _units(grants, period):
    """The units the map can be narrowed to: those the person sees with a plan for the year
    (one query)."""
    if period is None:
        return []
    return list(
        grants.visible_units()
        .filter(pk__in=Plan.objects.filter(year=period.year).values("unit_id"))
        .order_by("path")
        .only("pk", "name", "depth", "path")
    )


def _document_url(grants, query: MapQuery | None) -> str:
    """The map as a document (web page to print, PDF, Word) of the chosen unit, else of the
    organisation's top unit."""
    if query is None:
        return ""
    unit = query.unit or grants.visible_units().filter(parent=None).first()
    if unit is None:  # the person sees only units further down: their highest one
        unit = grants.visible_units().order_by("depth", "path").first()
    if unit is None:
        return ""
    url = reverse(
        "documents:document",
        kwargs={"org": query.org, "unit_pk": unit.pk, "kind": "strategy_map"},
    )
    return f"{url}?{urlencode({'year': query.period.year, 'period': query.period.pk})}"
