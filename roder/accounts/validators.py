"""Password rules beyond Django's (AUTH_PASSWORD_VALIDATORS in config/settings.py)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


class DistinctCharactersValidator:
    """Refuses a password made of a few characters repeated ("aaaaaaaaaaaa", "abababababab"),
    which passes Django's length and common-password checks. Case does not count: "aAaA…" is
    one character."""

    def __init__(self, min_distinct: int = 6) -> None:
        self.min_distinct = min_distinct

    def validate(self, password: str, user=None) -> None:
        if len(set(password.casefold())) < self.min_distinct:
            raise ValidationError(
                _("This password has too few different characters: use at least %(min_distinct)d."),
                code="password_too_few_distinct_characters",
                params={"min_distinct": self.min_distinct},
            )

    def get_help_text(self) -> str:
        return _("Your password must contain at least %(min_distinct)d different characters.") % {
            "min_distinct": self.min_distinct
        }
