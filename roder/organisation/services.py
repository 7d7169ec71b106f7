"""Writes to organisations, units, people and roles. Each runs in one transaction and leaves
history; bad input raises ValidationError with a Swedish message and changes nothing."""

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from roder.core import disclosure, personal_data
from roder.core.models import HistoryAction, HistoryEntry
from roder.core.services import (
    ConcurrentEditError,
    history_record,
    save_versioned,
    snapshot,
    update_with_history,
)
from roder.organisation.access import (
    can_anonymise_person,
    can_change_person,
    can_grant_role,
    grants_for,
)
from roder.organisation.models import Organisation, Role, Unit, UnitKind

UNIT_FIELDS = ("kind", "code", "name", "valid_from", "valid_to")
ORGANISATION_FIELDS = (
    "name",
    "slug",
    "municipality_code",
    "fiscal_year_start_month",
    "minimum_group_size",
    "readers_see_drafts",
)
PERSON_FIELDS = ("username", "first_name", "last_name", "email", "title", "is_active")
# What anonymising removes from the person and from their own history entries.
PERSONAL_FIELDS = ("username", "first_name", "last_name", "email", "title")

User = get_user_model()


# --- organisations -------------------------------------------------------------------------


@transaction.atomic
def organisation_create(
    *, name: str, slug: str, root_code: str, municipality_code: str = "", by
) -> Organisation:
    """A new organisation with its root unit (the municipality itself)."""
    if Organisation.objects.filter(slug=slug).exists():
        raise ValidationError({"slug": _("Another organisation already uses this short name.")})
    organisation = Organisation.objects.create(
        name=name, slug=slug, municipality_code=municipality_code
    )
    history_record(
        obj=organisation,
        action=HistoryAction.CREATE,
        actor=by,
        organisation=organisation,
        after=snapshot(organisation, ORGANISATION_FIELDS),
    )
    unit_create(
        organisation=organisation,
        parent=None,
        kind=UnitKind.MUNICIPALITY,
        code=root_code,
        name=name,
        valid_from=datetime.date(2000, 1, 1),
        by=by,
    )
    return organisation


@transaction.atomic
def organisation_update(
    *, organisation: Organisation, expected_version: int, by, **values
) -> Organisation:
    if Organisation.objects.filter(slug=values["slug"]).exclude(pk=organisation.pk).exists():
        raise ValidationError({"slug": _("Another organisation already uses this short name.")})
    values.setdefault("minimum_group_size", organisation.minimum_group_size)
    values.setdefault("readers_see_drafts", organisation.readers_see_drafts)
    low, high = disclosure.MINIMUM_RANGE
    if not low <= values["minimum_group_size"] <= high:
        raise ValidationError(
            {
                "minimum_group_size": _("Choose a group size from %(low)s to %(high)s.")
                % {"low": low, "high": high}
            }
        )
    update_with_history(
        organisation,
        fields=ORGANISATION_FIELDS,
        values=values,
        expected_version=expected_version,
        by=by,
        organisation=organisation,
    )
    return organisation


# --- units ---------------------------------------------------------------------------------


def _check_code_free(organisation: Organisation, code: str, *, exclude: Unit | None = None):
    others = Unit.objects.filter(organisation=organisation, code__iexact=code)
    if exclude is not None:
        others = others.exclude(pk=exclude.pk)
    clash = others.first()
    if clash is not None:
        raise ValidationError(
            {
                "code": _("The code %(code)s is already used by %(unit)s in this organisation.")
                % {"code": code, "unit": clash.name}
            }
        )


def _check_validity(
    *, valid_from: datetime.date, valid_to: datetime.date | None, parent: Unit | None
) -> None:
    if valid_to is not None and valid_to < valid_from:
        raise ValidationError({"valid_to": _("The end date cannot be before the start date.")})
    if parent is None:
        return
    if valid_from < parent.valid_from:
        raise ValidationError(
            {
                "valid_from": _(
                    "The unit cannot start before its parent unit %(parent)s (%(date)s)."
                )
                % {"parent": parent.name, "date": parent.valid_from.isoformat()}
            }
        )
    if parent.valid_to is not None and (valid_to is None or valid_to > parent.valid_to):
        raise ValidationError(
            {
                "valid_to": _(
                    "The unit cannot be valid after its parent unit %(parent)s ends (%(date)s)."
                )
                % {"parent": parent.name, "date": parent.valid_to.isoformat()}
            }
        )


def _check_children_within(unit: Unit, valid_from, valid_to) -> None:
    children = Unit.objects.filter(parent=unit)
    if children.filter(valid_from__lt=valid_from).exists():
        raise ValidationError(
            {"valid_from": _("A unit below this one starts before the new start date.")}
        )
    if valid_to is not None and (
        children.filter(valid_to__isnull=True).exists()
        or children.filter(valid_to__gt=valid_to).exists()
    ):
        raise ValidationError(
            {
                "valid_to": _(
                    "Units below this one are valid after the new end date. Use Deactivate, "
                    "which ends the whole branch."
                )
            }
        )


@transaction.atomic
def unit_create(
    *,
    organisation: Organisation,
    parent: Unit | None,
    kind: str,
    code: str,
    name: str,
    valid_from: datetime.date,
    valid_to: datetime.date | None = None,
    by,
) -> Unit:
    if parent is not None and parent.organisation_id != organisation.pk:
        raise ValidationError(_("The parent unit belongs to another organisation."))
    _check_code_free(organisation, code)
    _check_validity(valid_from=valid_from, valid_to=valid_to, parent=parent)
    unit = Unit.objects.create(
        organisation=organisation,
        parent=parent,
        kind=kind,
        code=code,
        name=name,
        valid_from=valid_from,
        valid_to=valid_to,
        depth=0 if parent is None else parent.depth + 1,
    )
    unit.path = f"{parent.path if parent else '/'}{unit.pk}/"
    Unit.objects.filter(pk=unit.pk).update(path=unit.path)
    history_record(
        obj=unit,
        action=HistoryAction.CREATE,
        actor=by,
        organisation=organisation,
        unit=unit,
        after=snapshot(unit, ("parent", *UNIT_FIELDS)),
    )
    return unit


@transaction.atomic
def unit_update(
    *,
    unit: Unit,
    expected_version: int,
    kind: str,
    code: str,
    name: str,
    valid_from: datetime.date,
    valid_to: datetime.date | None,
    by,
) -> Unit:
    _check_code_free(unit.organisation, code, exclude=unit)
    _check_validity(valid_from=valid_from, valid_to=valid_to, parent=unit.parent)
    _check_children_within(unit, valid_from, valid_to)
    values = {
        "kind": kind,
        "code": code,
        "name": name,
        "valid_from": valid_from,
        "valid_to": valid_to,
    }
    return update_with_history(
        unit,
        fields=UNIT_FIELDS,
        values=values,
        expected_version=expected_version,
        by=by,
        organisation=unit.organisation,
        unit=unit,
    )


@transaction.atomic
def unit_move(*, unit: Unit, new_parent: Unit, expected_version: int, by) -> Unit:
    """Put a unit, with everything below it, under another parent."""
    if unit.parent_id is None:
        raise ValidationError(_("The organisation's top unit cannot be moved."))
    if new_parent.organisation_id != unit.organisation_id:
        raise ValidationError(_("A unit can only be moved within its own organisation."))
    if unit.contains(new_parent):
        raise ValidationError(
            _("A unit cannot be moved under itself or under one of its own sub-units.")
        )
    _check_validity(valid_from=unit.valid_from, valid_to=unit.valid_to, parent=new_parent)
    before = snapshot(unit, ("parent",))
    old_path, new_path = unit.path, f"{new_parent.path}{unit.pk}/"
    depth_change = new_parent.depth + 1 - unit.depth
    unit.parent = new_parent
    save_versioned(unit, expected_version=expected_version, fields=("parent",))
    subtree = list(Unit.objects.filter(path__startswith=old_path))
    for node in subtree:
        node.path = new_path + node.path[len(old_path) :]
        node.depth += depth_change
    Unit.objects.bulk_update(subtree, ["path", "depth"])
    unit.path, unit.depth = new_path, unit.depth + depth_change
    history_record(
        obj=unit,
        action=HistoryAction.MOVE,
        actor=by,
        organisation=unit.organisation,
        unit=unit,
        before=before,
        after=snapshot(unit, ("parent",)),
    )
    return unit


@transaction.atomic
def unit_deactivate(*, unit: Unit, last_day: datetime.date, expected_version: int, by) -> int:
    """End a unit and every unit below it that is still valid after `last_day`.

    Returns how many units were ended. Nothing is deleted: the old tree stays readable.
    """
    if unit.parent_id is None:
        raise ValidationError(_("The organisation's top unit cannot be deactivated."))
    if last_day < unit.valid_from:
        raise ValidationError(
            {
                "last_day": _("The last day cannot be before the unit starts (%(date)s).")
                % {"date": unit.valid_from.isoformat()}
            }
        )
    if unit.valid_to is not None and unit.valid_to <= last_day:
        raise ValidationError({"last_day": _("The unit has already ended by that day.")})
    current = Unit.objects.filter(pk=unit.pk, version=expected_version).exists()
    if not current:
        raise ConcurrentEditError()
    branch = [
        node
        for node in Unit.objects.filter(path__startswith=unit.path).order_by("path")
        if node.valid_to is None or node.valid_to > last_day
    ]
    for node in branch:
        if node.valid_from > last_day:
            raise ValidationError(
                _("%(unit)s starts after that day; change its dates first.") % {"unit": node.name}
            )
    for node in branch:
        before = snapshot(node, ("valid_to",))
        node.valid_to = last_day
        save_versioned(node, expected_version=node.version, fields=("valid_to",))
        history_record(
            obj=node,
            action=HistoryAction.DEACTIVATE,
            actor=by,
            organisation=node.organisation,
            unit=node,
            before=before,
            after=snapshot(node, ("valid_to",)),
        )
    return len(branch)


# --- people and roles ----------------------------------------------------------------------


def _allowed(by, organisation: Organisation, check) -> None:
    """Refuse unless `check(grants)` holds for the actor. `by=None` is Roder itself (demo data,
    commands); every page passes the person logged in."""
    if by is None:
        return
    if organisation is None:  # an installation account outside every organisation
        allowed = bool(getattr(by, "is_superuser", False))
    else:
        allowed = check(grants_for(by, organisation))
    if not allowed:
        raise PermissionDenied


@transaction.atomic
def role_grant(*, person, unit: Unit, kind: str, by) -> Role:
    _allowed(by, unit.organisation, lambda grants: can_grant_role(grants, unit, kind))
    if person.organisation_id != unit.organisation_id:
        raise ValidationError(
            _("%(person)s belongs to another organisation and cannot have a role here.")
            % {"person": person}
        )
    if not unit.is_active:
        raise ValidationError(_("Roles can only be given on units that are active today."))
    if person.anonymised_at is not None:
        raise ValidationError(_("An anonymised person cannot be given a role."))
    if Role.objects.filter(person=person, unit=unit, kind=kind).exists():
        raise ValidationError(
            _("%(person)s already has this role on %(unit)s.") % {"person": person, "unit": unit}
        )
    role = Role.objects.create(person=person, unit=unit, kind=kind)
    history_record(
        obj=role,
        action=HistoryAction.GRANT,
        actor=by,
        organisation=unit.organisation,
        unit=unit,
        person=person,
        after=snapshot(role, ("person", "unit", "kind")),
    )
    return role


@transaction.atomic
def role_revoke(*, role: Role, by) -> None:
    _allowed(
        by, role.unit.organisation, lambda grants: can_grant_role(grants, role.unit, role.kind)
    )
    _role_remove(role=role, by=by)


def _role_remove(*, role: Role, by) -> None:
    history_record(
        obj=role,
        action=HistoryAction.REVOKE,
        actor=by,
        organisation=role.unit.organisation,
        unit=role.unit,
        person=role.person,
        before=snapshot(role, ("person", "unit", "kind")),
    )
    role.delete()


@transaction.atomic
def person_create(
    *,
    organisation: Organisation,
    username: str,
    first_name: str,
    last_name: str,
    email: str,
    title: str = "",
    invite_base_url: str | None = None,
    by,
):
    """Add a person to the organisation. With `invite_base_url`, e-mail them a link to choose
    their password; until then they cannot log in. Any administrator in the organisation may:
    the new person has no role yet."""
    _allowed(by, organisation, lambda grants: grants.is_administrator_anywhere)
    username = User.normalize_username(username)  # as log-in compares it (accounts README)
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": _("This user name is taken.")})
    if invite_base_url and not email:
        raise ValidationError({"email": _("An invitation needs an e-mail address.")})
    person = User(
        username=username,
        first_name=first_name,
        last_name=last_name,
        email=email,
        title=title,
        organisation=organisation,
    )
    person.set_unusable_password()
    person.save()
    history_record(
        obj=person,
        action=HistoryAction.CREATE,
        actor=by,
        organisation=organisation,
        person=person,
        after=snapshot(person, PERSON_FIELDS),
    )
    if invite_base_url:
        person_invite(person=person, base_url=invite_base_url, by=by)
    return person


def invitation_link(person, base_url: str) -> str:
    """A link for the person to choose a password, valid PASSWORD_RESET_TIMEOUT from now and
    until they have chosen one (or logged in). Making one changes nothing: the people page
    shows it to copy where mail does not reach people (RODER_MAIL_DELIVERED off)."""
    return base_url.rstrip("/") + reverse(
        "accounts:password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(person.pk)),
            "token": default_token_generator.make_token(person),
        },
    )


def person_invite(*, person, base_url: str, by) -> None:
    """Send the person a link to choose a password (valid PASSWORD_RESET_TIMEOUT)."""
    _allowed(by, person.organisation, lambda grants: can_change_person(grants, person))
    link = invitation_link(person, base_url)
    context = {"person": person, "link": link, "organisation": person.organisation, "by": by}
    send_mail(
        subject=_("Welcome to Roder"),
        message=render_to_string("organisation/invitation_email.txt", context),
        from_email=None,
        recipient_list=[person.email],
    )
    history_record(
        obj=person,
        action=HistoryAction.INVITE,
        actor=by,
        organisation=person.organisation,
        person=person,
        after={"email": person.email},
    )


@transaction.atomic
def person_update(*, person, expected_version: int, by, **values):
    """Edit a person. If they can log in and their e-mail address changes, the old address is
    told (who changed it, not the new address): a hijacked account does not go unnoticed. The
    mail is sent inside the transaction, so if it cannot be sent nothing changes."""
    _allowed(by, person.organisation, lambda grants: can_change_person(grants, person))
    values["username"] = User.normalize_username(values["username"])
    if User.objects.filter(username__iexact=values["username"]).exclude(pk=person.pk).exists():
        raise ValidationError({"username": _("This user name is taken.")})
    if person.pk == getattr(by, "pk", None) and not values["is_active"]:
        raise ValidationError({"is_active": _("You cannot deactivate your own account.")})
    old_email = person.email
    could_log_in = person.is_active and person.has_usable_password()
    update_with_history(
        person,
        fields=PERSON_FIELDS,
        values=values,
        expected_version=expected_version,
        by=by,
        organisation=person.organisation,
        person=person,
    )
    if could_log_in and old_email and old_email != person.email:
        _tell_old_address(person=person, old_email=old_email, by=by)
    return person


def _tell_old_address(*, person, old_email: str, by) -> None:
    context = {"person": person, "by": by, "at": timezone.localtime()}
    send_mail(
        subject=_("Your e-mail address in Roder was changed"),
        message=render_to_string("organisation/email_changed_email.txt", context),
        from_email=None,
        recipient_list=[old_email],
    )


@transaction.atomic
def person_anonymise(*, person, expected_version: int, by) -> None:
    """Remove a person who has left: name, e-mail, user name and job title go, the account can
    no longer log in, their roles end (with history), and every copy of their names and e-mail
    addresses in history and other stored text (core.personal_data) becomes "borttagen person
    #<id>". Irreversible."""
    _allowed(by, person.organisation, lambda grants: can_anonymise_person(grants, person))
    with translation.override(settings.LANGUAGE_CODE):  # stored text: the site's language
        label = _("deleted person #%(id)s") % {"id": person.pk}
    leaver = personal_data.Leaver(
        person_id=person.pk,
        organisation_id=person.organisation_id,
        texts=_known_as(person),
        fields=PERSONAL_FIELDS,
        replacement=label,
    )
    username = f"borttagen-{person.pk}"
    if User.objects.filter(username__iexact=username).exclude(pk=person.pk).exists():
        raise ValidationError(
            _("Another account is called %(username)s; rename it first.") % {"username": username}
        )
    person.username, person.first_name, person.last_name = username, label, ""
    person.email = person.title = ""
    person.is_active = person.is_staff = person.is_superuser = False
    person.set_unusable_password()
    person.anonymised_at = timezone.now()
    fields = (
        *PERSONAL_FIELDS,
        "is_active",
        "is_staff",
        "is_superuser",
        "password",
        "anonymised_at",
    )
    save_versioned(person, expected_version=expected_version, fields=fields)
    for role in Role.objects.filter(person=person).select_related("unit__organisation"):
        _role_remove(role=role, by=by)
    personal_data.scrub(leaver)
    history_record(
        obj=person,
        action=HistoryAction.ANONYMISE,
        actor=by,
        organisation=person.organisation,
        person=person,
    )


def _known_as(person) -> tuple[str, ...]:
    """Every name and e-mail address the person had: now, and in their own history (an entry's
    object name is the person's name at the time; first and last names are also combined, for
    a person added without history)."""
    texts = {str(person), person.email, person.username}
    firsts, lasts = {person.first_name}, {person.last_name}
    for name, changes in HistoryEntry.objects.for_object(person).values_list(
        "object_repr", "changes"
    ):
        texts.add(name)
        texts.update(_values(changes, "email"))
        texts.update(_values(changes, "username"))
        firsts.update(_values(changes, "first_name"))
        lasts.update(_values(changes, "last_name"))
    texts.update(f"{first} {last}".strip() for first in firsts for last in lasts)
    return tuple(sorted(text for text in texts if text))


def _values(changes: dict, name: str) -> list[str]:
    change = changes.get(name)
    if not isinstance(change, dict):
        return []
    return [value for value in change.values() if isinstance(value, str)]
