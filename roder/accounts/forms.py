from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from roder.accounts.models import FailedLogin


class ThrottledAuthenticationForm(AuthenticationForm):
    """The log-in form, refusing further tries for an account name after repeated failures."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "throttled": _(
            "Too many failed log-in attempts for this account. Try again in %(minutes)s minutes "
            "or reset your password."
        ),
    }

    def clean(self):
        username = (self.data.get("username") or "").strip()
        minutes = settings.LOGIN_FAILURE_WINDOW_MINUTES
        if username and (
            FailedLogin.objects.recent(username=username, minutes=minutes).count()
            >= settings.LOGIN_FAILURE_LIMIT
        ):
            raise forms.ValidationError(
                self.error_messages["throttled"], code="throttled", params={"minutes": minutes}
            )
        try:
            return super().clean()
        except forms.ValidationError:
            if username:
                FailedLogin.objects.create(
                    username=username[:150], ip_address=_client_ip(self.request)
                )
                FailedLogin.objects.older_than(days=1).delete()
            raise


def _client_ip(request) -> str | None:
    return request.META.get("REMOTE_ADDR") if request is not None else None
