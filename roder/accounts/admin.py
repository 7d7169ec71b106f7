from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from roder.accounts.models import FailedLogin, User


@admin.register(User)
class RoderUserAdmin(UserAdmin):
    fieldsets = (*UserAdmin.fieldsets, ("Roder", {"fields": ("organisation", "title")}))
    list_display = ("username", "first_name", "last_name", "email", "organisation", "is_active")
    list_filter = ("organisation", "is_active", "is_superuser")


@admin.register(FailedLogin)
class FailedLoginAdmin(admin.ModelAdmin):
    list_display = ("username", "ip_address", "at")
