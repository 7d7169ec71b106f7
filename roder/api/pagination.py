"""Pages of API lists with stable links: `?page=N` (from 1) of PAGE_SIZE rows in primary-key
order, so page N holds the same rows until data is added or removed; `next` and `previous`
are whole addresses (Power BI's web connector follows them). Two queries a page (the count and
the rows); CSV (`?format=csv`) gives the same page as flat rows, with the links in a `Link`
header."""

import csv
import io
from collections.abc import Callable
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, QueryDict
from ninja import Schema

PAGE_SIZE = 100


class Page(Schema):
    count: int
    page: int
    pages: int
    next: str | None
    previous: str | None
    results: list[Any]


def _link(request: HttpRequest, page: int) -> str:
    query: QueryDict = request.GET.copy()
    query["page"] = str(page)
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")


def _page_number(request: HttpRequest) -> int:
    raw = request.GET.get("page", "1")
    return int(raw) if raw.isdigit() and int(raw) > 0 else 1


def paginate(
    request: HttpRequest,
    queryset: QuerySet,
    row: Callable[[Any], dict[str, Any]],
    *,
    size: int | None = None,
) -> dict[str, Any] | HttpResponse:
    size = size or PAGE_SIZE
    count = queryset.count()
    pages = max((count + size - 1) // size, 1)
    number = _page_number(request)
    start = (number - 1) * size
    rows = [row(obj) for obj in queryset.order_by("pk")[start : start + size]]
    next_url = _link(request, number + 1) if number < pages else None
    previous = _link(request, number - 1) if 1 < number <= pages + 1 else None
    if request.GET.get("format") == "csv":
        return _csv(rows, next_url=next_url, previous=previous, count=count)
    return {
        "count": count,
        "page": number,
        "pages": pages,
        "next": next_url,
        "previous": previous,
        "results": rows,
    }


def _flat(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return ";".join(str(item) for item in value)
    return value


def _csv(rows: list[dict[str, Any]], *, next_url, previous, count: int) -> HttpResponse:
    text = io.StringIO()
    if rows:
        writer = csv.DictWriter(text, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows({name: _flat(value) for name, value in row.items()} for row in rows)
    response = HttpResponse(text.getvalue(), content_type="text/csv; charset=utf-8")
    links = [
        f'<{url}>; rel="{rel}"' for rel, url in (("next", next_url), ("prev", previous)) if url
    ]
    if links:
        response["Link"] = ", ".join(links)
    response["X-Total-Count"] = str(count)
    return response
