from django.contrib import admin

from roder.complaints.models import Case, ComplaintSettings, Service
from roder.organisation.admin import ReadOnlyAdmin


@admin.register(ComplaintSettings)
class ComplaintSettingsAdmin(ReadOnlyAdmin):
    list_display = ("organisation", "form_title", "number_pattern")


@admin.register(Service)
class ServiceAdmin(ReadOnlyAdmin):
    list_display = ("name", "organisation", "unit", "active")


@admin.register(Case)
class CaseAdmin(ReadOnlyAdmin):
    # Only the handling, never the submitter's details or the texts.
    list_display = ("diary_number", "organisation", "kind", "unit", "status", "received_on")
    list_filter = ("status", "kind", "organisation")
    fields = ("diary_number", "organisation", "kind", "unit", "status", "received_on")
