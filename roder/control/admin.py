from django.contrib import admin

from roder.control.models import Control, ControlPlan, ControlResult, Risk, RiskMatrix
from roder.organisation.admin import ReadOnlyAdmin


@admin.register(RiskMatrix)
class RiskMatrixAdmin(ReadOnlyAdmin):
    list_display = ("organisation", "size")


@admin.register(ControlPlan)
class ControlPlanAdmin(ReadOnlyAdmin):
    list_display = ("unit", "year", "status")
    list_filter = ("year", "status", "unit__organisation")


@admin.register(Risk)
class RiskAdmin(ReadOnlyAdmin):
    list_display = ("process", "description", "plan", "probability", "consequence")
    search_fields = ("process", "description")


@admin.register(Control)
class ControlAdmin(ReadOnlyAdmin):
    list_display = ("step", "risk", "responsible")


@admin.register(ControlResult)
class ControlResultAdmin(ReadOnlyAdmin):
    list_display = ("control", "period", "outcome", "recorded_by", "recorded_at")
    list_filter = ("outcome",)
