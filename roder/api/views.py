"""The API tokens page: make, list and revoke tokens (the account menu, "API tokens")."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from roder.api import services
from roder.api.access import get_token_to_revoke, tokens_for
from roder.api.forms import RevokeForm, TokenForm
from roder.core.forms import add_service_errors
from roder.organisation.access import organisation_view


@require_http_methods(["GET", "POST"])
@organisation_view
def tokens(request):
    grants = request.grants
    form = TokenForm(
        request.POST or None,
        units=grants.visible_units().order_by("path"),
        may_make_service_tokens=grants.is_organisation_administrator,
    )
    secret = ""
    if request.method == "POST" and form.is_valid():
        try:
            token, secret = services.token_create(
                grants=grants, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The token %(name)s was made.") % {"name": token.name})
            form = TokenForm(
                units=grants.visible_units().order_by("path"),
                may_make_service_tokens=grants.is_organisation_administrator,
            )
    context = {
        "form": form,
        "secret": secret,
        "tokens": tokens_for(grants),
        "docs_url": reverse("api-v1:openapi-view"),
        "api_url": request.build_absolute_uri(
            reverse("api-v1:outcomes", kwargs={"org": grants.organisation.slug})
        ),
    }
    return render(request, "api/tokens.html", context)


@require_POST
@organisation_view
def revoke(request, pk: int):
    token = get_token_to_revoke(request.grants, pk)
    form = RevokeForm(request.POST)
    if form.is_valid():
        try:
            services.token_revoke(
                token=token, expected_version=form.cleaned_data["version"], by=request.user
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The token %(name)s was revoked.") % {"name": token.name})
    return redirect("api:tokens", org=request.grants.organisation.slug)
