"""What actions tell people (roder/notices): an action given to someone to be responsible for.
The kind is registered in `ActionsConfig.ready()`."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from roder.actions.models import Action
from roder.notices import kinds, services

ASSIGNED = kinds.Kind(
    "action_assigned",
    gettext_lazy("An action was given to you"),
    gettext_lazy("You were made responsible for an action."),
)


def responsible_set(action: Action, *, before_id: int | None, by) -> None:
    """Tell the responsible person, when the action has one and it is someone new (not the
    person who made the change)."""
    person = action.responsible
    if person is None or person.pk == before_id or person == by:
        return
    with services.language():
        names = {"title": action.title, "unit": action.unit.name}
        subject = _("You are responsible for the action %(title)s") % names
        text = _("You were made responsible for the action %(title)s (%(unit)s).") % names
        if by is not None:
            text += " " + _("By %(person)s.") % {"person": by}
    services.notify(
        kind=ASSIGNED.key,
        recipients=[person],
        subject=subject,
        text=text,
        url=reverse(
            "actions:action_detail", kwargs={"org": action.unit.organisation.slug, "pk": action.pk}
        ),
        key=f"{ASSIGNED.key}:{action.pk}:{action.version}",
        organisation=action.unit.organisation,
    )
