"""The task that loads Kolada's catalogue outside the web request (`manage.py db_worker`)."""

from django.tasks import task

from roder.kolada.models import CatalogueLoad


@task
def load_catalogue(load_id: int) -> None:
    from roder.kolada.services import run_load

    run_load(CatalogueLoad.objects.get(pk=load_id))
