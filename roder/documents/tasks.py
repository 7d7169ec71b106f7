"""The task that produces a document file outside the web request (Django's task framework;
the database backend's worker `manage.py db_worker` runs it in production and in the demo)."""

from django.tasks import task

from roder.documents.models import DocumentRun, RunStatus


@task
def produce_document(run_id: int, person_id: int) -> None:
    """`person_id` is who asked for the file: it is built with their permissions, read again
    now (services.run_grants), never with nobody's."""
    run = DocumentRun.objects.select_related("unit__organisation", "period", "created_by").get(
        pk=run_id
    )
    if run.status != RunStatus.QUEUED:
        return  # already produced (a task delivered twice)
    from roder.documents.services import run_produce

    run_produce(run, person_id=person_id)
