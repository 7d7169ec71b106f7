"""A stand-in for Kolada: the fixture catalogue served in v3's shape (paged, `next_url`, title
search) by a real local HTTP server, for the tests (pytest-httpserver's `httpserver`)."""

import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from werkzeug import Request, Response

FIXTURES = Path(__file__).parent / "fixtures"
CATALOGUE_ROOTS = ("kpi", "municipality", "municipality_groups")


def catalogue() -> dict[str, list[dict[str, Any]]]:
    data = json.loads((FIXTURES / "catalogue.json").read_text(encoding="utf-8"))
    return {root: data[root] for root in CATALOGUE_ROOTS}


def serve_catalogue(httpserver: Any, prefix: str = "/v3", *, per_page: int | None = None) -> None:
    """Answer `/kpi`, `/municipality` and `/municipality_groups` (with `/<ids>`, `?title=` and
    paging as Kolada does; `per_page` overrides the page size the client asks for, to make
    several pages) from the fixture catalogue."""
    items = catalogue()

    def answer(request: Request) -> Response:
        root, _, ids = request.path.removeprefix(f"{prefix}/").partition("/")
        found = items[root]
        if ids:
            wanted = set(ids.split(","))
            found = [item for item in found if item["id"] in wanted]
        if title := request.args.get("title"):
            found = [item for item in found if title.casefold() in item["title"].casefold()]
        size = per_page or int(request.args.get("per_page", "5000"))
        page = int(request.args.get("page", "1"))
        chunk = found[(page - 1) * size : page * size]
        following = None
        if page * size < len(found):
            query = {**request.args.to_dict(), "page": str(page + 1)}
            following = f"{request.host_url.rstrip('/')}{request.path}?{urlencode(query)}"
        body = {"values": chunk, "count": len(chunk), "next_url": following, "previous_url": None}
        return Response(json.dumps(body), content_type="application/json")

    roots = "|".join(CATALOGUE_ROOTS)
    httpserver.expect_request(re.compile(rf"^{prefix}/({roots})(/[^/]+)?$")).respond_with_handler(
        answer
    )
