from django.contrib import admin

from roder.actions.models import Action, ActionNote
from roder.organisation.admin import ReadOnlyAdmin


@admin.register(Action)
class ActionAdmin(ReadOnlyAdmin):
    list_display = ("title", "unit", "responsible", "due", "status")
    list_filter = ("status", "unit__organisation")
    search_fields = ("title",)


@admin.register(ActionNote)
class ActionNoteAdmin(ReadOnlyAdmin):
    list_display = ("action", "written_by", "written_at")
