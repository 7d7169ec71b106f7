from django.contrib import admin

from roder.organisation.admin import ReadOnlyAdmin
from roder.periods.models import ReportingPeriod


@admin.register(ReportingPeriod)
class ReportingPeriodAdmin(ReadOnlyAdmin):
    list_display = ("name", "organisation", "year", "kind", "starts", "ends", "status")
    list_filter = ("organisation", "year", "kind", "status")
