"""People (personer)."""

import unicodedata
from typing import ClassVar

from django.contrib.auth.models import AbstractUser
from django.contrib.auth.models import UserManager as DjangoUserManager
from django.db import models
from django.utils.translation import gettext_lazy as _

from roder.core.models import Versioned


class UserManager(DjangoUserManager["User"]):
    def get_by_natural_key(self, username):
        # Every log-in path (the log-in page, the admin site, createsuperuser) finds people
        # through this: what is typed is normalised as stored names are.
        return super().get_by_natural_key(self.model.normalize_username(username))


class User(AbstractUser, Versioned):
    """Person: someone who logs in to Roder. Belongs to one organisation; roles live on units."""

    organisation = models.ForeignKey(
        "organisation.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="people",
        verbose_name=_("organisation"),
    )
    title = models.CharField(_("job title"), max_length=200, blank=True)
    # Set once by organisation.services.person_anonymise; an anonymised person is never changed
    # again (nobody may give the emptied account an address and a log-in back).
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True, editable=False)

    objects: ClassVar[UserManager] = UserManager()

    class Meta(AbstractUser.Meta):
        # django-stubs types AbstractUser.Meta's names as str; Django takes lazy text here.
        verbose_name = _("person")  # type: ignore[assignment]
        verbose_name_plural = _("people")  # type: ignore[assignment]
        ordering = ["last_name", "first_name", "username"]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @classmethod
    def normalize_username(cls, username):
        """User names are compared as typed letters, not code points: NFKC folds full-width and
        other compatibility forms (`ｌasare` is `lasare`), casefold folds case (`Lasare`)."""
        if not isinstance(username, str):
            return username
        return unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", username).casefold())
