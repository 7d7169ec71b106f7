"""Personal data scrubbers: remove a person who has left from the text Roder copied.

History snapshots, object names and imported rows keep copies of a person's name and e-mail
address. `organisation.services.person_anonymise` builds a `Leaver` and calls `scrub()`, which
runs the scrubbers here (history, the admin site's log) and those a higher app registered in its
`AppConfig.ready()` (economy: ledger import rows). Lower apps never import the higher ones.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q

from roder.core.models import HistoryEntry, RateLimit

# Shorter texts (a two-letter user name) would match ordinary words.
MIN_LENGTH = 3


@dataclass(frozen=True)
class Leaver:
    """What to remove: every text the person was known by (names, e-mail addresses), the
    person's own fields in their history, and the text to put in their place."""

    person_id: int
    organisation_id: int | None
    texts: tuple[str, ...]
    fields: tuple[str, ...]
    replacement: str

    @cached_property
    def _pattern(self) -> re.Pattern[str] | None:
        known = {text.strip() for text in self.texts if len(text.strip()) >= MIN_LENGTH}
        if not known:
            return None
        # Longest first, so "Anna Berg Ek" is replaced whole before "Anna Berg"; whole words only.
        choices = "|".join(re.escape(text) for text in sorted(known, key=len, reverse=True))
        return re.compile(rf"(?<!\w)(?:{choices})(?!\w)", re.IGNORECASE)

    def text(self, value: str) -> str:
        if self._pattern is None or not value:
            return value
        return self._pattern.sub(self.replacement, value)

    def value(self, value: Any) -> Any:
        """A JSON value with every string scrubbed (keys too: rows may be keyed by a name)."""
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, list):
            return [self.value(item) for item in value]
        if isinstance(value, dict):
            return {self.text(key): self.value(item) for key, item in value.items()}
        return value


Scrubber = Callable[[Leaver], int]
_scrubbers: dict[str, Scrubber] = {}


def register(name: str, scrubber: Scrubber) -> None:
    """Called from an app's ready(); a scrubber returns how many rows it changed."""
    _scrubbers[name] = scrubber


def scrub(leaver: Leaver) -> dict[str, int]:
    """Run every scrubber; the rows each changed, by name. Runs in the caller's transaction."""
    every = {
        "core.history": scrub_history,
        "admin.log": scrub_admin_log,
        "core.ratelimit": scrub_rate_limits,
        **_scrubbers,
    }
    return {name: scrubber(leaver) for name, scrubber in every.items()}


def scrub_history(leaver: Leaver) -> int:
    """History of the person's organisation, and entries by or about them anywhere."""
    person_type = ContentType.objects.get_for_model(get_user_model()).pk
    entries = HistoryEntry.objects.filter(
        Q(organisation_id=leaver.organisation_id)
        | Q(actor_id=leaver.person_id)
        | Q(person_id=leaver.person_id)
    ).only("object_repr", "changes", "content_type_id", "object_id")
    changed = []
    for entry in entries.iterator(chunk_size=2000):
        own = entry.content_type_id == person_type and entry.object_id == leaver.person_id
        object_repr = leaver.replacement if own else leaver.text(entry.object_repr)
        changes = leaver.value(entry.changes)
        if own:
            changes = _without_own_fields(changes, leaver)
        if (object_repr, changes) != (entry.object_repr, entry.changes):
            entry.object_repr, entry.changes = object_repr, changes
            changed.append(entry)
    HistoryEntry.objects.bulk_update(changed, ["object_repr", "changes"], batch_size=500)
    return len(changed)


def _without_own_fields(changes: dict[str, Any], leaver: Leaver) -> dict[str, Any]:
    """The person's former first name, title … in their own entries, whatever they were."""
    result = dict(changes)
    for name in leaver.fields:
        if isinstance(result.get(name), dict):
            sides = {
                side: (leaver.replacement if value else value)
                for side, value in result[name].items()
            }
            # "E-post: borttagen person #5 → borttagen person #5" would be a change of nothing.
            if len(set(map(str, sides.values()))) > 1:
                result[name] = sides
            else:
                del result[name]
    return result


def scrub_rate_limits(leaver: Leaver) -> int:
    """Log-in counts are keyed by the user name (and forgotten after a day); a leaver's go now."""
    keys = Q()
    for text in leaver.texts:
        if len(text.strip()) >= MIN_LENGTH:
            keys |= Q(key__icontains=text.strip())
    if not keys:
        return 0
    deleted, _by_model = RateLimit.objects.filter(keys).delete()
    return deleted


def scrub_admin_log(leaver: Leaver) -> int:
    """The Django admin site's log names the objects it changed."""
    if not apps.is_installed("django.contrib.admin"):
        return 0
    from django.contrib.admin.models import LogEntry

    changed = []
    for entry in LogEntry.objects.only("object_repr", "change_message").iterator(chunk_size=2000):
        object_repr, message = leaver.text(entry.object_repr), leaver.text(entry.change_message)
        if (object_repr, message) != (entry.object_repr, entry.change_message):
            entry.object_repr, entry.change_message = object_repr, message
            changed.append(entry)
    LogEntry.objects.bulk_update(changed, ["object_repr", "change_message"], batch_size=500)
    return len(changed)
