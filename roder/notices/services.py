"""Telling people: `notify` stores a notification per recipient and mails it after commit."""

import logging
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from roder.accounts.models import User
from roder.core.models import HistoryAction
from roder.core.services import history_record
from roder.notices import kinds
from roder.notices.models import MailChoice, Notification
from roder.organisation.models import Organisation

logger = logging.getLogger(__name__)

# Off while the demo is built: its notifications are stored, but nobody is mailed.
_mail_on: ContextVar[bool] = ContextVar("notices_mail_on", default=True)


@contextmanager
def without_mail() -> Iterator[None]:
    """Store notifications without mailing them (the demo data)."""
    token = _mail_on.set(False)
    try:
        yield
    finally:
        _mail_on.reset(token)


@contextmanager
def language() -> Iterator[None]:
    """The language notifications are written and mailed in. Roder stores no language per
    person, so every notice is in the site's language (Swedish)."""
    with translation.override(settings.LANGUAGE_CODE):
        yield


def absolute(url: str) -> str:
    """A link for a mail: RODER_BASE_URL in front of the page's path."""
    if not url or "://" in url:
        return url
    return settings.RODER_BASE_URL.rstrip("/") + "/" + url.lstrip("/")


def mails_kind(person: User, kind: kinds.Kind, choices: Mapping[str, bool] | None = None) -> bool:
    """Whether the person gets this kind by e-mail: their choice, else the kind's default."""
    if choices is None:
        choices = dict(MailChoice.objects.filter(person=person).values_list("kind", "mail"))
    return choices.get(kind.key, kind.mail_default)


@transaction.atomic
def notify(
    *,
    kind: str,
    recipients: Iterable[User],
    subject: str,
    text: str,
    url: str,
    key: str,
    organisation: Organisation | None = None,
) -> list[Notification]:
    """Tell each recipient once: a notification is stored per person and `key` (the same key
    again makes nothing new), and mailed after the transaction commits to those with an e-mail
    address who did not turn the kind off. Returns the notifications made now."""
    known = kinds.get(kind)
    people = {person.pk: person for person in recipients if person.is_active}
    done = set(
        Notification.objects.filter(recipient_id__in=people, key=key).values_list(
            "recipient_id", flat=True
        )
    )
    made = Notification.objects.bulk_create(
        [
            Notification(
                recipient=person,
                kind=known.key,
                organisation=organisation,
                subject=subject[:200],
                text=text,
                url=url,
                key=key,
            )
            for pk, person in people.items()
            if pk not in done
        ],
        ignore_conflicts=True,
    )
    choices = dict(
        MailChoice.objects.filter(
            person_id__in=[n.recipient_id for n in made], kind=known.key
        ).values_list("person_id", "mail")
    )
    mailed = [
        n for n in made if n.recipient.email and choices.get(n.recipient_id, known.mail_default)
    ]
    if mailed and _mail_on.get():
        transaction.on_commit(lambda: _send(mailed))
    return made


def _send(notifications: list[Notification]) -> None:
    # After the commit the change stands: a mail server that refuses is logged, not raised.
    for notification in notifications:
        with language():
            context = {
                "notification": notification,
                "link": absolute(notification.url),
                "settings_link": absolute(reverse("notices:mail_settings")),
            }
            message = render_to_string("notices/notification_email.txt", context)
        try:
            send_mail(
                subject=notification.subject,
                message=message,
                from_email=None,
                recipient_list=[notification.recipient.email],
            )
        except Exception:
            logger.exception("Could not mail notification %s", notification.pk)


@transaction.atomic
def mark_read(*, person: User, notification_ids: Iterable[int] | None = None) -> int:
    """Mark the person's notifications read (all unread ones without `notification_ids`);
    returns how many changed. Another person's notifications are never touched."""
    notifications = Notification.objects.unread().filter(recipient=person)
    if notification_ids is not None:
        notifications = notifications.filter(pk__in=list(notification_ids))
    return notifications.update(read_at=timezone.now())


@transaction.atomic
def mail_choices_save(*, person: User, mail: Mapping[str, bool], by: User | None) -> None:
    """Store the person's e-mail choice per kind (`mail`: kind key → send). A choice equal to
    the kind's default is stored too, so a later change of default does not change it."""
    stored = dict(MailChoice.objects.filter(person=person).values_list("kind", "mail"))
    for kind in kinds.all_kinds():
        if kind.key not in mail:
            continue
        before = stored.get(kind.key, kind.mail_default)
        if kind.key in stored and stored[kind.key] == mail[kind.key]:
            continue
        MailChoice.objects.update_or_create(
            person=person, kind=kind.key, defaults={"mail": mail[kind.key]}
        )
        if person.organisation is not None and before != mail[kind.key]:
            history_record(
                obj=person,
                action=HistoryAction.UPDATE,
                actor=by,
                organisation=person.organisation,
                person=person,
                before={_mail_label(kind): _yes_no(before)},
                after={_mail_label(kind): _yes_no(mail[kind.key])},
            )


def _mail_label(kind: kinds.Kind) -> str:
    return gettext("E-mail: %(kind)s") % {"kind": kind.label}


def _yes_no(value: bool) -> str:
    return gettext("yes") if value else gettext("no")
