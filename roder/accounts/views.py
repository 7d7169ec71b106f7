from django.contrib.auth import views as auth_views
from django.urls import reverse_lazy

from roder.accounts import demo_accounts, limits
from roder.accounts.forms import RateLimitedAuthenticationForm
from roder.core.ratelimit import RateLimited


class LoginView(auth_views.LoginView):
    form_class = RateLimitedAuthenticationForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        response = super().form_valid(form)
        limits.remember_browser(response, form.get_user())
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Offered by the demo app; listed only in demo mode.
        context["demo_accounts"] = demo_accounts.listed()
        return context


class PasswordResetView(auth_views.PasswordResetView):
    success_url = reverse_lazy("accounts:password_reset_done")
    email_template_name = "registration/password_reset_email.txt"
    subject_template_name = "registration/password_reset_subject.txt"

    def form_valid(self, form):
        # Limited per address and per e-mail address, or anyone could flood a mailbox.
        try:
            limits.reset_attempt(self.request, form.cleaned_data["email"])
        except RateLimited as refused:
            form.add_error(None, refused.message)
            return self.form_invalid(form)
        return super().form_valid(form)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form):
        # The mailed link proves who this is: guesses at the name elsewhere do not hold this
        # browser back when the person logs in next.
        response = super().form_valid(form)
        limits.remember_browser(response, form.user)
        return response


class PasswordChangeView(auth_views.PasswordChangeView):
    success_url = reverse_lazy("accounts:password_change_done")
