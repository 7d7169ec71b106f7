from django.urls import path

from roder.quality.frameworks import views

# Included by roder/quality/urls.py under "o/<slug:org>/quality/", in the "quality" namespace.
urlpatterns = [
    path("frameworks/", views.framework_list, name="framework_list"),
    path("frameworks/import/", views.framework_import, name="framework_import"),
    path("frameworks/<int:pk>/", views.framework_detail, name="framework_detail"),
    path("frameworks/<int:pk>/export/", views.framework_export, name="framework_export"),
    path("frameworks/<int:pk>/copy/", views.framework_copy, name="framework_copy"),
    path("frameworks/<int:pk>/edit/", views.framework_edit, name="framework_edit"),
    path("frameworks/<int:pk>/areas/new/", views.area_create, name="area_create"),
    path("areas/<int:pk>/edit/", views.area_edit, name="area_edit"),
    path("areas/<int:area_pk>/sub-areas/new/", views.sub_area_create, name="sub_area_create"),
    path("sub-areas/<int:pk>/edit/", views.sub_area_edit, name="sub_area_edit"),
    path("areas/<int:area_pk>/questions/new/", views.question_create, name="question_create"),
    path("questions/<int:pk>/edit/", views.question_edit, name="question_edit"),
    path("frameworks/<int:pk>/references/new/", views.reference_create, name="reference_create"),
    path("references/<int:pk>/edit/", views.reference_edit, name="reference_edit"),
]
