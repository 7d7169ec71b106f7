"""Who gets a round's personal links: Roder's people with roles on the chosen units, or an
uploaded list of e-mail addresses (one a line, or CSV with the unit's code in a second column).

Pure reading: every problem in the list is reported (in Swedish, with its line) and nothing is
written; the services create the invitations from what is returned here.
"""

import csv
import io
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from roder.organisation.models import Role, Unit

MAX_LIST_BYTES = 1024 * 1024
MAX_PROBLEMS = 20
HEADERS = {"e-post", "epost", "e-mail", "email", "mail", "adress", "e-postadress"}


def from_roles(units) -> list[tuple[str, Any, Unit]]:
    """(e-mail, person, unit) for everyone holding a role on one of the units (their e-mail
    once: at the deepest of their units), people without an e-mail address left out."""
    units = list(units)
    roles = (
        Role.objects.filter(unit__in=units, person__is_active=True)
        .exclude(person__email="")
        .select_related("person", "unit")
        .order_by("-unit__depth", "unit__path", "person__pk")
    )
    found: dict[str, tuple[str, Any, Unit]] = {}
    for role in roles:
        email = role.person.email.strip().lower()
        found.setdefault(email, (email, role.person, role.unit))
    return sorted(found.values(), key=lambda row: (row[2].path, row[0]))


def parse_list(raw: bytes | str, units) -> list[tuple[str, object, object]]:
    """(e-mail, None, unit) from an uploaded list. With one unit chosen a line may hold the
    address only; with several, the unit's code follows (separated by comma, semicolon or
    tab). A first line naming the columns is skipped."""
    units = list(units)
    if isinstance(raw, bytes):
        if len(raw) > MAX_LIST_BYTES:
            raise ValidationError(_("The list is too large (at most 1 MB)."))
        try:
            raw = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ValidationError(_("The list is not UTF-8 text.")) from None
    by_code = {unit.code.casefold(): unit for unit in units}
    rows: list[tuple[str, object, object]] = []
    seen: set[str] = set()
    problems: list[str] = []
    for number, line in enumerate(raw.splitlines(), start=1):
        if not line.strip():
            continue
        fields = _fields(line)
        email = fields[0].strip().lower()
        if number == 1 and email in HEADERS:
            continue
        try:
            validate_email(email)
        except ValidationError:
            problems.append(
                _("Line %(n)s: “%(value)s” is not an e-mail address.")
                % {"n": number, "value": fields[0].strip()[:80]}
            )
            continue
        code = fields[1].strip() if len(fields) > 1 else ""
        if code:
            unit = by_code.get(code.casefold())
            if unit is None:
                problems.append(
                    _("Line %(n)s: “%(code)s” is not the code of one of the chosen units.")
                    % {"n": number, "code": code[:40]}
                )
                continue
        elif len(units) == 1:
            unit = units[0]
        else:
            problems.append(
                _(
                    "Line %(n)s: several units are chosen, so give the unit's code after the "
                    "address (%(example)s)."
                )
                % {"n": number, "example": f"{email};{units[0].code}"}
            )
            continue
        if email in seen:
            continue
        seen.add(email)
        rows.append((email, None, unit))
    if problems:
        more = len(problems) - MAX_PROBLEMS
        shown = problems[:MAX_PROBLEMS]
        if more > 0:
            shown.append(_("… and %(n)s more lines with problems.") % {"n": more})
        raise ValidationError(shown)
    if not rows:
        raise ValidationError(_("The list holds no e-mail address."))
    return rows


def _fields(line: str) -> list[str]:
    for delimiter in (";", "\t", ","):
        if delimiter in line:
            return next(csv.reader(io.StringIO(line), delimiter=delimiter)) or [""]
    return [line]
