from django.urls import path

from roder.surveys import pages, results_pages, views

app_name = "surveys"

urlpatterns = [
    path("s/o/<str:token>/", views.answer_open, name="answer_open"),
    path("s/p/<str:token>/", views.answer_personal, name="answer_personal"),
    path("s/tack/", views.thanks, name="thanks"),
    path("o/<slug:org>/surveys/", pages.overview, name="overview"),
    path(
        "o/<slug:org>/surveys/questionnaires/import/",
        pages.questionnaire_import,
        name="questionnaire_import",
    ),
    path(
        "o/<slug:org>/surveys/questionnaires/<int:pk>/",
        pages.questionnaire_detail,
        name="questionnaire_detail",
    ),
    path(
        "o/<slug:org>/surveys/questionnaires/<int:pk>/export/",
        pages.questionnaire_export,
        name="questionnaire_export",
    ),
    path(
        "o/<slug:org>/surveys/questionnaires/<int:pk>/copy/",
        pages.questionnaire_copy,
        name="questionnaire_copy",
    ),
    path(
        "o/<slug:org>/surveys/questionnaires/<int:pk>/take-into-use/",
        pages.questionnaire_take_into_use,
        name="questionnaire_take_into_use",
    ),
    path(
        "o/<slug:org>/surveys/results/import/",
        results_pages.results_import,
        name="results_import",
    ),
    path("o/<slug:org>/surveys/rounds/new/", pages.round_unit_choice, name="round_unit_choice"),
    path(
        "o/<slug:org>/surveys/rounds/new/<int:unit_pk>/",
        pages.round_create,
        name="round_create",
    ),
    path("o/<slug:org>/surveys/rounds/<int:pk>/", views.round_results, name="round_results"),
    path("o/<slug:org>/surveys/rounds/<int:pk>/report/", views.round_report, name="round_report"),
    path(
        "o/<slug:org>/surveys/rounds/<int:pk>/nyckeltal/",
        views.round_nyckeltal,
        name="round_nyckeltal",
    ),
    path(
        "o/<slug:org>/surveys/indicators/<int:pk>/link/",
        views.indicator_link,
        name="indicator_link",
    ),
    path("o/<slug:org>/surveys/rounds/<int:pk>/run/", pages.round_manage, name="round_manage"),
    path("o/<slug:org>/surveys/rounds/<int:pk>/send/", pages.round_send, name="round_send"),
    path("o/<slug:org>/surveys/rounds/<int:pk>/remind/", pages.round_remind, name="round_remind"),
    path("o/<slug:org>/surveys/rounds/<int:pk>/close/", pages.round_close, name="round_close"),
]
