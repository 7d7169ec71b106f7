from django.urls import path

from roder.surveys import pages, views

app_name = "surveys"

urlpatterns = [
    path("s/o/<str:token>/", views.answer_open, name="answer_open"),
    path("s/p/<str:token>/", views.answer_personal, name="answer_personal"),
    path("s/tack/", views.thanks, name="thanks"),
    path("o/<slug:org>/surveys/", pages.overview, name="overview"),
    path("o/<slug:org>/surveys/rounds/<int:pk>/", views.round_results, name="round_results"),
]
