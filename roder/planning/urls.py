from django.urls import path

from roder.planning import views

app_name = "planning"

urlpatterns = [
    path("o/<slug:org>/categories/", views.category_list, name="categories"),
    path("o/<slug:org>/categories/new/", views.category_form, name="category_create"),
    path(
        "o/<slug:org>/categories/defaults/",
        views.category_install_defaults,
        name="category_defaults",
    ),
    path("o/<slug:org>/categories/<int:pk>/edit/", views.category_form, name="category_edit"),
    path("o/<slug:org>/units/<int:unit_pk>/plans/", views.plan_list, name="plan_list"),
    path("o/<slug:org>/plans/<int:pk>/", views.plan_detail, name="plan_detail"),
    path("o/<slug:org>/plans/<int:pk>/edit/", views.plan_edit, name="plan_edit"),
    path(
        "o/<slug:org>/plans/<int:pk>/sections/<slug:key>/", views.section_edit, name="section_edit"
    ),
    path(
        "o/<slug:org>/plans/<int:pk>/areas/<int:category_pk>/",
        views.area_text_edit,
        name="area_text_edit",
    ),
    path("o/<slug:org>/plans/<int:plan_pk>/goals/new/", views.goal_create, name="goal_create"),
    path("o/<slug:org>/goals/<int:pk>/", views.goal_detail, name="goal_detail"),
    path("o/<slug:org>/goals/<int:pk>/edit/", views.goal_edit, name="goal_edit"),
    path("o/<slug:org>/goals/<int:pk>/links/", views.goal_link, name="goal_link"),
    path(
        "o/<slug:org>/goals/<int:pk>/links/<int:link_pk>/remove/",
        views.goal_unlink,
        name="goal_unlink",
    ),
]
