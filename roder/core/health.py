"""The health endpoint for load balancers and orchestrators: `/healthz`.

200 "ok" (plain text) when the database answers and every migration is applied, 503 otherwise
(a web server that cannot reach its database, or a new release whose migrations have not run,
should take no traffic). `?detail` adds, as JSON, what the task worker has been doing: when a
task last started and how many wait (and for how long) — reported, never failing the check,
since web servers serve pages without a worker. No log-in, no session, no personal data.
"""

import datetime

from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone
from django.views.decorators.http import require_GET


def _database() -> tuple[bool, str]:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        return False, f"database unreachable: {error.__class__.__name__}"
    return True, "ok"


_migrated = False  # once every migration is applied, it stays so for this process's code


def _migrations() -> tuple[bool, str]:
    """Whether the database has every migration of the code this process runs. Reading the
    migration files takes a third of a second, so a process that found them all applied does
    not look again: a release with new migrations starts new processes."""
    global _migrated
    if _migrated:
        return True, "ok"
    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if plan:
        return False, f"{len(plan)} migrations not applied"
    _migrated = True
    return True, "ok"


def _worker(now: datetime.datetime) -> dict[str, object]:
    from django_tasks_db.models import DBTaskResult  # the database task backend's queue

    last = (
        DBTaskResult.objects.exclude(started_at=None)
        .order_by("-started_at")
        .values_list("started_at", flat=True)
        .first()
    )
    waiting = DBTaskResult.objects.ready()
    oldest = waiting.order_by("enqueued_at").values_list("enqueued_at", flat=True).first()
    return {
        "last_task_started": last.isoformat() if last else None,
        "tasks_waiting": waiting.count(),
        "oldest_waiting_seconds": int((now - oldest).total_seconds()) if oldest else 0,
    }


@require_GET
def healthz(request: HttpRequest) -> HttpResponse:
    database_ok, database = _database()
    migrations_ok, migrations = _migrations() if database_ok else (False, "not checked")
    healthy = database_ok and migrations_ok
    status = 200 if healthy else 503
    if "detail" not in request.GET:
        return HttpResponse(
            "ok" if healthy else "unavailable", content_type="text/plain", status=status
        )
    body: dict[str, object] = {
        "status": "ok" if healthy else "unavailable",
        "database": database,
        "migrations": migrations,
    }
    if healthy:
        body["worker"] = _worker(timezone.now())
    return JsonResponse(body, status=status)
