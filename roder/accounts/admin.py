from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from roder.accounts.forms import RateLimitedAdminAuthenticationForm
from roder.accounts.models import User

# The admin site's log-in counts attempts on the same limits as the log-in page.
admin.site.login_form = RateLimitedAdminAuthenticationForm


@admin.register(User)
class RoderUserAdmin(UserAdmin):
    fieldsets = (*(UserAdmin.fieldsets or ()), ("Roder", {"fields": ("organisation", "title")}))
    list_display = ("username", "first_name", "last_name", "email", "organisation", "is_active")
    list_filter = ("organisation", "is_active", "is_superuser")
