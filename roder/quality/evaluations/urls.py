from django.urls import path

from roder.quality.evaluations import views

# Included by roder/quality/urls.py under "o/<slug:org>/quality/", in the "quality" namespace.
urlpatterns = [
    path("evaluations/new/", views.evaluation_create, name="evaluation_create"),
    path("evaluations/<int:pk>/", views.evaluation_detail, name="evaluation_detail"),
    path("evaluations/<int:pk>/edit/", views.evaluation_edit, name="evaluation_edit"),
    path("evaluations/<int:pk>/areas/<int:area_pk>/", views.area_score, name="area_score"),
    path("evaluations/<int:pk>/findings/new/", views.finding_create, name="finding_create"),
    path("evaluations/<int:pk>/compare/", views.evaluation_compare, name="evaluation_compare"),
    path("evaluations/<int:pk>/report/", views.evaluation_report, name="evaluation_report"),
    path("findings/<int:pk>/edit/", views.finding_edit, name="finding_edit"),
    path("findings/<int:pk>/delete/", views.finding_delete, name="finding_delete"),
    path("findings/<int:pk>/action/", views.finding_action, name="finding_action"),
]
