from django.urls import path

from roder.economy import views

app_name = "economy"

UNIT = "o/<slug:org>/units/<int:unit_pk>/economy/"

urlpatterns = [
    path("o/<slug:org>/economy/", views.index, name="index"),
    path(UNIT, views.overview, name="overview"),
    path(f"{UNIT}activities/", views.activity_table, name="activity_table"),
    path(f"{UNIT}years/", views.result_table, name="result_table"),
    path(f"{UNIT}followup/", views.followup, name="followup"),
    path(f"{UNIT}entry/", views.entry, name="entry"),
    path(f"{UNIT}import/", views.import_upload, name="import_upload"),
    path("o/<slug:org>/economy/imports/<int:pk>/", views.import_detail, name="import_detail"),
    path("o/<slug:org>/economy/categories/", views.category_list, name="account_categories"),
    path(
        "o/<slug:org>/economy/categories/defaults/",
        views.category_defaults,
        name="account_category_defaults",
    ),
    path(
        "o/<slug:org>/economy/categories/new/",
        views.category_form,
        name="account_category_create",
    ),
    path(
        "o/<slug:org>/economy/categories/<int:pk>/",
        views.category_form,
        name="account_category_edit",
    ),
    path("o/<slug:org>/economy/activities/", views.activity_list, name="activity_codes"),
    path(
        "o/<slug:org>/economy/activities/defaults/",
        views.activity_defaults,
        name="activity_code_defaults",
    ),
    path("o/<slug:org>/economy/activities/new/", views.activity_form, name="activity_code_create"),
    path(
        "o/<slug:org>/economy/activities/<int:pk>/",
        views.activity_form,
        name="activity_code_edit",
    ),
]
