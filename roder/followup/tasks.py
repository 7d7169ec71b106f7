"""The tasks that check and import a big outcome workbook outside the web request (Django's task
framework; `manage.py db_worker` runs them, as it runs the documents' tasks)."""

from django.tasks import task

from roder.followup.models import OutcomeImport


@task
def check_outcome_import(staged_id: int) -> None:
    from roder.followup.excel import run_check

    run_check(
        OutcomeImport.objects.select_related("unit__organisation", "period").get(pk=staged_id)
    )


@task
def apply_outcome_import(staged_id: int) -> None:
    from roder.followup.excel import run_apply

    run_apply(
        OutcomeImport.objects.select_related("unit__organisation", "period").get(pk=staged_id)
    )
