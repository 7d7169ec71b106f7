from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from roder.accounts import limits
from roder.core.ratelimit import RateLimited


class RateLimitedLogin:
    """Counts every log-in attempt on the shared limits before the password is checked
    (`roder.accounts.limits`), so parallel guesses are counted too; a refused attempt says how
    many seconds to wait. Mixed into each log-in form: the log-in page and the admin site."""

    def clean(self):
        username = self.cleaned_data.get("username")
        if username is None or not self.cleaned_data.get("password"):
            return super().clean()  # nothing is checked, so nothing is counted
        try:
            attempt = limits.login_attempt(self.request, username)
        except RateLimited as refused:
            raise forms.ValidationError(refused.message, code="throttled") from None
        cleaned = super().clean()  # a wrong password raises here and stays counted
        limits.login_succeeded(attempt)
        return cleaned


class RateLimitedAuthenticationForm(RateLimitedLogin, AuthenticationForm):
    # Django's text adds that both fields may be case-sensitive; Roder's user names are not
    # (they are NFKC-normalised and case-folded), only passwords are.
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _(
            "The user name or the password is wrong. Note that the password is case-sensitive."
        ),
    }


class RateLimitedAdminAuthenticationForm(RateLimitedLogin, AdminAuthenticationForm):
    pass
