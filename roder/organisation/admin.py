from django.contrib import admin

from roder.organisation.models import Organisation, Role, Unit


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "municipality_code")


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    """Read-only here: the tree is edited in Roder's own pages, which keep paths and history."""

    list_display = ("name", "code", "kind", "organisation", "valid_from", "valid_to")
    list_filter = ("organisation", "kind")
    search_fields = ("name", "code")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Role)
class RoleAdmin(admin.ModelAdmin):
    list_display = ("person", "kind", "unit")
    list_filter = ("kind", "unit__organisation")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
