from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from roder.accounts.models import User
from roder.notices import services
from roder.notices.forms import MailSettingsForm
from roder.notices.models import MailChoice, Notification

PAGE_SIZE = 50


@require_GET
@login_required
def notification_list(request: HttpRequest) -> HttpResponse:
    """All the person's notifications, newest first, 50 a page."""
    assert isinstance(request.user, User)  # login_required
    mine = Notification.objects.filter(recipient=request.user)
    page = Paginator(mine, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"page": page, "unread_count": mine.unread().count()}
    return render(request, "notices/list.html", context)


@require_POST
@login_required
def mark_read(request: HttpRequest) -> HttpResponse:
    """Mark one notification read (`notification`), or all of the person's (none given)."""
    assert isinstance(request.user, User)  # login_required
    ids = [int(v) for v in request.POST.getlist("notification") if v.isdigit()]
    changed = services.mark_read(person=request.user, notification_ids=ids or None)
    if changed and not ids:
        messages.success(request, _("All notifications are marked read."))
    return redirect("notices:list")


@require_http_methods(["GET", "POST"])
@login_required
def mail_settings(request: HttpRequest) -> HttpResponse:
    """The person's own choice of e-mail: one checkbox per kind of notification."""
    assert isinstance(request.user, User)  # login_required
    choices = dict(MailChoice.objects.filter(person=request.user).values_list("kind", "mail"))
    data = request.POST if request.method == "POST" else None
    form = MailSettingsForm(data, choices=choices)
    if request.method == "POST" and form.is_valid():
        services.mail_choices_save(person=request.user, mail=form.cleaned_data, by=request.user)
        messages.success(request, _("Your choice of e-mail was saved."))
        return redirect("notices:mail_settings")
    return render(request, "notices/mail_settings.html", {"form": form})
