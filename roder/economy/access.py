"""Who may read and write the economy (see organisation/access.py).

Reading a unit's tables: any role covering the unit (the tables add up the unit and every unit
below it, which the same role covers). Entering budget, outcome and plan years, and importing
ledger files: controllers and above on the unit. Entering a prognosis: unit managers and above.
Account categories and activities: controllers and administrators of the top unit.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from roder.economy.models import AccountCategory, Activity, LedgerImport, LineKind
from roder.organisation.access import Grants, check_unit, fetch_for_user, has_root_role
from roder.organisation.models import RoleKind

ECONOMY_EDITOR = RoleKind.CONTROLLER
PROGNOSIS_EDITOR = RoleKind.UNIT_MANAGER
IMPORTER = RoleKind.CONTROLLER
CONFIGURATION_EDITOR = RoleKind.CONTROLLER  # on the organisation's top unit


def need_for(kind: str) -> RoleKind:
    """The role on the unit needed to write lines of `kind`."""
    return PROGNOSIS_EDITOR if kind == LineKind.PROGNOSIS else ECONOMY_EDITOR


def may_write(grants: Grants, unit, kind: str) -> bool:
    return grants.has_role(unit, need_for(kind))


def may_configure(grants: Grants) -> bool:
    return has_root_role(grants, CONFIGURATION_EDITOR)


def require_configuration(grants: Grants) -> None:
    if not may_configure(grants):
        raise PermissionDenied


def get_category_for_user(grants: Grants, pk: int) -> AccountCategory:
    """The organisation's categories are read by everyone in it; 404 for another's."""
    return fetch_for_user(grants, AccountCategory, pk, unit=None)


def get_activity_for_user(grants: Grants, pk: int) -> Activity:
    return fetch_for_user(grants, Activity, pk, unit=None)


def get_import_for_user(grants: Grants, pk: int) -> LedgerImport:
    """An import is read through its unit. A staged import (not yet confirmed) belongs to the
    person who uploaded it: 404 for anyone else, 403 if they are no longer an importer."""
    imports = LedgerImport.objects.select_related(
        "unit", "unit__organisation", "period", "created_by"
    )
    ledger_import = fetch_for_user(grants, imports, pk, unit=None)
    check_unit(grants, ledger_import.unit)
    if ledger_import.is_staged:
        if ledger_import.created_by_id != getattr(grants.user, "pk", None):
            raise Http404
        check_unit(grants, ledger_import.unit, need=IMPORTER)
    return ledger_import
