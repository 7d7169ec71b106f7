from django.urls import path

from roder.selfassessment import views

app_name = "selfassessment"

urlpatterns = [
    path("o/<slug:org>/units/<int:unit_pk>/self-assessment/", views.round_list, name="list"),
    path(
        "o/<slug:org>/units/<int:unit_pk>/self-assessment/compiled/",
        views.branch,
        name="branch",
    ),
    path("o/<slug:org>/self-assessment/<int:pk>/", views.round_detail, name="round"),
    path("o/<slug:org>/self-assessment/<int:pk>/close/", views.round_close, name="close"),
]
