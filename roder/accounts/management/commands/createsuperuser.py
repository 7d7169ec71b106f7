import os

from django.contrib.auth.management.commands import createsuperuser
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import CommandError


class Command(createsuperuser.Command):
    """Django's createsuperuser, which also checks a password given in DJANGO_SUPERUSER_PASSWORD
    (with --noinput) against AUTH_PASSWORD_VALIDATORS; Django checks only typed ones."""

    def handle(self, *args, **options):
        password = os.environ.get("DJANGO_SUPERUSER_PASSWORD")
        if not options["interactive"] and password is not None:
            field = self.UserModel.USERNAME_FIELD
            username = options[field] or os.environ.get(f"DJANGO_SUPERUSER_{field.upper()}")
            email = options.get("email") or os.environ.get("DJANGO_SUPERUSER_EMAIL", "")
            try:
                validate_password(password, self.UserModel(**{field: username, "email": email}))
            except ValidationError as error:
                raise CommandError("; ".join(error.messages)) from None
        return super().handle(*args, **options)
