"""The tasks that read, check and import a big ledger file outside the web request (Django's
task framework; `manage.py db_worker` runs them, as it runs the documents' tasks)."""

from django.tasks import task

from roder.economy.models import LedgerImport


def _staged(pk: int) -> LedgerImport:
    return LedgerImport.objects.select_related("organisation", "unit", "created_by").get(pk=pk)


@task
def read_ledger_import(ledger_import_id: int) -> None:
    from roder.economy.services import run_read

    run_read(_staged(ledger_import_id))


@task
def check_ledger_import(ledger_import_id: int) -> None:
    from roder.economy.services import run_check

    run_check(_staged(ledger_import_id))


@task
def apply_ledger_import(ledger_import_id: int) -> None:
    from roder.economy.services import run_apply

    run_apply(_staged(ledger_import_id))
