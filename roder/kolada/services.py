"""Loading Kolada's catalogue (KPIs, municipalities, groups) into Roder.

A load reads everything it asks for first and writes it in one transaction: a failure half-way
through (Kolada down, an answer in the wrong shape) leaves the catalogue as it was. After a full
load, later ones ask only for what changed since the last load that succeeded (Kolada's
`from_date`), a day back for safety.
"""

import datetime
from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from roder.core import progress as task_progress
from roder.core.models import TaskState
from roder.kolada import client as kolada
from roder.kolada.models import CatalogueLoad, Kpi, Municipality, MunicipalityGroup

type Progress = Callable[[str, float], None]  # (what is being read, share done 0–1)

KPI_FIELDS = [
    "title",
    "description",
    "operating_area",
    "is_divided_by_gender",
    "municipality_type",
    "has_ou_data",
    "publication_date",
    "publ_period",
    "fetched_at",
]
LOAD_STEP = "load"


def may_load_catalogue(user: Any, grants: Any) -> bool:
    """Installation administrators and the organisation's administrators load the catalogue."""
    return bool(user.is_superuser or grants.is_organisation_administrator)


def changes_since() -> datetime.date | None:
    """The `from_date` of the next incremental load: the day before the last successful one."""
    last = (
        CatalogueLoad.objects.filter(task_state=TaskState.DONE)
        .exclude(task_result__has_key="error")
        .order_by("-created_at")
        .first()
    )
    if last is None:
        return None
    return timezone.localdate(last.created_at) - datetime.timedelta(days=1)


def start_load(*, by: Any, grants: Any, full: bool = False) -> CatalogueLoad:
    """Queue a load for the worker (`manage.py db_worker`); one at a time."""
    from roder.kolada import tasks

    if not may_load_catalogue(by, grants):
        raise PermissionDenied
    with transaction.atomic():
        if (
            CatalogueLoad.objects.select_for_update()
            .filter(task_state__in=[TaskState.QUEUED, TaskState.RUNNING])
            .exists()
        ):
            raise ValidationError(_("A load of Kolada's catalogue is already under way."))
        load = CatalogueLoad.objects.create(
            started_by=by, from_date=None if full else changes_since()
        )
        task_progress.queue_step(load, LOAD_STEP, tasks.load_catalogue)
    return load


def run_load(
    load: CatalogueLoad,
    *,
    client: kolada.Client | None = None,
    progress: Progress | None = None,
) -> bool:
    """Run a queued load (the task, or the command right after creating it). A Kolada error
    marks the load failed with its message and writes nothing; True when it ran."""

    def work(share: Callable[[float], None]) -> dict[str, Any]:
        def step(what: str, done: float) -> None:
            share(done)
            if progress is not None:
                progress(what, done)

        own = client is None
        reader = client or kolada.Client()
        try:
            return load_catalogue(reader, from_date=load.from_date, progress=step)
        finally:
            if own:
                reader.close()

    try:
        return task_progress.run_step(load, LOAD_STEP, work)
    except kolada.KoladaError as error:
        CatalogueLoad.objects.filter(pk=load.pk).update(task_result={"error": str(error)})
        load.refresh_from_db()
        return True


def load_catalogue(
    client: kolada.Client,
    *,
    from_date: datetime.date | None = None,
    progress: Progress | None = None,
) -> dict[str, int]:
    """Read KPIs, municipalities and groups (all, or what changed since `from_date`), then write
    them in one transaction. Returns how many of each were read."""

    def step(what: str, done: float) -> None:
        if progress is not None:
            progress(what, done)

    step("kpi", 0.0)
    kpis = client.kpis(from_date=from_date)
    step("municipality", 0.4)
    municipalities = client.municipalities(from_date=from_date)
    step("municipality_groups", 0.6)
    groups = client.municipality_groups(from_date=from_date)
    step("save", 0.8)
    now = timezone.now()
    with transaction.atomic():
        Kpi.objects.bulk_create(
            [
                Kpi(
                    id=kpi.id,
                    title=kpi.title[:500],
                    description=kpi.description,
                    operating_area=kpi.operating_area[:500],
                    is_divided_by_gender=kpi.is_divided_by_gender,
                    municipality_type=kpi.municipality_type[:1],
                    has_ou_data=kpi.has_ou_data,
                    publication_date=kpi.publication_date,
                    publ_period=kpi.publ_period[:100],
                    fetched_at=now,
                )
                for kpi in kpis
            ],
            batch_size=1000,
            update_conflicts=True,
            unique_fields=["id"],
            update_fields=KPI_FIELDS,
        )
        Municipality.objects.bulk_create(
            [
                Municipality(id=m.id, title=m.title[:200], type=m.type[:1], fetched_at=now)
                for m in municipalities
            ],
            batch_size=1000,
            update_conflicts=True,
            unique_fields=["id"],
            update_fields=["title", "type", "fetched_at"],
        )
        MunicipalityGroup.objects.bulk_create(
            [
                MunicipalityGroup(
                    id=g.id, title=g.title[:300], members=list(g.members), fetched_at=now
                )
                for g in groups
            ],
            batch_size=1000,
            update_conflicts=True,
            unique_fields=["id"],
            update_fields=["title", "members", "fetched_at"],
        )
    step("save", 1.0)
    return {"kpis": len(kpis), "municipalities": len(municipalities), "groups": len(groups)}


def county_group(county: str) -> MunicipalityGroup | None:
    """The stored länssnitt group of a county ("Stockholms" → "Stockholms läns kommuner (ovägt
    medel)"), or None before the catalogue has it."""
    return MunicipalityGroup.objects.filter(
        title__iexact=f"{county} läns kommuner (ovägt medel)"
    ).first()
