"""The public form's proof of work (ALTCHA's format): the server hands out a challenge, the
browser finds the number that solves it, the server checks the answer. No third party: the
challenge is made and verified here with the `altcha` package's v1 functions, and solved in the
browser by static/roder/challenge.js with SHA-256 from Web Crypto.

A challenge is the SHA-256 of a random salt (carrying its expiry) followed by a secret number
between 0 and RODER_COMPLAINT_CHALLENGE_MAX, signed with an HMAC keyed from SECRET_KEY. The
browser tries numbers until the hash matches and sends back the salt, the number and the
signature. The server checks the signature, the expiry and the hash, and then that the
challenge was not used before: its signature is counted once by the shared rate limiter
(`core.ratelimit`, scope "complaint-challenge"), whose row outlives the challenge.
"""

import base64
import datetime
import json
from dataclasses import dataclass
from typing import Any, Final, Literal

import altcha
from django.conf import settings
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from roder.core import ratelimit

ALGORITHM: Final = "SHA-256"
# How long a challenge can be answered: long enough to write a complaint in peace.
LIFETIME = datetime.timedelta(hours=2)
# One use per challenge: the first attempt passes, the next waits longer than the challenge
# lives.
ONCE = ratelimit.Rule(name="once", free=1, base=3 * 60 * 60, most=3 * 60 * 60, forgive=3 * 60 * 60)


class ChallengeRefused(Exception):
    """The answer to the challenge does not hold; `message` says why, in the person's words."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Challenge:
    algorithm: Literal["SHA-256"]
    challenge: str
    salt: str
    signature: str
    max_number: int

    def as_json(self) -> str:
        return json.dumps(
            {
                "algorithm": self.algorithm,
                "challenge": self.challenge,
                "salt": self.salt,
                "signature": self.signature,
                "maxnumber": self.max_number,
            }
        )


def _key() -> str:
    return salted_hmac("roder.complaints.challenge", "key", algorithm="sha256").hexdigest()


def issue(*, now: datetime.datetime | None = None) -> Challenge:
    """A new challenge, valid for LIFETIME."""
    expires = (now or timezone.now()) + LIFETIME
    made = altcha.create_challenge_v1(
        algorithm=ALGORITHM,
        max_number=settings.RODER_COMPLAINT_CHALLENGE_MAX,
        salt_length=12,
        hmac_key=_key(),
        salt="",
        number=None,
        expires=expires,
        params=None,
    )
    return Challenge(ALGORITHM, made.challenge, made.salt, made.signature, made.max_number)


def solution(challenge: Challenge, number: int) -> str:
    """The answer as the browser sends it (base64 of a JSON object); for the tests."""
    payload = {
        "algorithm": challenge.algorithm,
        "challenge": challenge.challenge,
        "number": number,
        "salt": challenge.salt,
        "signature": challenge.signature,
    }
    return base64.b64encode(json.dumps(payload).encode()).decode()


def solve(challenge: Challenge) -> str:
    """Find the number as the browser does (tests and the demo's checks)."""
    found = altcha.solve_challenge_v1(
        challenge.challenge, challenge.salt, ALGORITHM, challenge.max_number, 0
    )
    assert found is not None
    return solution(challenge, found.number)


def _payload(answer: str) -> dict[str, Any]:
    try:
        payload = json.loads(base64.b64decode(answer, validate=True).decode())
    except ValueError:
        payload = None
    if not isinstance(payload, dict) or payload.get("algorithm") != ALGORITHM:
        raise ChallengeRefused(_("The check that you are not a robot failed. Send the form again."))
    return payload


def verify(answer: str) -> None:
    """Accept the answer once: raises ChallengeRefused when its signature, its number or its
    expiry does not hold, or when it was used before."""
    payload = _payload(answer)
    try:
        ok, _error = altcha.verify_solution_v1(payload, _key(), True)  # type: ignore[call-overload]
    except (KeyError, TypeError, ValueError):
        ok = False
    if not ok:
        expired = _expired(payload)
        raise ChallengeRefused(
            _("The check that you are not a robot has expired. Send the form again.")
            if expired
            else _("The check that you are not a robot failed. Send the form again.")
        )
    try:
        ratelimit.hit(scope="complaint-challenge", keys=[(ONCE, str(payload["signature"]))])
    except ratelimit.RateLimited:
        raise ChallengeRefused(
            _("The check that you are not a robot was already used. Send the form again.")
        ) from None


def _expired(payload: dict[str, Any]) -> bool:
    """Whether the salt's own expiry has passed (the signature is checked separately)."""
    salt = str(payload.get("salt", ""))
    for part in salt.split("?", 1)[-1].split("&"):
        name, _sep, value = part.partition("=")
        if name == "expires" and value.isdigit():
            return int(value) < timezone.now().timestamp()
    return False
