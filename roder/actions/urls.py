from django.urls import path

from roder.actions import views

app_name = "actions"

urlpatterns = [
    path("o/<slug:org>/actions/", views.action_list, name="action_list"),
    path("o/<slug:org>/actions/export.xlsx", views.action_export, name="action_export"),
    path("o/<slug:org>/actions/new/", views.action_create, name="action_create"),
    path("o/<slug:org>/actions/<int:pk>/", views.action_detail, name="action_detail"),
    path("o/<slug:org>/actions/<int:pk>/edit/", views.action_edit, name="action_edit"),
    path("o/<slug:org>/actions/<int:pk>/status/", views.action_status, name="action_status"),
    path("o/<slug:org>/actions/<int:pk>/notes/", views.action_note, name="action_note"),
]
