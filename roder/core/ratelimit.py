"""One rate limiter for every door a stranger can knock on: log-in, password reset, and later the
API, survey links and the complaint form (README.md, "Rate limits").

An attempt is counted under several keys at once (say the user name with the client address, and
the address alone), each with its own `Rule`. A key that has used its free attempts must wait
before its next one, the wait doubling with each further attempt up to a ceiling. Waits are a
stored next-allowed time: an attempt before it is refused with the seconds left, and nobody is
ever made to sleep inside a request. The count is kept in the database (`RateLimit`) so that
every web server shares it, and checking and counting happen in one locked transaction, so
parallel attempts are counted one after another instead of all passing the same check.
"""

import hashlib
import ipaddress
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import ngettext

from roder.core.models import RateLimit

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network

# A key without attempts for this long is deleted; no rule remembers longer than this.
FORGET_AFTER = timedelta(days=1)
KEY_LENGTH: int = RateLimit._meta.get_field("key").max_length or 200


@dataclass(frozen=True)
class Rule:
    """How one kind of key is limited: `free` attempts pass at once; after that each attempt
    makes the key wait `base` seconds, doubling with every further attempt, at most `most`.
    One attempt is forgiven for every `forgive` seconds since the key's last attempt."""

    name: str
    free: int
    base: int
    most: int
    forgive: int

    def wait(self, count: int) -> int:
        """Seconds before the next attempt of a key that has made `count` attempts."""
        if count < self.free:
            return 0
        return int(min(self.base * 2 ** (count - self.free), self.most))

    def counted(self, count: int, last_at: datetime, now: datetime) -> int:
        """The count after one more attempt at `now`, less what the quiet time forgives."""
        forgiven = int((now - last_at).total_seconds() // self.forgive)
        # Past the ceiling's count more attempts change nothing, and a capped count is
        # forgiven in bounded time.
        ceiling = self.free + math.ceil(math.log2(max(self.most / self.base, 1)))
        return min(max(count - forgiven, 0) + 1, ceiling)


class RateLimited(Exception):
    """The attempt was refused, nothing was counted; `seconds` until the key may try again."""

    def __init__(self, seconds: int) -> None:
        super().__init__(seconds)
        self.seconds = seconds

    @property
    def message(self) -> str:
        return ngettext(
            "Too many attempts. Try again in %(seconds)s second.",
            "Too many attempts. Try again in %(seconds)s seconds.",
            self.seconds,
        ) % {"seconds": self.seconds}


@dataclass(frozen=True)
class Attempt:
    """A counted attempt, returned by `hit`. Call `succeeded` when it turned out not to be a
    guess (the right password), so that people who get in are not counted against others."""

    rows: dict[tuple[str, str], Rule]

    def succeeded(self, *, forget: Iterable[Rule] = ()) -> None:
        """Take this attempt back from every key, and clear the keys of the `forget` rules."""
        forget = set(forget)
        with transaction.atomic():
            rows = RateLimit.objects.select_for_update().filter(_matching(self.rows))
            for row in rows.order_by("scope", "key"):  # the order `hit` locks them in
                rule = self.rows[(row.scope, row.key)]
                if rule in forget:
                    row.delete()
                    continue
                row.count = max(row.count - 1, 0)
                lifted = row.last_at + timedelta(seconds=rule.wait(row.count))
                row.next_allowed = min(row.next_allowed, lifted)
                row.save(update_fields=["count", "next_allowed"])


def hit(*, scope: str, keys: Sequence[tuple[Rule, str]]) -> Attempt:
    """Count one attempt at `scope` (e.g. "login") under every (rule, key) pair.

    Raises `RateLimited`, counting nothing, when any of the keys must still wait.
    """
    rows = {(f"{scope}:{rule.name}", _stored(key)): rule for rule, key in keys}
    # New keys start a minute in the past: another server's clock a little behind ours must
    # not see them as waiting.
    created = timezone.now() - timedelta(minutes=1)
    with transaction.atomic():
        # Inserting the missing rows first (one statement, a fixed order) also takes SQLite's
        # write lock before anything is read; on PostgreSQL the rows are then locked.
        RateLimit.objects.bulk_create(
            [
                RateLimit(scope=scope_name, key=key, last_at=created, next_allowed=created)
                for scope_name, key in sorted(rows)
            ],
            ignore_conflicts=True,
        )
        stored = list(
            RateLimit.objects.select_for_update().filter(_matching(rows)).order_by("scope", "key")
        )
        now = timezone.now()  # after waiting for the lock, not before
        waiting = max((row.next_allowed - now).total_seconds() for row in stored)
        if waiting > 0:
            raise RateLimited(math.ceil(waiting))
        for row in stored:
            rule = rows[(row.scope, row.key)]
            row.count = rule.counted(row.count, row.last_at, now)
            row.last_at = now
            if wait := rule.wait(row.count):
                row.next_allowed = now + timedelta(seconds=wait)
            row.save(update_fields=["count", "last_at", "next_allowed"])
    RateLimit.objects.filter(last_at__lt=now - FORGET_AFTER, next_allowed__lt=now).delete()
    return Attempt(rows=rows)


def client_address(request: HttpRequest) -> str:
    """The client a request comes from, as limits count it: REMOTE_ADDR, or, when that is a
    trusted proxy (RODER_TRUSTED_PROXIES), the last address in X-Forwarded-For that is not
    itself one (the ones before it are whatever the client chose to send). An IPv6 client is
    its /64 network, since one household or server commonly holds a whole /64."""
    address = _address(request.META.get("REMOTE_ADDR", ""))
    trusted = _networks(tuple(settings.RODER_TRUSTED_PROXIES))
    if address is not None and _within(address, trusted):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        for hop in reversed([_address(hop) for hop in forwarded]):
            if hop is None:
                break  # a garbled header: count the proxy rather than trust what came before
            address = hop
            if not _within(hop, trusted):
                break
    if address is None:
        return str(request.META.get("REMOTE_ADDR", ""))[:KEY_LENGTH]
    if address.version == 6:
        if address.ipv4_mapped is not None:
            return str(address.ipv4_mapped)
        return str(ipaddress.ip_network(f"{address}/64", strict=False))
    return str(address)


def _address(text: str) -> IPAddress | None:
    try:
        return ipaddress.ip_address(text.strip())
    except ValueError:
        return None


def _within(address: IPAddress, networks: tuple[IPNetwork, ...]) -> bool:
    return any(address in network for network in networks)


@cache
def _networks(entries: tuple[str, ...]) -> tuple[IPNetwork, ...]:
    try:
        return tuple(ipaddress.ip_network(entry, strict=False) for entry in entries)
    except ValueError as exc:
        raise ImproperlyConfigured(f"RODER_TRUSTED_PROXIES: {exc}") from exc


def _stored(key: str) -> str:
    """Keys fit the column; a longer one (a pasted essay as a user name) is stored hashed."""
    if len(key) <= KEY_LENGTH:
        return key
    return "sha256:" + hashlib.sha256(key.encode()).hexdigest()


def _matching(rows: Iterable[tuple[str, str]]) -> Q:
    query = Q(pk__in=[])
    for scope, key in rows:
        query |= Q(scope=scope, key=key)
    return query
