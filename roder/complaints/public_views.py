"""The public form (no log-in) and its receipt, at /synpunkter/<organisation>/, outside the
organisation's logged-in pages.

Spam is refused without third parties: every submission is counted by the client's address
(`core.ratelimit`, scope "complaint-form"); a hidden field (honeypot) must stay empty; and the
browser answers a proof-of-work challenge (challenge.py). A browser without JavaScript sends no
answer: its submission is still taken, under a stricter limit. Every refusal says why in the
person's words and saves nothing.
"""

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from roder.complaints import challenge, deadlines, selectors, services
from roder.complaints.forms import CHALLENGE, HONEYPOT, PublicCaseForm
from roder.complaints.models import ComplaintSettings
from roder.core import ratelimit

# Every submission from an address; and those without the proof of work (no JavaScript),
# more strictly.
SUBMIT_RULE = ratelimit.Rule(name="address", free=10, base=30, most=60 * 60, forgive=10 * 60)
UNCHECKED_RULE = ratelimit.Rule(
    name="unchecked", free=3, base=2 * 60, most=60 * 60, forgive=30 * 60
)


def _open(organisation: str) -> ComplaintSettings:
    found = selectors.open_form(organisation)
    if found is None:
        raise Http404
    return found


def _refusal(request: HttpRequest) -> tuple[str, int] | None:
    """Why the submission is refused before its content is looked at (and the status to
    answer with), or None."""
    answer = request.POST.get(CHALLENGE, "").strip()
    address = ratelimit.client_address(request)
    keys = [(SUBMIT_RULE, address)]
    if not answer:
        keys.append((UNCHECKED_RULE, address))
    try:
        ratelimit.hit(scope="complaint-form", keys=keys)
    except ratelimit.RateLimited as error:
        return error.message, 429
    if request.POST.get(HONEYPOT, ""):
        return _(
            "Your case could not be received: the field that is to be left empty was filled in."
        ), 400
    if answer:
        try:
            challenge.verify(answer)
        except challenge.ChallengeRefused as refused:
            return refused.message, 400
    return None


def _page(
    request: HttpRequest, settings: ComplaintSettings, form: PublicCaseForm, status: int = 200
) -> HttpResponse:
    context = {
        "settings": settings,
        "organisation": settings.organisation,
        "form": form,
        "challenge": challenge.issue(),
    }
    return render(request, "complaints/public_form.html", context, status=status)


@require_http_methods(["GET", "POST"])
def public_form(request: HttpRequest, organisation: str) -> HttpResponse:
    settings = _open(organisation)
    org = settings.organisation
    offered = list(selectors.services_of(org, active_only=True))
    if request.method != "POST":
        return _page(request, settings, PublicCaseForm(services=offered))
    form = PublicCaseForm(request.POST, request.FILES, services=offered)
    refusal = _refusal(request)
    if refusal is not None:
        message, status = refusal
        form.is_valid()  # shows the values again; nothing is saved
        form.add_error(None, message)
        return _page(request, settings, form, status=status)
    if form.is_valid():
        data = form.cleaned_data
        try:
            case = services.case_submit(
                organisation=org,
                kind=data["kind"],
                description=data["description"],
                service=data["service"],
                name=data["name"],
                email=data["email"],
                phone=data["phone"],
                anonymous=data["anonymous"],
                uploads=data["attachments"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            mailed = services.receipt_send(case)
            token = services.receipt_token(case, mailed=mailed)
            return redirect("complaints:public_receipt", organisation=org.slug, token=token)
    return _page(request, settings, form)


@require_GET
def public_receipt(request: HttpRequest, organisation: str, token: str) -> HttpResponse:
    settings = _open(organisation)
    found = services.receipt_for(token, settings.organisation)
    if found is None:
        raise Http404
    case, mailed = found
    context = {
        "settings": settings,
        "organisation": settings.organisation,
        "case": case,
        "mailed": mailed,
        "promises": deadlines.promises(case),
    }
    return render(request, "complaints/public_receipt.html", context)
