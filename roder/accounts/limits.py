"""The rate limits on logging in and on asking for a password-reset mail (README.md, "Rules").

Both use the shared limiter in `roder.core.ratelimit`. A log-in is counted under the user name
with the client address (strict), the address alone (loose: an office shares one), and the user
name alone (loose, and skipped in a browser that has logged in with that name before, so that
guesses from elsewhere never hold the real person back at their own computer).
"""

from django.conf import settings
from django.contrib.auth import get_user_model

from roder.core import ratelimit
from roder.core.ratelimit import Rule

PER_USER_AND_ADDRESS = Rule("user+address", free=5, base=2, most=300, forgive=300)
PER_ADDRESS = Rule("address", free=30, base=2, most=300, forgive=60)
PER_USER = Rule("user", free=10, base=2, most=60, forgive=300)

RESET_PER_ADDRESS = Rule("address", free=5, base=60, most=3600, forgive=600)
RESET_PER_EMAIL = Rule("email", free=3, base=60, most=3600, forgive=3600)

# A signed cookie naming the user who last logged in in this browser (or chose a password in
# it from a mailed link): that browser is not held back by guesses at the name from elsewhere.
KNOWN_COOKIE = "roder_known"
KNOWN_SALT = "roder.accounts.known"
KNOWN_DAYS = 365


def login_attempt(request, username: str) -> ratelimit.Attempt:
    """Count a log-in attempt; raises `ratelimit.RateLimited` when it must wait."""
    name = get_user_model().normalize_username(username)
    address = ratelimit.client_address(request)
    keys = [(PER_USER_AND_ADDRESS, f"{address} {name}"), (PER_ADDRESS, address)]
    if not _known(request, name):
        keys.append((PER_USER, name))
    return ratelimit.hit(scope="login", keys=keys)


def login_succeeded(attempt: ratelimit.Attempt) -> None:
    """The right password: the attempt does not count, and this address's misses are forgiven."""
    attempt.succeeded(forget=[PER_USER_AND_ADDRESS])


def reset_attempt(request, email: str) -> ratelimit.Attempt:
    """Count a request for a reset mail, per address and per e-mail address (mail flooding)."""
    address = ratelimit.client_address(request)
    keys = [(RESET_PER_ADDRESS, address), (RESET_PER_EMAIL, email.strip().casefold())]
    return ratelimit.hit(scope="password-reset", keys=keys)


def remember_browser(response, user) -> None:
    """Mark this browser as one where `user` has proved who they are."""
    response.set_signed_cookie(
        KNOWN_COOKIE,
        user.get_username(),
        salt=KNOWN_SALT,
        max_age=KNOWN_DAYS * 24 * 60 * 60,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


def _known(request, name: str) -> bool:
    known = request.get_signed_cookie(
        KNOWN_COOKIE, default=None, salt=KNOWN_SALT, max_age=KNOWN_DAYS * 24 * 60 * 60
    )
    return known is not None and known == name
