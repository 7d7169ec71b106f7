"""Reminders of the wheel's events, sent by `manage.py send_reminders` (followup's command
calls `send_event_reminders`): the people of an event's unit and of the units below it are told
RODER_WHEEL_REMINDER_DAYS days before each day the event happens on, when the event asks for
reminders (report due dates have followup's own reminders). Each person is told once per event
and day (notices.notify's key); whether it is also mailed is their
choice on the mail settings page (the kind `wheel_reminder`)."""

import datetime

from django.conf import settings
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from roder.notices import services as notices
from roder.notices.kinds import Kind
from roder.organisation.models import Organisation, Role, Unit
from roder.wheel import selectors
from roder.wheel.models import WheelEvent

KIND = Kind(
    "wheel_reminder",
    gettext_lazy("An event or date on the annual wheel is coming up"),
    gettext_lazy("A meeting of your unit or a date of the annual wheel, a few days before."),
    mail_default=True,
)


def _people_below(units: list[Unit]) -> dict[int, list]:
    """{unit pk: the active people with a role on the unit or a unit below it} (one query)."""
    if not units:
        return {}
    roles = list(
        Role.objects.filter(
            unit__organisation_id__in={u.organisation_id for u in units}, person__is_active=True
        ).select_related("person", "unit")
    )
    found: dict[int, list] = {}
    for unit in units:
        people = {r.person.pk: r.person for r in roles if r.unit.path.startswith(unit.path)}
        found[unit.pk] = list(people.values())
    return found


def send_event_reminders(*, today: datetime.date) -> int:
    """Remind of the events happening RODER_WHEEL_REMINDER_DAYS days from `today`. Returns the
    number of notifications made."""
    day = today + datetime.timedelta(days=settings.RODER_WHEEL_REMINDER_DAYS)
    made = 0
    organisations = Organisation.objects.filter(
        pk__in=WheelEvent.objects.filter(remind=True).values("organisation")
    )
    for organisation in organisations:
        found = [
            o
            for o in selectors.occurrences(
                organisation, day, day, keep=lambda o: o.unit is not None, remind_only=True
            )
        ]
        people = _people_below([o.unit for o in found if o.unit is not None])
        for occurrence in found:
            assert occurrence.unit is not None
            made += _remind(organisation, occurrence, people[occurrence.unit.pk])
    return made


def _remind(organisation: Organisation, occurrence, people: list) -> int:
    with notices.language():
        names = {
            "event": occurrence.title,
            "unit": occurrence.unit.name,
            "day": formats.date_format(occurrence.day, "j F Y"),
        }
        subject = _("%(event)s (%(unit)s) on %(day)s") % names
        text = _("%(event)s of %(unit)s is on %(day)s.") % names
        if occurrence.start_time:
            text += " " + _("It starts at %(time)s.") % {
                "time": occurrence.start_time.strftime("%H:%M")
            }
    return len(
        notices.notify(
            kind=KIND.key,
            recipients=people,
            subject=subject,
            text=text,
            url=occurrence.url,
            key=f"{KIND.key}:{occurrence.uid}",
            organisation=organisation,
        )
    )
