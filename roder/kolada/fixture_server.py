"""Kolada from the fixture files: the catalogue (`fixtures/catalogue.json`) and values
(`fixtures/values.json`, demo values, not Kolada's) answered in v3's shape — paged with
`next_url`, ids in path segments, `?title=` — without any network.

The tests serve it from a real local HTTP server (`testing.serve_catalogue`, `serve_values`);
the demo reads it in-process through `transport()`, an httpx transport, so that it runs the
real client and never reaches the internet."""

import json
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import httpx

FIXTURES = Path(__file__).parent / "fixtures"
CATALOGUE_ROOTS = ("kpi", "municipality", "municipality_groups", "ou")
BASE_URL = "http://kolada-fixtures.invalid/v3"  # .invalid: never resolves


def catalogue() -> dict[str, list[dict[str, Any]]]:
    """The catalogue's lists, the organisational units (`ou.json`) among them."""
    data = json.loads((FIXTURES / "catalogue.json").read_text(encoding="utf-8"))
    data["ou"] = _ou()["ou"]
    return {root: data[root] for root in CATALOGUE_ROOTS}


def _ou() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((FIXTURES / "ou.json").read_text(encoding="utf-8"))
    return data


def value_items() -> list[dict[str, Any]]:
    """The fixture values as v3's `/data` items, and the ou values as `/oudata` items (they
    carry "ou" where the others carry "municipality")."""
    data = json.loads((FIXTURES / "values.json").read_text(encoding="utf-8"))
    items: list[dict[str, Any]] = data["values"] + _ou()["values"]
    return items


@cache
def _cached() -> tuple[dict[str, list[dict[str, Any]]], list[dict[str, Any]]]:
    return catalogue(), value_items()


def _page(
    found: list[dict[str, Any]], path_url: str, args: Mapping[str, str], per_page: int | None
) -> dict[str, Any]:
    size = per_page or int(args.get("per_page", "5000"))
    page = int(args.get("page", "1"))
    chunk = found[(page - 1) * size : page * size]
    following = None
    if page * size < len(found):
        following = f"{path_url}?{urlencode({**args, 'page': str(page + 1)})}"
    return {"values": chunk, "count": len(chunk), "next_url": following, "previous_url": None}


def catalogue_answer(
    items: dict[str, list[dict[str, Any]]],
    path: str,
    args: Mapping[str, str],
    path_url: str,
    per_page: int | None = None,
) -> dict[str, Any]:
    """`<root>[/<ids>]` with `?title=` and paging (`path` relative to the base URL)."""
    root, _, ids = path.partition("/")
    found = items[root]
    if ids:
        wanted = set(ids.split(","))
        found = [item for item in found if item["id"] in wanted]
    if title := args.get("title"):
        found = [item for item in found if title.casefold() in item["title"].casefold()]
    if municipality := args.get("municipality"):
        found = [item for item in found if item.get("municipality") == municipality]
    return _page(found, path_url, args, per_page)


def values_answer(
    items: list[dict[str, Any]],
    path: str,
    args: Mapping[str, str],
    path_url: str,
    per_page: int | None = None,
) -> dict[str, Any]:
    """`data/kpi/<kpis>/municipality/<places>/year/<years>` (any two of the three), or
    `oudata/kpi/<kpis>/ou/<units>/year/<years>`."""
    root, _, rest = path.partition("/")
    dimension = "ou" if root == "oudata" else "municipality"
    parts = rest.split("/")
    wanted = dict(zip(parts[::2], (set(p.split(",")) for p in parts[1::2]), strict=True))

    def match(item: dict[str, Any]) -> bool:
        return dimension in item and all(
            str(item[key]) in wanted[name]
            for name, key in (("kpi", "kpi"), (dimension, dimension), ("year", "period"))
            if name in wanted
        )

    return _page([item for item in items if match(item)], path_url, args, per_page)


def transport() -> httpx.MockTransport:
    """The fixtures as an httpx transport for `client.Client(BASE_URL, transport=…)`."""
    items, values = _cached()
    prefix = httpx.URL(BASE_URL).path.rstrip("/") + "/"

    def handle(request: httpx.Request) -> httpx.Response:
        path = request.url.path.removeprefix(prefix)
        args = dict(request.url.params)
        path_url = f"{BASE_URL}/{path}"
        if path.startswith(("data/", "oudata/")):
            return httpx.Response(200, json=values_answer(values, path, args, path_url))
        if path.partition("/")[0] in CATALOGUE_ROOTS:
            return httpx.Response(200, json=catalogue_answer(items, path, args, path_url))
        return httpx.Response(404, json={"detail": "Not found"})

    return httpx.MockTransport(handle)
