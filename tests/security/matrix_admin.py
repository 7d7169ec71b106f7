"""The Django admin site in the persona × URL matrix (test_matrix.py): its rules and its URL
arguments, the same for every model it shows."""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.test import RequestFactory

from roder.organisation.models import Unit
from tests.security.matrix_checks import Redirect, Url, page, staff, view


def specs(pattern) -> list[Url]:
    """The Django admin site: staff only, everyone else is sent to its log-in page."""
    name = pattern.name or ""
    if not name.startswith("admin:"):
        return []
    if name == "admin:login":
        return [page(lambda ctx: 302 if staff(ctx) is None else None)]
    if name == "admin:logout":  # not staff: back to the admin index, which sends on to log-in
        to_index = lambda ctx: Redirect("/django-admin/") if staff(ctx) else None  # noqa: E731
        return [Url(get=(to_index, lambda ctx: 405), post=(to_index,))]
    if name == "admin:autocomplete":  # without its query parameters
        return [view(staff, ok=403)]
    if name == "admin:view_on_site":  # units have no page of their own outside Roder's
        return [view(staff, ok=404)]
    if "object_id" in pattern.kwargs:
        return [page(staff, _admin_permits(name), _missing_admin_object(name))]
    return [page(staff, _admin_permits(name))]


def _admin_permits(name: str):
    """Roder's own models are read-only in the admin: its ModelAdmin refuses adding and
    deleting (403) even to a superuser."""

    def check(ctx):
        for model, model_admin in admin.site._registry.items():
            prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}_"
            if not name.startswith(prefix):
                continue
            request = RequestFactory().get("/")
            request.user = ctx.user
            kind = name.removeprefix(prefix)
            if kind == "add" and not model_admin.has_add_permission(request):
                return 403
            if kind == "delete" and not model_admin.has_delete_permission(request):
                return 403
        return None

    return check


def _missing_admin_object(name: str):
    """A model without rows in the demo: the admin sends staff back to its index (302)."""
    return lambda ctx: 302 if _admin_object(name) == "0" else None


def _admin_object(name: str) -> str | None:
    """The first row of the model an admin page is about ("0": the model has none)."""
    for model in admin.site._registry:
        prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}_"
        if name.startswith(prefix):
            first = model._default_manager.order_by("pk").values_list("pk", flat=True).first()
            return "0" if first is None else str(first)
    return None


def value(url_name: str, argument: str):
    """A URL argument of an admin page, from the demo."""
    if argument == "app_label":
        return "organisation"
    if argument == "content_type_id":
        return ContentType.objects.get_by_natural_key("organisation", "unit").pk
    if url_name == "admin:view_on_site":
        return Unit.objects.order_by("pk").values_list("pk", flat=True)[0]
    if url_name == "admin:auth_user_password_change":  # UserAdmin's own name for it
        return str(get_user_model().objects.order_by("pk").values_list("pk", flat=True)[0])
    found = _admin_object(url_name)
    assert found is not None, f"{url_name}: no demo value for {argument!r}"
    return found
