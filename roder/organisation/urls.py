from django.urls import path

from roder.organisation import views

app_name = "organisation"

urlpatterns = [
    path("organisations/new/", views.organisation_create, name="organisation_create"),
    path("o/<slug:org>/", views.unit_tree, name="tree"),
    path("o/<slug:org>/units/new/", views.unit_create, name="unit_create"),
    path("o/<slug:org>/units/<int:pk>/", views.unit_detail, name="unit_detail"),
    path("o/<slug:org>/units/<int:pk>/edit/", views.unit_edit, name="unit_edit"),
    path("o/<slug:org>/units/<int:pk>/move/", views.unit_move, name="unit_move"),
    path("o/<slug:org>/units/<int:pk>/deactivate/", views.unit_deactivate, name="unit_deactivate"),
    path("o/<slug:org>/units/<int:pk>/roles/", views.role_grant, name="role_grant"),
    path(
        "o/<slug:org>/units/<int:pk>/roles/<int:role_pk>/revoke/",
        views.role_revoke,
        name="role_revoke",
    ),
    path("o/<slug:org>/people/", views.people_list, name="people"),
    path("o/<slug:org>/people/new/", views.person_create, name="person_create"),
    path("o/<slug:org>/people/<int:pk>/", views.person_detail, name="person_detail"),
    path("o/<slug:org>/people/<int:pk>/edit/", views.person_edit, name="person_edit"),
    path("o/<slug:org>/people/<int:pk>/invite/", views.person_invite, name="person_invite"),
    path(
        "o/<slug:org>/people/<int:pk>/anonymise/",
        views.person_anonymise,
        name="person_anonymise",
    ),
    path("o/<slug:org>/settings/", views.organisation_settings, name="settings"),
    path("o/<slug:org>/search/", views.search, name="search"),
]
