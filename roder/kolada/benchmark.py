"""`manage.py kolada_benchmark`: how fast Roder imports Kolada's values, against PostgreSQL's
own `COPY` of the same rows.

A local HTTP server (the standard library's, in a forked process; nothing reaches the
internet) answers
`/data/kpi/<kpi>/municipality/<codes>/year/<years>` in v3's shape, paged with `next_url`, from
generated **demo values** (municipalities × years × KPIs, ids "X0nnnn" and codes "Bnnn" that
are not Kolada's). Roder's import is the real path: `values.fetch` with the client (25 ids per
path segment, paging, parsing), each KPI stored in its own transaction by `values.store`. Then
the same rows are written by `COPY … FROM STDIN` (psycopg's `copy.write_row`) into the same
table. Both are timed from start to committed; the benchmark's rows are removed afterwards.
"""

import datetime
import json
import multiprocessing
import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

from django.db import connection, transaction
from django.utils import timezone

from roder.kolada import values
from roder.kolada.client import Client
from roder.kolada.models import Kpi, TargetKind, Value

KPI_PREFIX = "X0"  # the benchmark's KPI ids: X00001 … (not Kolada's)
PAGE = 5000


@dataclass(frozen=True)
class Size:
    municipalities: int = 290
    years: int = 10
    kpis: int = 50

    @property
    def rows(self) -> int:
        return self.municipalities * self.years * self.kpis


def _codes(size: Size) -> list[str]:
    return [f"B{index:03d}" for index in range(size.municipalities)]


def _kpi_ids(size: Size) -> list[str]:
    return [f"{KPI_PREFIX}{index:04d}" for index in range(1, size.kpis + 1)]


def _years(size: Size) -> list[int]:
    return list(range(2025 - size.years + 1, 2026))


def generate(size: Size) -> dict[str, dict[str, list[dict[str, Any]]]]:
    """KPI → municipality → v3 `/data` items (one per year, the total only), demo values."""
    rng = random.Random(16)
    found: dict[str, dict[str, list[dict[str, Any]]]] = {}
    for kpi in _kpi_ids(size):
        per_place = found.setdefault(kpi, {})
        for code in _codes(size):
            level = rng.uniform(20, 90)
            per_place[code] = [
                {
                    "kpi": kpi,
                    "municipality": code,
                    "period": year,
                    "values": [
                        {
                            "gender": "T",
                            "count": 1,
                            "status": "",
                            "value": round(level + rng.uniform(-3, 3), 1),
                            "isdeleted": False,
                        }
                    ],
                }
                for year in _years(size)
            ]
    return found


class _Server:
    """The local Kolada: a ThreadingHTTPServer on 127.0.0.1 and a free port, in a child
    process."""

    def __init__(self, data: dict[str, dict[str, list[dict[str, Any]]]]) -> None:
        index = data

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                url = urlsplit(self.path)
                parts = url.path.strip("/").split("/")  # v3 data kpi K municipality M year Y
                args = {key: items[0] for key, items in parse_qs(url.query).items()}
                wanted = dict(zip(parts[2::2], parts[3::2], strict=False))
                years = set(wanted.get("year", "").split(","))
                found = [
                    item
                    for kpi in wanted.get("kpi", "").split(",")
                    for code in wanted.get("municipality", "").split(",")
                    for item in index.get(kpi, {}).get(code, [])
                    if str(item["period"]) in years
                ]
                page = int(args.get("page", "1"))
                size = int(args.get("per_page", str(PAGE)))
                chunk = found[(page - 1) * size : page * size]
                following = None
                if page * size < len(found):
                    base = f"http://{self.headers['Host']}{url.path}"
                    following = f"{base}?{urlencode({**args, 'page': str(page + 1)})}"
                body = json.dumps(
                    {"values": chunk, "count": len(chunk), "next_url": following}
                ).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: Any) -> None:
                return

        # Bound here, served by a forked process: Kolada is another machine, so the server
        # does not share this process's interpreter lock with the import it answers. A process
        # that already runs threads (a test server's) is not forked; a thread serves instead.
        self.http = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.worker: threading.Thread | multiprocessing.process.BaseProcess
        if threading.active_count() > 1:
            self.worker = threading.Thread(target=self.http.serve_forever, daemon=True)
        else:
            self.worker = multiprocessing.get_context("fork").Process(
                target=self.http.serve_forever, daemon=True
            )

    @property
    def url(self) -> str:
        host, port = self.http.server_address[:2]
        return f"http://{host!s}:{port}/v3"

    def __enter__(self) -> "_Server":
        self.worker.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        if isinstance(self.worker, threading.Thread):
            self.http.shutdown()
        else:
            self.worker.terminate()
            self.worker.join(5)
        self.http.server_close()


def _kpis(size: Size) -> list[Kpi]:
    now = timezone.now()
    Kpi.objects.bulk_create(
        [
            Kpi(id=kpi, title=f"Benchmark {kpi} (demo)", fetched_at=now)
            for kpi in _kpi_ids(size)
            if not Kpi.objects.filter(pk=kpi).exists()
        ]
    )
    return list(Kpi.objects.filter(pk__in=_kpi_ids(size)).order_by("pk"))


def clean(size: Size) -> None:
    Value.objects.filter(kpi_id__in=_kpi_ids(size)).delete()
    Kpi.objects.filter(pk__in=_kpi_ids(size)).delete()


def roder_import(size: Size, server_url: str) -> dict[str, Any]:
    """Roder's import of every KPI through the client into `kolada_value`; seconds and rows."""
    kpis = _kpis(size)
    places = [values.Place(code, TargetKind.MUNICIPALITY, code, "peer") for code in _codes(size)]
    started = time.perf_counter()
    with Client(server_url) as client:
        result = values.fetch(client, kpis=kpis, targets=places, years=_years(size))
    seconds = time.perf_counter() - started
    if result["failed"]:
        raise RuntimeError(f"The import failed: {result['failed']}")
    return {"seconds": seconds, "rows": sum(result["stored"].values())}


def copy_import(size: Size, data: dict[str, dict[str, list[dict[str, Any]]]]) -> dict[str, Any]:
    """The same rows by PostgreSQL's COPY, after removing Roder's: seconds and rows."""
    Value.objects.filter(kpi_id__in=_kpi_ids(size)).delete()
    table = Value._meta.db_table
    columns = [
        "kpi_id",
        "target",
        "kind",
        "year",
        "gender",
        "value",
        "count",
        "fetched_on",
        "publication_date",
    ]
    now = timezone.now()
    rows = 0
    started = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        raw = cursor.cursor  # psycopg's own cursor, for COPY
        with raw.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
            for kpi, per_place in data.items():
                for code, items in per_place.items():
                    for item in items:
                        for row in item["values"]:
                            copy.write_row(
                                (
                                    kpi,
                                    code,
                                    TargetKind.MUNICIPALITY.value,
                                    item["period"],
                                    row["gender"],
                                    row["value"],
                                    row["count"],
                                    now,
                                    None,
                                )
                            )
                            rows += 1
    return {"seconds": time.perf_counter() - started, "rows": rows}


def run(size: Size, *, say: Callable[[str], None]) -> dict[str, Any]:
    """Roder's import, then COPY where the database is PostgreSQL; the rows/s of each and
    their ratio. The benchmark's KPIs and values are removed at the end."""
    say(
        f"Generating {size.rows} demo values ({size.municipalities} municipalities × "
        f"{size.years} years × {size.kpis} KPIs) …"
    )
    data = generate(size)
    clean(size)
    report: dict[str, Any] = {"rows": size.rows, "vendor": connection.vendor}
    try:
        with _Server(data) as server:
            say(f"Importing through the client from the local server {server.url} …")
            mine = roder_import(size, server.url)
        report["roder_rows_per_second"] = mine["rows"] / mine["seconds"]
        report["roder_seconds"] = mine["seconds"]
        if connection.vendor == "postgresql":
            say("Writing the same rows with COPY …")
            theirs = copy_import(size, data)
            report["copy_rows_per_second"] = theirs["rows"] / theirs["seconds"]
            report["copy_seconds"] = theirs["seconds"]
            report["ratio"] = report["roder_rows_per_second"] / report["copy_rows_per_second"]
    finally:
        clean(size)
    report["at"] = datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds")
    return report
