from django.contrib import admin

from roder.economy.models import AccountCategory, Activity, BudgetLine, LedgerImport
from roder.organisation.admin import ReadOnlyAdmin


@admin.register(AccountCategory)
class AccountCategoryAdmin(ReadOnlyAdmin):
    list_display = ("code", "name", "kind", "activity_column", "organisation", "is_active")
    list_filter = ("organisation", "kind")


@admin.register(Activity)
class ActivityAdmin(ReadOnlyAdmin):
    list_display = ("code", "name", "organisation", "is_active")
    list_filter = ("organisation",)


@admin.register(BudgetLine)
class BudgetLineAdmin(ReadOnlyAdmin):
    list_display = ("unit", "year", "kind", "period", "category", "activity", "amount", "source")
    list_filter = ("kind", "year", "unit__organisation")


@admin.register(LedgerImport)
class LedgerImportAdmin(ReadOnlyAdmin):
    list_display = ("file_name", "unit", "status", "row_count", "created_by", "created_at")
    list_filter = ("status", "organisation")
