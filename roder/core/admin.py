from django.contrib import admin
from django.http import HttpRequest

from roder.core.models import RateLimit


@admin.register(RateLimit)
class RateLimitAdmin(admin.ModelAdmin[RateLimit]):
    """Who is being held back. Deleting a row lets that key try again at once."""

    list_display = ("scope", "key", "count", "last_at", "next_allowed")
    list_filter = ("scope",)
    search_fields = ("key",)
    readonly_fields = ("scope", "key", "count", "last_at", "next_allowed")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
