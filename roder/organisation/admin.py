from django.contrib import admin

from roder.organisation.models import Organisation, Role, Unit


class ReadOnlyAdmin(admin.ModelAdmin):
    """Roder's own pages edit these, keeping paths, validation and history; the admin only reads."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Organisation)
class OrganisationAdmin(ReadOnlyAdmin):
    list_display = ("name", "slug", "municipality_code")


@admin.register(Unit)
class UnitAdmin(ReadOnlyAdmin):
    list_display = ("name", "code", "kind", "organisation", "valid_from", "valid_to")
    list_filter = ("organisation", "kind")
    search_fields = ("name", "code")


@admin.register(Role)
class RoleAdmin(ReadOnlyAdmin):
    list_display = ("person", "kind", "unit")
    list_filter = ("kind", "unit__organisation")
