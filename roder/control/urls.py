from django.urls import path

from roder.control import views

app_name = "control"

urlpatterns = [
    path("o/<slug:org>/control/", views.overview, name="overview"),
    path("o/<slug:org>/control/matrix/", views.matrix, name="matrix"),
    path("o/<slug:org>/units/<int:unit_pk>/control/", views.plan_list, name="plan_list"),
    path("o/<slug:org>/control/plans/<int:pk>/", views.plan_detail, name="plan_detail"),
    path("o/<slug:org>/control/plans/<int:pk>/edit/", views.plan_edit, name="plan_edit"),
    path("o/<slug:org>/control/plans/<int:pk>/risks/", views.risk_analysis, name="risk_analysis"),
    path(
        "o/<slug:org>/control/plans/<int:plan_pk>/risks/new/",
        views.risk_create,
        name="risk_create",
    ),
    path("o/<slug:org>/control/risks/<int:pk>/edit/", views.risk_edit, name="risk_edit"),
    path(
        "o/<slug:org>/control/risks/<int:risk_pk>/controls/new/",
        views.control_create,
        name="control_create",
    ),
    path("o/<slug:org>/control/controls/<int:pk>/edit/", views.control_edit, name="control_edit"),
    path(
        "o/<slug:org>/control/plans/<int:pk>/periods/<int:period_pk>/",
        views.results,
        name="results",
    ),
    path("o/<slug:org>/control/plans/<int:pk>/followup/", views.followup, name="followup"),
]
