from django.urls import path

from roder.indicators import views

app_name = "indicators"

urlpatterns = [
    path("o/<slug:org>/indicators/", views.indicator_list, name="list"),
    path("o/<slug:org>/indicators/new/", views.indicator_form, name="create"),
    path("o/<slug:org>/indicators/<int:pk>/", views.indicator_detail, name="detail"),
    path("o/<slug:org>/indicators/<int:pk>/edit/", views.indicator_form, name="edit"),
    path(
        "o/<slug:org>/indicators/<int:pk>/comparisons/", views.comparison_add, name="comparison_add"
    ),
    path("o/<slug:org>/goals/<int:goal_pk>/indicators/", views.goal_attach, name="goal_attach"),
    path(
        "o/<slug:org>/goals/<int:goal_pk>/indicators/<int:link_pk>/remove/",
        views.goal_detach,
        name="goal_detach",
    ),
    path(
        "o/<slug:org>/goals/<int:goal_pk>/indicators/<int:indicator_pk>/targets/",
        views.target_edit,
        name="targets",
    ),
]
