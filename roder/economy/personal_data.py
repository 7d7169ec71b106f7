"""Ledger imports keep the file's rows as text, and ledger texts may name people (a supplier
invoice's reference, a salary line): removed when a person is anonymised (core.personal_data)."""

from roder.core.personal_data import Leaver
from roder.economy.models import LedgerImport


def scrub_ledger_imports(leaver: Leaver) -> int:
    imports = LedgerImport.objects.only("file_name", "headers", "rows")
    if leaver.organisation_id is not None:
        imports = imports.filter(organisation_id=leaver.organisation_id)
    changed = 0
    # One import at a time: a staged file may hold many rows.
    for ledger_import in imports.iterator(chunk_size=20):
        values = (
            leaver.text(ledger_import.file_name),
            leaver.value(ledger_import.headers),
            leaver.value(ledger_import.rows),
        )
        if values != (ledger_import.file_name, ledger_import.headers, ledger_import.rows):
            LedgerImport.objects.filter(pk=ledger_import.pk).update(
                file_name=values[0], headers=values[1], rows=values[2]
            )
            changed += 1
    return changed
