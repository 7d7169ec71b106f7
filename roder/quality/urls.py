from django.urls import path

from roder.quality import views

app_name = "quality"

Q = "o/<slug:org>/quality/"

urlpatterns = [
    path(Q, views.index, name="index"),
    # frameworks
    path(Q + "frameworks/", views.framework_list, name="framework_list"),
    path(Q + "frameworks/import/", views.framework_import, name="framework_import"),
    path(Q + "frameworks/<int:pk>/", views.framework_detail, name="framework_detail"),
    path(Q + "frameworks/<int:pk>/export/", views.framework_export, name="framework_export"),
    path(Q + "frameworks/<int:pk>/copy/", views.framework_copy, name="framework_copy"),
    path(Q + "frameworks/<int:pk>/edit/", views.framework_edit, name="framework_edit"),
    path(Q + "frameworks/<int:pk>/areas/new/", views.area_create, name="area_create"),
    path(Q + "areas/<int:pk>/edit/", views.area_edit, name="area_edit"),
    path(Q + "areas/<int:area_pk>/sub-areas/new/", views.sub_area_create, name="sub_area_create"),
    path(Q + "sub-areas/<int:pk>/edit/", views.sub_area_edit, name="sub_area_edit"),
    path(Q + "areas/<int:area_pk>/questions/new/", views.question_create, name="question_create"),
    path(Q + "questions/<int:pk>/edit/", views.question_edit, name="question_edit"),
    path(
        Q + "frameworks/<int:pk>/references/new/", views.reference_create, name="reference_create"
    ),
    path(Q + "references/<int:pk>/edit/", views.reference_edit, name="reference_edit"),
    # evaluations
    path(Q + "evaluations/new/", views.evaluation_create, name="evaluation_create"),
    path(Q + "evaluations/<int:pk>/", views.evaluation_detail, name="evaluation_detail"),
    path(Q + "evaluations/<int:pk>/edit/", views.evaluation_edit, name="evaluation_edit"),
    path(Q + "evaluations/<int:pk>/areas/<int:area_pk>/", views.area_score, name="area_score"),
    path(Q + "evaluations/<int:pk>/findings/new/", views.finding_create, name="finding_create"),
    path(Q + "evaluations/<int:pk>/compare/", views.evaluation_compare, name="evaluation_compare"),
    path(Q + "evaluations/<int:pk>/report/", views.evaluation_report, name="evaluation_report"),
    path(Q + "findings/<int:pk>/edit/", views.finding_edit, name="finding_edit"),
    path(Q + "findings/<int:pk>/delete/", views.finding_delete, name="finding_delete"),
    path(Q + "findings/<int:pk>/action/", views.finding_action, name="finding_action"),
    # Kvalitetsutmärkelsen entries
    path(Q + "entries/new/", views.entry_create, name="entry_create"),
    path(Q + "entries/<int:pk>/", views.entry_detail, name="entry_detail"),
    path(Q + "entries/<int:pk>/edit/", views.entry_edit, name="entry_edit"),
    path(Q + "entries/<int:pk>/report/", views.entry_report, name="entry_report"),
    path(Q + "answers/<int:pk>/", views.answer_edit, name="answer_edit"),
    path(Q + "answers/<int:pk>/figures/", views.answer_figures, name="answer_figures"),
    path(Q + "feedback/<int:pk>/", views.feedback_edit, name="feedback_edit"),
]
