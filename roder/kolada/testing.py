"""A stand-in for Kolada for the tests: the fixture catalogue and values served in v3's shape
(paged, `next_url`, ids, title search) by a real local HTTP server (pytest-httpserver's
`httpserver`)."""

import json
import re
from typing import Any

from werkzeug import Request, Response

from roder.kolada import fixture_server
from roder.kolada.fixture_server import CATALOGUE_ROOTS, FIXTURES, catalogue, value_items

__all__ = ["FIXTURES", "catalogue", "serve_catalogue", "serve_values", "value_items"]


def _path_url(request: Request) -> str:
    return f"{request.host_url.rstrip('/')}{request.path}"


def serve_catalogue(httpserver: Any, prefix: str = "/v3", *, per_page: int | None = None) -> None:
    """Answer `/kpi`, `/municipality` and `/municipality_groups` (with `/<ids>`, `?title=` and
    paging as Kolada does; `per_page` overrides the page size the client asks for, to make
    several pages) from the fixture catalogue."""
    items = catalogue()

    def answer(request: Request) -> Response:
        body = fixture_server.catalogue_answer(
            items,
            request.path.removeprefix(f"{prefix}/"),
            request.args.to_dict(),
            _path_url(request),
            per_page,
        )
        return Response(json.dumps(body), content_type="application/json")

    roots = "|".join(CATALOGUE_ROOTS)
    httpserver.expect_request(re.compile(rf"^{prefix}/({roots})(/[^/]+)?$")).respond_with_handler(
        answer
    )


def serve_values(
    httpserver: Any,
    prefix: str = "/v3",
    *,
    items: list[dict[str, Any]] | None = None,
    per_page: int | None = None,
) -> None:
    """Answer `/data/kpi/<kpis>/municipality/<places>/year/<years>` and
    `/oudata/kpi/<kpis>/ou/<units>/year/<years>` from the fixture values (or `items`), paged as
    Kolada does."""
    source = value_items() if items is None else items

    def answer(request: Request) -> Response:
        body = fixture_server.values_answer(
            source,
            request.path.removeprefix(f"{prefix}/"),
            request.args.to_dict(),
            _path_url(request),
            per_page,
        )
        return Response(json.dumps(body), content_type="application/json")

    httpserver.expect_request(re.compile(rf"^{prefix}/(ou)?data/.+$")).respond_with_handler(answer)
